#!/usr/bin/env bash
# Runs each fuzz target in turn for FUZZ_SECONDS (default 600), with the limits of
# docs/reliability.md: 10 s for one input, 2 GiB of memory. Every target runs even when one
# finds something; the exit status is 1 when any did. Each target's libFuzzer output goes to
# fuzz/logs/<target>.log, and what it found to fuzz/artifacts/<target>/.
# Usage: scripts/fuzz.sh [TARGET...]   (all targets when none is named); FUZZ_ARGS adds libFuzzer
# flags, e.g. FUZZ_ARGS=-max_len=4096 for many more runs of the page targets on small inputs.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-600}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo +nightly fuzz list)

# The dictionary of each target's input language.
dict_of() {
  case $1 in
    parse_post) echo front_matter ;;
    parse_page | clean | extract) echo html ;;
    filter_where) echo where ;;
    stream) echo warc ;;
    *) echo json ;;
  esac
}

mkdir -p fuzz/logs
failed=()
for target in "${targets[@]}"; do
  log=fuzz/logs/$target.log
  echo "fuzz: $target for ${seconds}s (log: $log)"
  mkdir -p "fuzz/corpus/$target"
  cargo +nightly fuzz run -O -a "$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -dict="$PWD/fuzz/dicts/$(dict_of "$target").dict" -print_final_stats=1 ${FUZZ_ARGS:-} >"$log" 2>&1
  status=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  units=$(find "fuzz/corpus/$target" -type f | wc -l)
  echo "fuzz: $target: exit $status, ${execs:-?} executions, corpus $units inputs"
  if [ "$status" -ne 0 ]; then
    failed+=("$target")
    grep -E '^(==[0-9]+==|SUMMARY|thread .* panicked|artifact_prefix|Test unit written)' "$log" | head -20
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: found something in: ${failed[*]} (see fuzz/artifacts/, and 'cargo fuzz tmin')" >&2
  exit 1
fi
echo "fuzz: nothing found in ${#targets[@]} targets"
