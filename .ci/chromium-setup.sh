#!/usr/bin/env bash
# Install Debian's Chromium for the desk's browser tests (tests/test_browser.py), idempotently.
# Playwright drives this browser through executable_path; it cannot download its own here.
set -euo pipefail

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

if [ ! -x /usr/bin/chromium ]; then
    as_root apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi
/usr/bin/chromium --version >&2
