#!/usr/bin/env bash
# `make report-screenshot`: docs/report.png, the report that `make demo` writes on the bundled
# examples (out/report.html), as headless Chromium draws it. The Chinese titles and categories
# need a CJK font (Debian's fonts-noto-cjk); without one they would show as empty boxes.
set -euo pipefail
cd "$(dirname "$0")/.."

page=out/report.html
shot=docs/report.png
if [ ! -f "$page" ]; then
  echo "report-screenshot: $page is missing; run make demo first" >&2
  exit 1
fi
if ! command -v chromium >/dev/null 2>&1; then
  echo "report-screenshot: chromium is missing; run scripts/test-deps.sh as root" >&2
  exit 1
fi
if [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  echo "report-screenshot: no CJK font; install fonts-noto-cjk (apt-get install fonts-noto-cjk)" >&2
  exit 1
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# As root Chromium needs --no-sandbox; the other flags keep it off the network.
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --force-device-scale-factor=1 --user-data-dir="$profile" \
  --window-size="${REPORT_WIDTH:-1000},${REPORT_HEIGHT:-2000}" \
  --screenshot="$PWD/$shot" "file://$PWD/$page" 2>/dev/null
echo "report-screenshot: wrote $shot"
