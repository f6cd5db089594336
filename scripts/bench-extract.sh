#!/usr/bin/env bash
# `make bench-extract`: article extraction scored on the shared benchmark sets, folio beside
# trafilatura, readability-lxml and resiliparse in the same run (see docs/performance.md).
#
# The extractors are installed from PyPI into a virtual environment under target/ the first
# time. Scores: P, R, F1 (4-gram shingles), F1pp (per page) and MB/s, by ../shared/bench/score.py;
# then folio's CPU time over each set, both processes added. folio is run twice: as the
# pipeline `folio-parse | folio-clean`, and as one process through the two libraries
# (bench/parse-and-clean.rs, each page parsed once), the same records.
set -euo pipefail
cd "$(dirname "$0")/.."

bench=../shared/bench
if [ ! -f "$bench/score.py" ]; then
  echo "bench-extract: $bench/score.py not found (the shared benchmark sits beside the repository)" >&2
  exit 2
fi
venv=target/bench-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check trafilatura readability-lxml resiliparse
fi
py=$venv/bin/python
folio1="$PWD/target/release/folio-parse --threads 1 {dir} | $PWD/target/release/folio-clean --threads 1"
one_process="$PWD/target/release/examples/parse-and-clean --quiet --threads 1 {dir}"

# score.py times folio's pipeline by the wall clock, its two processes side by side. This
# adds their CPU time (user + sys of both), the figure to hold against one thread.
cpu_time() {
  local pages
  pages=$(mktemp -d)
  for page in "$1"/html/*; do
    name=$(basename "$page" .gz)
    case "$page" in
      *.gz) gzip -dc "$page" > "$pages/$name" ;;
      *) cp "$page" "$pages/$name" ;;
    esac
  done
  local bytes
  bytes=$(cat "$pages"/* | wc -c)
  local TIMEFORMAT="%U %S %R"
  local times
  times=$( { time target/release/folio-parse --quiet --threads 1 "$pages" \
    | target/release/folio-clean --threads 1 > /dev/null; } 2>&1 )
  rm -rf "$pages"
  echo "$times" | awk -v bytes="$bytes" '{ cpu = $1 + $2;
    printf "folio CPU time, parse + clean: %.2f s (user %.2f + sys %.2f), %.2f MB/s of CPU; wall %.2f s\n",
      cpu, $1, $2, bytes / 1e6 / cpu, $3 }'
}

for set in scrapinghub-dev zh-cwce-dev readability; do
  dir=$bench/sets/$set
  [ -d "$dir" ] || continue
  extra=()
  [ "$set" = zh-cwce-dev ] && extra=(--lang zh --fallback-encoding gb18030)
  echo "== $set"
  "$py" "$bench/score.py" "$dir" trafilatura readability_lxml resiliparse "${extra[@]}"
  "$py" "$bench/score.py" "$dir" batch --command "$folio1" --command-label "folio (1 thread)" "${extra[@]}"
  "$py" "$bench/score.py" "$dir" batch --command "$one_process" \
    --command-label "folio, one process (1 thread)" "${extra[@]}"
  cpu_time "$dir"
done
