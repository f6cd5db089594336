#!/usr/bin/env python3
"""Builds a benchmark set, in the layout of ../shared/bench/sets, from the test pages that
newspaper4k's source distribution carries (MIT licence): news pages of sites the shared sets do
not hold (CNN, Time, Wired, cleveland.com, Yonhap, BBC Burmese, Nikkei, AFPBB, lsm.lv, Xinhua,
a Thai, an Arabic and a Spanish daily…), each with the text newspaper4k extracts from it.

    scripts/newspaper4k-set.py newspaper4k-X.Y.Z.tar.gz OUT_DIR

Writes OUT_DIR/ground-truth.json ({id: {"articleBody", "url"?}}) and OUT_DIR/html/<id>.html.gz
for every page that has its expected text. The truth is another extractor's output, so the
scores read as agreement, as on the `readability` set. A dot in a page's name becomes `_`:
score.py takes a page's id from its file name up to the first dot.
"""
import gzip
import json
import os
import sys
import tarfile


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: newspaper4k-set.py newspaper4k-X.Y.Z.tar.gz OUT_DIR")
    sdist, out = sys.argv[1], sys.argv[2]
    with tarfile.open(sdist) as tar:
        files = {}
        for member in tar.getmembers():
            parts = member.name.split("/")
            if member.isfile() and len(parts) >= 5 and parts[1:4] in (
                ["tests", "data", "html"],
                ["tests", "data", "txt"],
                ["tests", "data", "metadata"],
            ):
                files[(parts[3], parts[4])] = tar.extractfile(member).read()
    truth = {}
    os.makedirs(os.path.join(out, "html"), exist_ok=True)
    for (folder, name), raw in sorted(files.items()):
        if folder != "html" or not name.endswith(".html"):
            continue
        stem = name[: -len(".html")]
        text = files.get(("txt", stem + ".txt"))
        if text is None:
            continue
        page_id = stem.replace(".", "_")
        entry = {"articleBody": text.decode("utf-8")}
        meta = files.get(("metadata", stem + ".json"))
        if meta is not None:
            url = json.loads(meta).get("url")
            if url:
                entry["url"] = url
        truth[page_id] = entry
        with gzip.open(os.path.join(out, "html", page_id + ".html.gz"), "wb") as page:
            page.write(raw)
    if not truth:
        sys.exit(f"newspaper4k-set.py: no test pages with their text in {sdist}")
    with open(os.path.join(out, "ground-truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1, sort_keys=True)
    with open(os.path.join(out, "SOURCE.txt"), "w", encoding="utf-8") as f:
        f.write(
            f"newspaper4k's test pages and expected texts (tests/data/html, txt, metadata),\n"
            f"from {os.path.basename(sdist)} on PyPI; MIT licence. Built by "
            f"scripts/newspaper4k-set.py.\n"
        )
    print(f"newspaper4k-set.py: {len(truth)} pages in {out}")


if __name__ == "__main__":
    main()
