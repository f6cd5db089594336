#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds from the project's fixtures, the bundled example
# posts and, when it is there, ../shared/corpus. Run by `make fuzz`; safe to run again (each
# seed is named by its hash, as libFuzzer names what it finds). Files over 128 KiB are left
# out: a few large pages would slow every target down for little more coverage.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=fuzz/corpus
max=131072
shared=../shared/corpus

# seed TARGET FILE...: copies each file, under its hash, into the target's corpus.
seed() {
  local target=$1 file sum
  shift
  mkdir -p "$corpus/$target"
  for file in "$@"; do
    [ -f "$file" ] && [ "$(stat -c %s "$file")" -le "$max" ] || continue
    sum=$(sha1sum "$file" | cut -d' ' -f1)
    cp "$file" "$corpus/$target/$sum"
  done
}

# seed_text TARGET: each line of stdin becomes a seed.
seed_text() {
  local target=$1 line sum
  mkdir -p "$corpus/$target"
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    sum=$(printf '%s' "$line" | sha1sum | cut -d' ' -f1)
    printf '%s' "$line" >"$corpus/$target/$sum"
  done
}

# Found by name, NUL-separated, in a stable order.
files() { find "$@" -type f -print0 2>/dev/null | sort -z; }

posts=() pages=() records=()
while IFS= read -r -d '' f; do posts+=("$f"); done < <(files tests/fixtures/folio-parse/good examples/posts $shared/posts)
while IFS= read -r -d '' f; do pages+=("$f"); done < <(files tests/fixtures/folio-parse/pages tests/fixtures/folio-extract $shared/pages -name '*.html')
while IFS= read -r -d '' f; do records+=("$f"); done < <(files tests/fixtures \( -name '*.jsonl' -o -name 'expected.json' \))

seed parse_post "${posts[@]}"
seed parse_page "${pages[@]}"
seed extract "${pages[@]}"
seed clean "${pages[@]}" "${posts[@]}"
seed jsonl "${records[@]}"
# Streams as stdin brings them: the example archive, plain, gzipped whole and gzipped a member
# per record (as crawlers write it), and a few pages.
seed stream examples/crawl/news.warc tests/fixtures/folio-parse/pages/*.html
gzip -c examples/crawl/news.warc >"$corpus/stream/news.warc.gz"
parts=$(mktemp -d)
csplit -s -z -f "$parts/record-" examples/crawl/news.warc '/^WARC\/1\.[01]/' '{*}'
for part in "$parts"/record-*; do gzip -c "$part"; done >"$corpus/stream/news.members.warc.gz"
rm -r "$parts"
cat "${records[@]}" | seed_text render

if command -v jq >/dev/null 2>&1; then
  # Record bodies for the cleaner; crawler lines, as text and as base64 bytes, for the page reader.
  for f in tests/fixtures/folio-clean/*/input.jsonl; do
    i=0
    while IFS= read -r html; do
      i=$((i + 1))
      printf '%s' "$html" | jq -j '.' >"$corpus/clean/$(basename "$(dirname "$f")")-$i"
    done < <(jq -c 'select(.html) | .html' "$f")
  done
  for f in tests/fixtures/folio-parse/pages/*.html; do
    line=$(jq -cn --rawfile html "$f" '{url: "https://news.example.com/a.html", html: $html, crawled_at: "2024-05-10T08:00:00Z"}')
    printf '%s\n' "$line" | seed_text parse_page
    printf '%s\n' "$line" | seed_text stream
    jq -cn --arg b64 "$(base64 -w0 "$f")" '{url: "https://news.example.com/b.html", body_b64: $b64, headers: {"Content-Type": "text/html; charset=gbk"}}' |
      seed_text parse_page
  done
fi

# --where: the expressions of the docs and tests, and a few of each operator and function.
{
  grep -rhoE "holds\(\"[^\"]*\"\)" crates/folio-filter/src | sed -E 's/^holds\("(.*)"\)$/\1/'
  cat <<'WHERE'
date >= '2022-05-01'
html contains 'deepest'
len(html) > 40 and title
lang == "zh" and date >= '2021-06-01'
meta.views > 1000 and credits.editor contains "王明"
not (tags contains 'port' or categories in ['金融', '宏观'])
title matches '^港口.*(回升|下降)$' and exists(meta.nested.list)
meta.score < -0.25 or meta.draft == false or meta.nested.list.1 != null
source.site == 'news.example.cn' and len(categories) >= 2 and id in ["a1", "b2"]
WHERE
} | seed_text filter_where

for target in "$corpus"/*/; do
  printf 'fuzz-seeds: %-14s %4d seeds\n' "$(basename "$target")" "$(find "$target" -type f | wc -l)"
done
