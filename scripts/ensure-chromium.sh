#!/usr/bin/env bash
# Makes sure a system Chromium exists for the browser tests. Never downloads a browser build:
# it uses $CHROME_PATH, else /usr/bin/chromium, else installs Debian's `chromium` package.
set -euo pipefail
if [ -n "${CHROME_PATH:-}" ] && [ -x "$CHROME_PATH" ]; then exit 0; fi
if [ -x /usr/bin/chromium ]; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "No Chromium found: install one and set CHROME_PATH to its executable." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
echo "Installing Debian's chromium (needed by the browser tests)…" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
