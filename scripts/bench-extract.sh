#!/usr/bin/env bash
# `make bench-extract`: article extraction scored on the shared benchmark sets and on
# newspaper4k's test pages (other sites), folio beside trafilatura, readability-lxml and
# resiliparse in the same run (see docs/performance.md).
#
# The extractors are installed from PyPI into a virtual environment under target/ the first
# time. Scores: P, R, F1 (4-gram shingles; snippets for trafilatura-dev), F1pp (per page) and
# MB/s, by ../shared/bench/score.py; the pages under F1 .5 of every extractor
# (scripts/extract-pages.py); then folio's CPU time over each set, both processes added. folio
# is run twice: as the pipeline `folio-parse | folio-clean`, and as one process through the two
# libraries (`folio run --clean`, each page parsed once), the same records. bench/html.rs
# adds the HTML parsers alone on the same pages (html5ever's tokenizer and folio-html's, the
# same trees), the part of folio's time that is parsing.
set -euo pipefail
cd "$(dirname "$0")/.."

tool=bench-extract
# shellcheck source=scripts/bench-env.sh
. scripts/bench-env.sh
folio1="$release/folio-parse --threads 1 {dir} | $release/folio-clean --threads 1"
one_process="$release/folio run --clean --quiet --threads 1 {dir}"

# The pages of a set as folio reads them from a folder: decompressed, original encoding.
unpack() {
  local pages=$2
  for page in "$1"/html/*; do
    name=$(basename "$page" .gz)
    case "$page" in
      *.gz) gzip -dc "$page" > "$pages/$name" ;;
      *) cp "$page" "$pages/$name" ;;
    esac
  done
}

# score.py times folio's pipeline by the wall clock, its two processes side by side. This
# adds their CPU time (user + sys of both), the figure to hold against one thread.
cpu_time() {
  local pages=$1
  local bytes
  bytes=$(cat "$pages"/* | wc -c)
  local TIMEFORMAT="%U %S %R"
  local times
  times=$( { time $release/folio-parse --quiet --threads 1 "$pages" \
    | $release/folio-clean --threads 1 > /dev/null; } 2>&1 )
  echo "$times" | awk -v bytes="$bytes" '{ cpu = $1 + $2;
    printf "folio CPU time, parse + clean: %.2f s (user %.2f + sys %.2f), %.2f MB/s of CPU; wall %.2f s\n",
      cpu, $1, $2, bytes / 1e6 / cpu, $3 }'
}

# One folio run over a set lasts a fraction of a second, and on a shared machine its speed moves
# by half between runs; every extractor is therefore scored BENCH_RUNS times (7 unless set) and
# the median speed is the figure, beside the range. Scores do not change between runs.
runs=${BENCH_RUNS:-7}

# Median and range of the MB/s column of score.py's result lines, per extractor, and each
# extractor's median against trafilatura's; bench-html's `speed` lines (the HTML parsers
# alone on the same pages) join the table.
summarise() {
  "$py" - "$1" <<'PY'
import statistics, sys
speeds = {}
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("speed\t"):
        _, name, value = line.split("\t")[:3]
        speeds.setdefault(name, []).append(float(value))
        continue
    cols = line.split()
    if len(cols) < 12 or cols[0] == "dataset":
        continue
    # dataset, extractor (may contain spaces), [version], P, R, F1, F1bow, F1pp, pages/s, MB/s, fail, empty
    name = line[len(cols[0]):].lstrip().split("  ")[0].strip()
    try:
        speeds.setdefault(name, []).append(float(cols[-3]))
    except ValueError:
        continue
base = statistics.median(speeds.get("trafilatura", [0])) or None
print(f"{'extractor':34} {'runs':>4} {'median MB/s':>11} {'min':>7} {'max':>7} {'x trafilatura':>13}")
for name, values in speeds.items():
    median = statistics.median(values)
    ratio = f"{median / base:.1f}" if base else "-"
    print(f"{name:34} {len(values):>4} {median:>11.2f} {min(values):>7.2f} {max(values):>7.2f} {ratio:>13}")
PY
}

# Pages of other sites than the shared sets hold, where folio's rules were never tuned:
# newspaper4k's test pages (scripts/newspaper4k-set.py), fetched from PyPI the first time.
others=target/bench-sets
newspaper4k=newspaper4k-0.9.6
if [ ! -f "$others/newspaper4k/ground-truth.json" ]; then
  mkdir -p "$others"
  if "$venv/bin/pip" download --quiet --disable-pip-version-check --no-deps \
    --no-binary :all: --dest "$others" "${newspaper4k/-/==}"; then
    "$py" scripts/newspaper4k-set.py "$others/$newspaper4k.tar.gz" "$others/newspaper4k"
  else
    echo "$tool: $newspaper4k could not be fetched from PyPI; its pages are left out" >&2
  fi
fi

preds=$(mktemp -d)
for dir in "$bench"/sets/{scrapinghub-dev,zh-cwce-dev,readability,trafilatura-dev} \
  "$others/newspaper4k"; do
  [ -d "$dir" ] || continue
  set=$(basename "$dir")
  extra=()
  [ "$set" = zh-cwce-dev ] && extra=(--lang zh --fallback-encoding gb18030)
  echo "== $set"
  pages=$(mktemp -d)
  unpack "$dir" "$pages"
  results=$(mktemp)
  # score [--save-predictions DIR]: one run of every extractor over the set.
  score() {
    "$py" "$bench/score.py" "$dir" trafilatura readability_lxml resiliparse "${extra[@]}" "$@"
    "$py" "$bench/score.py" "$dir" batch --command "$folio1" --command-label "folio (1 thread)" \
      "${extra[@]}" "$@"
    "$py" "$bench/score.py" "$dir" batch --command "$one_process" \
      --command-label "folio, one process (1 thread)" "${extra[@]}" "$@"
    $release/examples/bench-html --pages "$pages"
  }
  # The first run's full table is shown, and its outputs kept for the page-by-page list; the
  # others only feed the speed summary.
  score --save-predictions "$preds" | tee -a "$results"
  # Every page under F1 .5 for every extractor: the catastrophic pages (wrong block, boilerplate
  # or nothing), and where folio trails the best of the others most.
  "$py" scripts/extract-pages.py "$dir" "$preds" --bench "$bench" --against "folio (1 thread)" \
    --worst 10
  for _ in $(seq 2 "$runs"); do
    score >> "$results"
  done
  echo "-- speed over $runs runs"
  summarise "$results"
  rm -f "$results"
  cpu_time "$pages"
  rm -rf "$pages"
done
rm -rf "$preds"
