#!/usr/bin/env bash
set -uo pipefail
DIR="${1:?usage: stop-pg.sh DIR}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -d "$DIR/data" ] || exit 0
RUNAS=()
[ "$(id -u)" = "0" ] && RUNAS=(runuser -u postgres --)
"${RUNAS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
