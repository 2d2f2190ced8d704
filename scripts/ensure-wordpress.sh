#!/usr/bin/env bash
# Makes sure the real WordPress the plugin's tests run against can start: Debian's WordPress, a
# block theme (twentytwentythree), MariaDB and PHP's CLI with its MySQL driver. Installs with apt
# only what is missing, and never starts a system service (the harness runs its own, privately).
set -euo pipefail
packages=(wordpress wordpress-theme-twentytwentythree mariadb-server php-cli php-mysql)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing ${missing[*]}: install them (the WordPress tests need them)." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
echo "Installing ${missing[*]} (needed by the WordPress tests)…" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
