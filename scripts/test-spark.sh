#!/usr/bin/env bash
# `make test-spark`: folio's record stages under Spark's RDD.pipe, in a local Spark with two
# workers, against the same stages run in one process (tests/spark/pipe.py says what is
# compared). Installs what it needs: a Java runtime (Debian's package) and PySpark (PyPI, in
# a virtual environment under target/).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/test-deps.sh spark

venv=target/spark-venv
# PySpark 3.5 runs on Java 8, 11 and 17.
pyspark_version=3.5.3
if ! "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$pyspark_version')" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
  "$venv/bin/pip" install --quiet "pyspark==$pyspark_version"
fi

cargo build --release --bins --quiet
# One machine: Spark's driver and workers talk over the loopback interface.
export SPARK_LOCAL_IP=127.0.0.1
PATH="$(realpath -m "${CARGO_TARGET_DIR:-target}/release"):$PATH" "$venv/bin/python" tests/spark/pipe.py
