#!/usr/bin/env bash
# Installs what `make fuzz` needs beyond the stable toolchain: a nightly toolchain (libFuzzer's
# instrumentation takes nightly flags) and cargo-fuzz. Installs only what is missing.
set -euo pipefail

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz-deps: installing the nightly toolchain" >&2
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz-deps: installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked
fi
