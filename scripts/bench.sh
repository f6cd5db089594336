#!/usr/bin/env bash
# `make bench`: throughput and peak memory of each folio tool as a whole process, on a corpus it
# generates from the bundled examples (and ../shared/corpus/posts when present).
#
#   BENCH_POSTS=100000   how many posts to generate (the corpus is kept in bench/corpus)
#   BENCH_THREADS="1 2"  thread counts to time each tool with
#
# Prints one line per tool and thread count: MB/s of input, records/s, wall seconds, peak RSS.
# Timed runs write to /dev/null, so that the time is the tool's and not the page cache's
# (writing 0.4–0.9 GB of output costs as much again on a machine short of free memory); each
# stage's input is made by an untimed run of the stage before.
# The machine is shared and noisy: compare the ratios within one run, not runs with each other.
set -euo pipefail
cd "$(dirname "$0")/.."

posts=${BENCH_POSTS:-100000}
threads=${BENCH_THREADS:-1 2}
# The binaries cargo built, wherever CARGO_TARGET_DIR puts them.
release=$(realpath -m "${CARGO_TARGET_DIR:-target}/release")
bin=$release
corpus=bench/corpus/posts-$posts
work=bench/work
mkdir -p "$work"

sources=(examples/posts)
[ -d ../shared/corpus/posts ] && sources+=(../shared/corpus/posts)
if [ ! -d "$corpus" ]; then
  $release/examples/bench-corpus "$corpus" "$posts" "${sources[@]}"
fi

corpus_bytes=$(du -sb --apparent-size "$corpus" | cut -f1)

# measure LABEL INPUT_BYTES RECORDS CMD...: times CMD with its output discarded.
measure() {
  local label=$1 bytes=$2 records=$3
  shift 3
  local stats
  /usr/bin/time -o "$work/time.txt" -f '%e %M' "$@" > /dev/null 2>/dev/null || true
  stats=$(tail -n1 "$work/time.txt")
  local secs=${stats% *} rss=${stats#* }
  awk -v l="$label" -v b="$bytes" -v r="$records" -v s="$secs" -v m="$rss" 'BEGIN {
    if (s < 0.01) s = 0.01
    printf "%-44s %9.1f MB/s %10.0f rec/s %7.2f s %7.1f MB peak\n", l, b / s / 1e6, r / s, s, m / 1024 }'
}

have() { [ -x "$bin/$1" ] && "$bin/$1" --help 2>/dev/null | grep -q -- --rejects; }

echo "corpus: $posts posts, $((corpus_bytes / 1000000)) MB in $corpus"
echo

"$bin/folio-parse" --quiet "$corpus" > "$work/parsed.jsonl"
parsed_bytes=$(stat -c %s "$work/parsed.jsonl")
records=$(wc -l < "$work/parsed.jsonl")
for t in $threads; do
  measure "folio-parse --threads $t" "$corpus_bytes" "$posts" "$bin/folio-parse" --threads "$t" "$corpus"
done

# The HTML parsers alone on the same records: the limit folio-clean is compared with.
if [ -x $release/examples/bench-html ]; then
  while read -r parser per_input per_html bodies _; do
    printf "%-44s %9.1f MB/s (%.1f MB/s of the HTML alone, %s bodies)\n" \
      "$parser alone (as folio-clean parses)" "$per_input" "$per_html" "$bodies"
  done < <($release/examples/bench-html "$work/parsed.jsonl")
fi

cleaned=$work/parsed.jsonl
if have folio-clean; then
  "$bin/folio-clean" --quiet "$work/parsed.jsonl" > "$work/cleaned.jsonl"
  cleaned=$work/cleaned.jsonl
  for t in $threads; do
    measure "folio-clean --threads $t" "$parsed_bytes" "$records" "$bin/folio-clean" --threads "$t" "$work/parsed.jsonl"
  done
fi
cleaned_bytes=$(stat -c %s "$cleaned")

if have folio-filter; then
  for t in $threads; do
    measure "folio-filter --category 金融 --threads $t" "$cleaned_bytes" "$records" \
      "$bin/folio-filter" --threads "$t" --category 金融 "$cleaned"
  done
  measure "folio-filter --near-duplicates --threads 1" "$cleaned_bytes" "$records" \
    "$bin/folio-filter" --threads 1 --near-duplicates "$cleaned"
fi

if have folio-render; then
  for t in $threads; do
    measure "folio-render --to markdown --threads $t" "$cleaned_bytes" "$records" \
      "$bin/folio-render" --threads "$t" --to markdown "$cleaned"
  done
  measure "folio-render --to csv --threads 1" "$cleaned_bytes" "$records" \
    "$bin/folio-render" --threads 1 --to csv "$cleaned"
fi
