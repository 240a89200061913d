#!/usr/bin/env bash
# Installs the Debian packages Harbour's tests need (Chromium, PostgreSQL, Redis) when they are
# missing. Idempotent and non-interactive. As root with apt it installs what is missing (one
# `apt-get update` first); otherwise it stops and prints the exact command to run.
# It never starts a system-wide database cluster: tests start private ones (tests/helpers/postgres.ts).
set -euo pipefail

missing=()
have_postgres() { compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }

[[ -x /usr/bin/chromium ]] || missing+=(chromium)
have_postgres || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)

if ((${#missing[@]} > 0)); then
  cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "setup-system: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup-system: missing system packages: ${missing[*]}" >&2
    echo "setup-system: run this as root, then run npm test again:" >&2
    echo "  sudo sh -c '$cmd'" >&2
    exit 1
  fi
fi

# Verify: the binaries the tests use must now exist.
fail=0
[[ -x /usr/bin/chromium ]] || { echo "setup-system: /usr/bin/chromium is still missing" >&2; fail=1; }
have_postgres || { echo "setup-system: PostgreSQL server binaries (/usr/lib/postgresql/*/bin/postgres, initdb) are still missing" >&2; fail=1; }
command -v redis-server >/dev/null 2>&1 || { echo "setup-system: redis-server is still missing" >&2; fail=1; }
((fail == 0)) || exit 1

pgbin=$(compgen -G '/usr/lib/postgresql/*/bin/postgres' | sort -V | tail -1)
echo "setup-system: ok (chromium, $(dirname "$pgbin"), $(command -v redis-server))"
