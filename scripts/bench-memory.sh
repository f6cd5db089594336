#!/usr/bin/env bash
# `make bench-memory`: peak memory of every tool as the number of records grows. Each count in
# MEMORY_RECORDS (default "10000 1000000") streams that many generated crawler lines, each a
# small news page of its own words, through one pipeline of all the tools and through
# `folio run --clean`, and prints each process's peak resident memory (GNU time's %M) and wall
# time. Nothing is written to disk: the records are made on the fly and the output is dropped.
#
# The stages keep nothing from one record to the next, so their peak should not move with the
# count. The cross-record options are measured apart, since they keep a key per record by
# design: `--unique-by id` (a hash per distinct id) and `--near-duplicates` (a signature per
# record kept).
set -euo pipefail
cd "$(dirname "$0")/.."

counts=${MEMORY_RECORDS:-10000 1000000}
bin=$(realpath -m "${CARGO_TARGET_DIR:-target}/release")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# records N: N crawler lines, each a page whose words and numbers differ from the others'.
records() {
  awk -v n="$1" 'BEGIN {
    split("harbour rail cargo season market council river bridge budget survey school " \
          "museum festival weather harvest transit housing energy water clinic", words, " ")
    for (i = 1; i <= n; i++) {
      para = ""
      for (p = 1; p <= 4; p++) {
        line = "The " words[(i + p) % 20 + 1] " report number " i " said that " \
               words[(i * 7 + p) % 20 + 1] " figures rose by " (i * 13 + p) % 97 \
               " per cent, and the " words[(i * 3 + p) % 20 + 1] " office expects " \
               (i * 31 + p) % 89 " more in the coming " words[(i + 2 * p) % 20 + 1] "."
        para = para "<p>" line " " line "</p>"
      }
      printf "{\"url\":\"https://news.example.com/%d.html\",\"html\":\"<html><head><title>Report %d on the %s</title></head><body><nav><a href=/>Home</a></nav><article><h1>Report %d</h1>%s</article><footer>Copyright News Example</footer></body></html>\"}\n", \
        i, i, words[i % 20 + 1], i, para
    }
  }'
}

# peak FILE: "MB seconds" from a GNU time output file.
peak() { awk '{ printf "%7.1f MB %8.1f s", $2 / 1024, $1 }' "$1"; }

printf '%-34s %10s %10s %10s\n' "stage" "records" "peak" "wall"
for n in $counts; do
  t="$work/$n"
  records "$n" |
    /usr/bin/time -o "$t.parse" -f '%e %M' "$bin/folio-parse" -q - |
    /usr/bin/time -o "$t.clean" -f '%e %M' "$bin/folio-clean" -q |
    /usr/bin/time -o "$t.filter" -f '%e %M' "$bin/folio-filter" -q --where 'len(text) > 100' |
    /usr/bin/time -o "$t.render" -f '%e %M' "$bin/folio-render" -q --to markdown >/dev/null
  records "$n" | /usr/bin/time -o "$t.run" -f '%e %M' "$bin/folio" run -q --clean - >/dev/null
  records "$n" | "$bin/folio" run -q --clean - |
    /usr/bin/time -o "$t.unique" -f '%e %M' "$bin/folio-filter" -q --unique-by id >/dev/null
  records "$n" | "$bin/folio" run -q --clean - |
    /usr/bin/time -o "$t.near" -f '%e %M' "$bin/folio-filter" -q --near-duplicates >/dev/null
  for stage in parse clean filter render run unique near; do
    case $stage in
      parse) label="folio-parse (crawler lines)" ;;
      clean) label="folio-clean (whole pages)" ;;
      filter) label="folio-filter --where" ;;
      render) label="folio-render --to markdown" ;;
      run) label="folio run --clean" ;;
      unique) label="folio-filter --unique-by id" ;;
      near) label="folio-filter --near-duplicates" ;;
    esac
    printf '%-34s %10d %s\n' "$label" "$n" "$(peak "$t.$stage")"
  done
done
