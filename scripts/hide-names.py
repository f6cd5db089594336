#!/usr/bin/env python3
"""Writes a copy of a benchmark set whose pages keep their markup but not their names: every
`class` and `id` value becomes a hash of itself (`x` and six hex digits per word), as CSS
modules and styled components write them.

    scripts/hide-names.py SET_DIR OUT_DIR

The truth (`ground-truth.json`) is copied as it is. The same word gets the same hash across
a page, so repeated sections still look alike; what a name said ("comment", "article",
"sidebar") is gone. Scoring an extractor on both copies shows how much of its result rests on
the names of the pages it was tuned on, the closest stand-in for sites it has never seen.
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


def hashed(match):
    words = match.group(3).split()
    value = b" ".join(b"x" + hashlib.md5(word).hexdigest()[:6].encode() for word in words)
    return match.group(1) + match.group(2) + value + match.group(2)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: scripts/hide-names.py SET_DIR OUT_DIR")
    source, out = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.join(out, "html"), exist_ok=True)
    shutil.copy(os.path.join(source, "ground-truth.json"), os.path.join(out, "ground-truth.json"))
    for name in sorted(os.listdir(os.path.join(source, "html"))):
        path = os.path.join(source, "html", name)
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rb") as page:
            raw = page.read()
        with opener(os.path.join(out, "html", name), "wb") as page:
            page.write(ATTRIBUTE.sub(hashed, raw))


if __name__ == "__main__":
    main()
