#!/usr/bin/env bash
# Makes sure PostgreSQL's server programs (initdb, pg_ctl, postgres, pg_dump, psql) exist for the
# server tests and the load benchmark, which start a private cluster of their own. Uses
# $RC_PG_BIN when set, else the newest /usr/lib/postgresql/*/bin, else installs Debian's
# `postgresql` package. Prints the bin directory. The system service is never started.
set -euo pipefail
find_bin() {
  if [ -n "${RC_PG_BIN:-}" ] && [ -x "$RC_PG_BIN/initdb" ]; then echo "$RC_PG_BIN"; return 0; fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  return 1
}
if find_bin; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "No PostgreSQL found: install its server package and set RC_PG_BIN to its bin directory." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
echo "Installing Debian's postgresql (needed by the server tests)…" >&2
$sudo apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >&2
find_bin
