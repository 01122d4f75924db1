#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL server for the tests: run as the postgres
# user, data in a temporary directory, listening on 127.0.0.1 only.
#   eval "$(tools/pg_test_server.sh start)"   # exports MSEVIDENCE_TEST_PG_URL
#   tools/pg_test_server.sh stop
set -euo pipefail
PORT="${MSEVIDENCE_PG_PORT:-54329}"
STATE="/tmp/msevidence-pg-test-$PORT"
bin_dir() {
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/postgres" ] && { echo "$d"; return; }; done
  return 1
}
case "${1:-}" in
start)
  if ! BIN=$(bin_dir); then
    echo "installing PostgreSQL from Debian's packages" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
    BIN=$(bin_dir)
  fi
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$STATE" postgres
  rm -rf "$STATE" && mkdir -p "$STATE" && chown postgres "$STATE"
  as_pg() { if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -s /bin/bash -c "$(printf '%q ' "$@")"; fi; }
  as_pg "$BIN/initdb" -D "$STATE/data" -U postgres -A trust --no-sync >/dev/null
  as_pg "$BIN/pg_ctl" -D "$STATE/data" -l "$STATE/log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$STATE -c fsync=off -c max_connections=200" start >&2
  echo "export MSEVIDENCE_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
  ;;
stop)
  BIN=$(bin_dir) || exit 0
  [ -d "$STATE/data" ] || exit 0
  su postgres -s /bin/bash -c "$BIN/pg_ctl -D $STATE/data -m fast -w stop" >&2 || true
  ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
