#!/usr/bin/env python3
"""Writes a copy of a benchmark set whose pages keep their markup but not their names: every
`class` and `id` value becomes a hash of itself (`x` and six hex digits per word), as CSS
modules and styled components write them.

    scripts/hide-names.py [--bare] SET_DIR OUT_DIR

The truth (`ground-truth.json`) is copied as it is. The same word gets the same hash across
a page, so repeated sections still look alike; what a name said ("comment", "article",
"sidebar") is gone. Scoring an extractor on both copies shows how much of its result rests on
the names of the pages it was tuned on, the closest stand-in for sites it has never seen.

With `--bare` the HTML5 sectioning and figure elements (`article`, `main`, `header`,
`footer`, `aside`, `nav`, `section`, `figure`, `figcaption`) become `div` as well, as on the
many pages written before them or by builders that never use them.

With `--claims` the names stay and what the page claims about its article goes instead: its
JSON-LD blocks and its description metas (`description`, `og:description`,
`twitter:description`, `itemprop="description"` and the like), as on the many sites that
write none of them.
"""
import gzip
import hashlib
import os
import re
import shutil
import sys

# class="…" / id='…' in the raw bytes, whatever the page's encoding (names are ASCII in
# practice; any byte that is not a quote passes through the hash the same way).
ATTRIBUTE = re.compile(rb"(\s(?:class|id)\s*=\s*)([\"'])(.*?)\2", re.IGNORECASE | re.DOTALL)


# The opening and closing tags of the elements `--bare` writes as `div`.
SEMANTIC_TAG = re.compile(
    rb"<(/?)(?:article|main|header|footer|aside|nav|section|figure|figcaption)(?=[\s/>])",
    re.IGNORECASE,
)


# The page's claims about its article, which `--claims` removes.
JSON_LD = re.compile(
    rb"<script\b[^>]*application/ld\+json[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL
)
DESCRIPTION = re.compile(
    rb"<meta\b[^>]*\b(?:name|property|itemprop)\s*=\s*[\"']?(?:[\w.]+[:.])*description[\"'\s/>][^>]*>",
    re.IGNORECASE,
)


def hashed(match):
    words = match.group(3).split()
    value = b" ".join(b"x" + hashlib.md5(word).hexdigest()[:6].encode() for word in words)
    return match.group(1) + match.group(2) + value + match.group(2)


def main():
    args = sys.argv[1:]
    mode = args[0] if args[:1] in (["--bare"], ["--claims"]) else None
    if mode:
        args = args[1:]
    if len(args) != 2:
        sys.exit("usage: scripts/hide-names.py [--bare | --claims] SET_DIR OUT_DIR")
    source, out = args
    os.makedirs(os.path.join(out, "html"), exist_ok=True)
    shutil.copy(os.path.join(source, "ground-truth.json"), os.path.join(out, "ground-truth.json"))
    for name in sorted(os.listdir(os.path.join(source, "html"))):
        path = os.path.join(source, "html", name)
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rb") as page:
            raw = page.read()
        if mode == "--claims":
            raw = DESCRIPTION.sub(b"", JSON_LD.sub(b"", raw))
        else:
            raw = ATTRIBUTE.sub(hashed, raw)
        if mode == "--bare":
            raw = SEMANTIC_TAG.sub(rb"<\1div", raw)
        with opener(os.path.join(out, "html", name), "wb") as page:
            page.write(raw)


if __name__ == "__main__":
    main()
