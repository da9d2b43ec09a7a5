#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a free loopback port and prints its connection string.
# Usage: scripts/start-pg.sh DIR   (stop with: scripts/stop-pg.sh DIR)
set -euo pipefail
DIR="${1:?usage: start-pg.sh DIR}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$BIN/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
mkdir -p "$DIR"
RUNAS=()
if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$DIR"; RUNAS=(runuser -u postgres --); fi
"${RUNAS[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1
"${RUNAS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/pg.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c max_connections=200 -c shared_buffers=256MB" start >/dev/null
echo "$PORT" > "$DIR/port"
echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Password=postgres;Database=postgres"
