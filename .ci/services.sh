#!/usr/bin/env bash
# Sourced by .ci/run (and usable by hand: `source .ci/services.sh`): builds pgvector if PostgreSQL 15 lacks it,
# starts a throwaway PostgreSQL 15 and Redis on free 127.0.0.1 ports, exports what the tests look for and stops both
# when the shell exits.
#   WORKBRAIN_TEST_POSTGRES  Npgsql connection string of a superuser (tests create and drop their own databases)
#   WORKBRAIN_TEST_REDIS     host:port of a Redis with no persistence
# Needs: apt-get install postgresql-15 postgresql-server-dev-15 build-essential redis-server

WB_PG_BIN=/usr/lib/postgresql/15/bin
WB_SERVICES_DIR="$(mktemp -d /tmp/workbrain-services.XXXXXX)"
chmod 755 "$WB_SERVICES_DIR"

wb_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# PostgreSQL refuses to run as root: run its commands as the "postgres" user Debian's package creates.
wb_as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

wb_install_pgvector() {
  local share
  share="$("$WB_PG_BIN/pg_config" --sharedir)"
  if [ -f "$share/extension/vector.control" ]; then
    return 0
  fi
  local vendor
  vendor="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/shared/vendor/pgvector-0.8.1"
  [ -d "$vendor" ] || { echo "pgvector sources not found at $vendor" >&2; return 1; }
  cp -r "$vendor" "$WB_SERVICES_DIR/pgvector"
  make -s -C "$WB_SERVICES_DIR/pgvector" PG_CONFIG="$WB_PG_BIN/pg_config" >/dev/null
  make -s -C "$WB_SERVICES_DIR/pgvector" PG_CONFIG="$WB_PG_BIN/pg_config" install >/dev/null
}

wb_start_postgres() {
  local data="$WB_SERVICES_DIR/pg" port
  port="$(wb_free_port)"
  mkdir -p "$data"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$data"
  wb_as_pg "$WB_PG_BIN/initdb" -D "$data" -U workbrain -A trust -E UTF8 --no-locale >/dev/null
  wb_as_pg "$WB_PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -s \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start
  export WORKBRAIN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=workbrain;Database=postgres"
  WB_PG_DATA="$data"
}

wb_start_redis() {
  local port
  port="$(wb_free_port)"
  redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no --daemonize yes \
    --dir "$WB_SERVICES_DIR" --pidfile "$WB_SERVICES_DIR/redis.pid" --logfile "$WB_SERVICES_DIR/redis.log"
  for _ in $(seq 50); do
    redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  export WORKBRAIN_TEST_REDIS="127.0.0.1:$port"
}

wb_stop_services() {
  if [ -n "${WB_PG_DATA:-}" ]; then
    wb_as_pg "$WB_PG_BIN/pg_ctl" -D "$WB_PG_DATA" -m immediate -w -s stop || true
  fi
  if [ -f "$WB_SERVICES_DIR/redis.pid" ]; then
    kill "$(cat "$WB_SERVICES_DIR/redis.pid")" 2>/dev/null || true
  fi
  rm -rf "$WB_SERVICES_DIR"
}

trap wb_stop_services EXIT
wb_install_pgvector
wb_start_postgres
wb_start_redis
echo "services: PostgreSQL $WORKBRAIN_TEST_POSTGRES; Redis $WORKBRAIN_TEST_REDIS"
