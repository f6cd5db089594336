#!/usr/bin/env python3
"""Page by page: F1 of each extractor on one benchmark set, from the predictions that
`score.py --save-predictions DIR` wrote (DIR/<set>/<extractor>.json).

    scripts/extract-pages.py SET_DIR PREDICTIONS_DIR [--below 0.5] [--worst N] [--against NAME]
        [--bench DIR]

Prints, for every extractor, the pages whose F1 is under --below (the catastrophic pages:
wrong block, boilerplate or nothing); with --worst N, the N pages where --against (default
folio) trails the best other extractor most. Snippet sets score a page by its snippets: the
share of "with" snippets found, less those of "without" found. Uses score.py's own tokenizer
and shingles (from --bench, by default the folder two levels above SET_DIR, as for the
shared sets), so the figures agree with its table.
"""
import argparse
import json
import os
import sys


def load_score(bench_dir):
    sys.path.insert(0, bench_dir)
    import score  # noqa: E402  (the shared scorer, beside the sets)

    return score


def page_f1(score, page, text, ngram=4):
    if page.get("with") is not None and not page.get("truth"):
        out = score._squash(text)
        found = sum(1 for w in page["with"] or [] if score._squash(w) in out)
        leaked = sum(1 for w in page["without"] or [] if score._squash(w) in out)
        tp, fn, fp = found, len(page["with"] or []) - found, leaked
        return score._page_f1(tp, fp, fn)
    counts = score.page_counts(score.tokenize(page["truth"]), score.tokenize(text), ngram)
    return score._page_f1(*counts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("set_dir")
    ap.add_argument("predictions")
    ap.add_argument("--below", type=float, default=0.5)
    ap.add_argument("--worst", type=int, default=0)
    ap.add_argument("--against", default="folio")
    ap.add_argument(
        "--bench",
        help="the folder of score.py (default: the one two levels above SET_DIR)",
    )
    opts = ap.parse_args()

    bench = opts.bench or os.path.dirname(os.path.dirname(os.path.abspath(opts.set_dir)))
    score = load_score(bench)
    pages = score.load_dataset(opts.set_dir)
    name = os.path.basename(os.path.normpath(opts.set_dir))
    folder = os.path.join(opts.predictions, name)
    if not os.path.isdir(folder):
        sys.exit(f"extract-pages: {folder}: no predictions (run score.py --save-predictions)")
    f1 = {}
    for file in sorted(os.listdir(folder)):
        label = file[: -len(".json")]
        with open(os.path.join(folder, file), encoding="utf-8") as f:
            preds = json.load(f)
        f1[label] = {
            p["id"]: page_f1(score, p, (preds.get(p["id"]) or {}).get("articleBody") or "")
            for p in pages
        }
    print(f"-- {name}: pages under F1 {opts.below}, per extractor (fewest first)")
    for label in sorted(f1, key=lambda l: sum(v < opts.below for v in f1[l].values())):
        bad = sorted((v, k) for k, v in f1[label].items() if v < opts.below)
        listed = ", ".join(f"{k} {v:.2f}" for v, k in bad)
        print(f"{label:34} {len(bad):3}  {listed}")
    if opts.worst and opts.against in f1:
        mine = f1[opts.against]
        others = [l for l in f1 if l != opts.against]
        gaps = []
        for p in pages:
            best = max(others, key=lambda l: f1[l][p["id"]]) if others else None
            if best:
                gaps.append((mine[p["id"]] - f1[best][p["id"]], p["id"], best))
        print(f"-- {name}: where {opts.against} trails the best other extractor most")
        for gap, page, best in sorted(gaps)[: opts.worst]:
            print(f"{gap:+.2f}  {page:50} {opts.against} {mine[page]:.2f}  {best} {f1[best][page]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
