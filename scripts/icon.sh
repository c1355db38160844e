#!/usr/bin/env bash
# `npm run icon`: rasterises images/icon.svg (the source, drawn by hand) to the 128×128 PNG the Marketplace shows, with
# librsvg's rsvg-convert (Debian: apt-get install librsvg2-bin). The PNG is committed, so packaging needs no rsvg-convert.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rsvg-convert > /dev/null || { echo "icon: rsvg-convert is missing; apt-get install librsvg2-bin" >&2; exit 2; }
rsvg-convert --width 128 --height 128 --format png --output images/icon.png images/icon.svg
echo "images/icon.png: $(wc -c < images/icon.png) B"
