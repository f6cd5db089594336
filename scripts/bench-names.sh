#!/usr/bin/env bash
# `make bench-names`: how much article extraction rests on the class and id names of the pages,
# and on what they claim about their article. Every shared benchmark set is scored four times:
# as it is, with every class and id value replaced by a hash (scripts/hide-names.py), with the
# sectioning elements (`article`, `aside`, `nav`, ...) also written as `div` (`--bare`), and
# with its names but without its JSON-LD and description metas (`--claims`), for folio
# (`folio run --clean`) and the three anchors of `make bench-extract`; the table gives each
# extractor's F1 on the four and the change from the first. Sites folio has never seen name
# their blocks in words it has never seen: the hidden-names figure is the nearer guide to
# them, the bare one a harsher test; many sites write no JSON-LD at all. One run each: only
# quality is measured.
set -euo pipefail
cd "$(dirname "$0")/.."

tool=bench-names
# shellcheck source=scripts/bench-env.sh
. scripts/bench-env.sh
one_process="$release/folio run --clean --quiet --threads 1 {dir}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results=$work/results
for set in scrapinghub-dev zh-cwce-dev readability trafilatura-dev; do
  dir=$bench/sets/$set
  [ -d "$dir" ] || continue
  extra=()
  [ "$set" = zh-cwce-dev ] && extra=(--lang zh --fallback-encoding gb18030)
  hidden=$work/$set
  bare=$work/$set-bare
  unclaimed=$work/$set-unclaimed
  "$py" scripts/hide-names.py "$dir" "$hidden"
  "$py" scripts/hide-names.py --bare "$dir" "$bare"
  "$py" scripts/hide-names.py --claims "$dir" "$unclaimed"
  for copy in "$dir" "$hidden" "$bare" "$unclaimed"; do
    label=names
    [ "$copy" = "$hidden" ] && label=hidden
    [ "$copy" = "$bare" ] && label=bare
    [ "$copy" = "$unclaimed" ] && label=unclaimed
    {
      "$py" "$bench/score.py" "$copy" trafilatura readability_lxml resiliparse "${extra[@]}" \
        --no-header
      "$py" "$bench/score.py" "$copy" batch --command "$one_process" --command-label folio \
        "${extra[@]}" --no-header
    } | sed "s/^/$set $label /" | tee -a "$results" >&2
  done
done

# F1 per extractor and set: with names, without, without the sectioning elements too, and
# with names but no claims.
"$py" - "$results" <<'PY'
import sys
f1 = {}
order = []
for line in open(sys.argv[1], encoding="utf-8"):
    cols = line.split()
    # set, names|hidden|bare|unclaimed, dataset, extractor (may hold spaces), [version], P, R, F1, ...
    if len(cols) < 12:
        continue
    set_name, label = cols[0], cols[1]
    rest = line.split(None, 3)[3]
    name = rest.split("  ")[0].strip()
    try:
        value = float(cols[-7])
    except ValueError:
        continue
    key = (set_name, name)
    if key not in f1:
        order.append(key)
    f1.setdefault(key, {})[label] = value
print(
    f"{'set':16} {'extractor':18} {'F1 names':>9} {'F1 hidden':>10} {'change':>8}"
    f" {'F1 bare':>8} {'change':>8} {'F1 no claims':>13} {'change':>8}"
)
labels = ("names", "hidden", "bare", "unclaimed")
for key in order:
    names, hidden, bare, unclaimed = (f1[key].get(label) for label in labels)
    if None in (names, hidden, bare, unclaimed):
        continue
    print(
        f"{key[0]:16} {key[1]:18} {names:>9.3f} {hidden:>10.3f} {hidden - names:>+8.3f}"
        f" {bare:>8.3f} {bare - names:>+8.3f} {unclaimed:>13.3f} {unclaimed - names:>+8.3f}"
    )
PY
