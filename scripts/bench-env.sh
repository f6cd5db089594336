# Sourced by the extraction benchmarks (bench-extract.sh, bench-names.sh) from the repository
# root with `tool` set to the caller's name: checks that the shared benchmark sits beside the
# repository, installs the anchor extractors into target/bench-venv from PyPI the first time,
# and sets `bench` (the benchmark folder), `py` (the venv's Python) and `release` (the
# binaries cargo built, wherever CARGO_TARGET_DIR puts them).
bench=../shared/bench
if [ ! -f "$bench/score.py" ]; then
  echo "$tool: $bench/score.py not found (the shared benchmark sits beside the repository)" >&2
  exit 2
fi
venv=target/bench-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  # An old pip's resolver fails on lxml's `html_clean` extra that readability-lxml asks for.
  "$venv/bin/pip" install --quiet --disable-pip-version-check --upgrade pip
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    trafilatura readability-lxml lxml_html_clean html-text resiliparse
fi
py=$venv/bin/python
release=$(realpath -m "${CARGO_TARGET_DIR:-target}/release")
