#!/usr/bin/env bash
# `make demo`: the main job on the bundled examples. Parses examples/posts (one post there is
# malformed on purpose: it is reported and set aside in out/rejects.jsonl) and the pages of the
# web archive examples/crawl/news.warc, cleans the rest,
# keeps the articles with real text, and writes them as Hexo Markdown to out/markdown/ and as
# HTML pages with an index to out/html/, and a report on the cleaned posts and on what was set
# aside to out/report.html. Exits 0 when the pipeline did what it should.
set -euo pipefail
cd "$(dirname "$0")/.."

# The binaries cargo built, wherever CARGO_TARGET_DIR puts them.
release=$(realpath -m "${CARGO_TARGET_DIR:-target}/release")
bin=$release
out=out
rm -rf "$out/markdown" "$out/html" "$out/report.html"
mkdir -p "$out"

status=0
"$bin/folio-parse" examples/posts examples/crawl --rejects "$out/rejects.jsonl" > "$out/records.jsonl" || status=$?
if [ "$status" -gt 1 ]; then
  echo "demo: folio-parse failed (exit $status)" >&2
  exit "$status"
fi
"$bin/folio-clean" "$out/records.jsonl" > "$out/clean.jsonl"
"$bin/folio-filter" --min-chars 20 --unique-by url --rejects "$out/dropped.jsonl" --stats "$out/clean.jsonl" > "$out/articles.jsonl"
"$bin/folio-render" --to markdown --front-matter hexo --out-dir "$out/markdown" "$out/articles.jsonl"
"$bin/folio-render" --to html --index --title "folio demo" --out-dir "$out/html" "$out/articles.jsonl"
"$bin/folio-render" --to report --title "folio demo" --rejects-from "$out/rejects.jsonl" \
  --rejects-from "$out/dropped.jsonl" "$out/clean.jsonl" > "$out/report.html"

echo
echo "demo: $(wc -l < "$out/records.jsonl") posts and archived pages parsed, $(wc -l < "$out/rejects.jsonl") rejected (see $out/rejects.jsonl)"
echo "demo: $(wc -l < "$out/articles.jsonl") articles kept, $(wc -l < "$out/dropped.jsonl") dropped by folio-filter (see $out/dropped.jsonl)"
echo "demo: Markdown in $out/markdown/ ($(ls "$out/markdown" | wc -l) files)"
echo "demo: HTML in $out/html/ ($(ls "$out/html" | wc -l) files, open $out/html/index.html)"
echo "demo: a report on the posts and what was set aside in $out/report.html"
