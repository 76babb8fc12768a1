#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the results-store tests (issue 17) and print its URL.
#   eval "$(bash .ci/postgres.sh start)"   # exports RUBRIC_CHECK_TEST_POSTGRES and PG_THROWAWAY_DIR
#   bash .ci/postgres.sh stop "$PG_THROWAWAY_DIR"
# Installs the Debian package when the server is missing (as root, where apt-get works). initdb and
# the server refuse to run as root, so as root the cluster belongs to the "postgres" user.
set -euo pipefail
action=${1:-start}
find_bin() {
    if command -v "$1" >/dev/null 2>&1; then command -v "$1"; return; fi
    ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1 || true
}
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$action" = stop ]; then
    dir=${2:?folder}
    as_owner "$(find_bin pg_ctl)" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    exit 0
fi
if [ -z "$(find_bin initdb)" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
initdb=$(find_bin initdb)
pg_ctl=$(find_bin pg_ctl)
[ -n "$initdb" ] || { echo "PostgreSQL (initdb) not found" >&2; exit 1; }
dir=$(mktemp -d /tmp/rubric-check-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port=${PG_TEST_PORT:-$((54000 + RANDOM % 900))}
as_owner "$initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_owner "$pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" start >/dev/null
echo "export RUBRIC_CHECK_TEST_POSTGRES=postgresql://postgres@127.0.0.1:$port/postgres"
echo "export PG_THROWAWAY_DIR=$dir"
