#!/usr/bin/env python3
"""How often folio-parse finds the author and the date that a benchmark set's truth gives.

    scripts/metadata-share.py SET_DIR [FOLIO_PARSE]

For every page whose truth names an author (or a date) other than UNKNOWN, counts the pages
where folio's record has one ("found") and where it matches the truth ("right": the truth's
name is contained in folio's author, or the other way round, lists compared name by name;
the same calendar day, and the same hour and minute when the truth gives a time). For
authors it also counts the pages where folio's names are exactly the truth's, in its order.
"""
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile


NAME_SEPARATORS = re.compile(r"[\s,，、;；]+")


def day_and_time(text):
    m = re.search(r"(\d{4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})(?:\D{1,3}(\d{1,2})[:：时](\d{1,2}))?", text or "")
    if not m:
        year = re.search(r"\d{4}", text or "")
        return (year.group(0),) if year else None
    y, mo, d, h, mi = m.groups()
    parts = (y, int(mo), int(d))
    return parts + ((int(h), int(mi)) if h else ())


def date_matches(truth, found):
    t, f = day_and_time(truth), day_and_time(found)
    return bool(t and f) and f[: len(t)] == t


def main():
    set_dir = sys.argv[1]
    parse = sys.argv[2] if len(sys.argv) > 2 else "target/release/folio-parse"
    truth = json.load(open(os.path.join(set_dir, "ground-truth.json"), encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        for page_id in truth:
            src = os.path.join(set_dir, "html", page_id + ".html.gz")
            with gzip.open(src) as f, open(os.path.join(tmp, page_id + ".html"), "wb") as out:
                out.write(f.read())
        run = subprocess.run([parse, "--quiet", tmp], capture_output=True, check=False)
    records = {}
    for line in run.stdout.decode("utf-8").splitlines():
        rec = json.loads(line)
        records[os.path.basename(rec["source"]["path"]).split(".")[0]] = rec
    for field, raw_key in (("author", "author"), ("date", "date_raw")):
        given = [k for k, v in truth.items() if v.get(field) and v[field] != "UNKNOWN"]
        found = [k for k in given if records.get(k, {}).get(raw_key)]
        if field == "author":
            # Lists compare name by name: the truth keeps a page's `伊琳  李清芬` as printed,
            # folio writes `伊琳, 李清芬`.
            names = {k: (" ".join(NAME_SEPARATORS.split(truth[k]["author"].strip())),
                         " ".join(NAME_SEPARATORS.split(records[k]["author"].strip()))) for k in found}
            right = [k for k, (t, f) in names.items() if t in f or f in t]
            same = [k for k, (t, f) in names.items() if t == f]
            exactly = f"; exactly the truth's on {len(same)} ({len(same) / max(1, len(given)):.0%})"
        else:
            right = [k for k in found if date_matches(truth[k]["date"], records[k]["date_raw"])]
            exactly = ""
        print(f"{field}: truth gives {len(given)} of {len(truth)} pages; folio found {len(found)} "
              f"({len(found) / max(1, len(given)):.0%}), right on {len(right)} ({len(right) / max(1, len(given)):.0%})"
              + exactly)


if __name__ == "__main__":
    main()
