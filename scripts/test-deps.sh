#!/usr/bin/env bash
# Installs what the test suite needs beyond the Rust toolchain, on a fresh Debian machine.
# Idempotent: it installs only what is missing. Run by `make test` (and so by .ci/run), and
# with `spark` by `make test-spark`.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v jq >/dev/null 2>&1 || need+=(jq)
# `scripts/test-deps.sh spark` (make test-spark): a Java runtime for Spark too.
if [ "${1:-}" = spark ]; then
  command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
fi

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test-deps: missing ${need[*]}; run this script as root (or: sudo apt-get install ${need[*]})" >&2
    exit 1
  fi
  echo "test-deps: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
