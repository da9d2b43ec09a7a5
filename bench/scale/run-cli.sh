#!/usr/bin/env bash
# The scale goal through the real CLI, each verb in its own process as a person or a job runs it, each timed with
# its peak memory (maximum resident set, from /usr/bin/time), on a fresh SQLite file, scored against the truth.
# The world's files come from `scale --keep DIR` (the in-process bench), so both measure the same world.
# usage: bench/scale/run-cli.sh WORLD_DIR       e.g. after
#   dotnet bench/OrderToCash.Benchmarks/bin/Release/net10.0/OrderToCash.Benchmarks.dll \
#       scale --seed 7 --receipts 100000 --open-items 1000000 --keep /tmp/w7 --until "import fx-rates"
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
world="$(cd "${1:?usage: run-cli.sh WORLD_DIR}" && pwd)"
db="$world/cli.db"
rm -f "$db" "$db-wal" "$db-shm"
"$root/o2c" --help > /dev/null # builds once, outside the timings
statement="$(ls "$world"/statement.* | head -1)"
goal=0
step() {
  local name="$1" counted="$2"; shift 2
  /usr/bin/time -f "%e %M" -o "$world/.time" "$root/o2c" --db "$db" "$@" > "$world/.out"
  read -r seconds kb < "$world/.time"
  printf '  %-22s %8.2f s   max RSS %5d MB   %s\n' "$name" "$seconds" $((kb / 1024)) "$(tail -1 "$world/.out")"
  if [ "$counted" = 1 ]; then goal="$(awk -v a="$goal" -v b="$seconds" 'BEGIN { print a + b }')"; fi
}
step "import customers" 0 import customers "$world/customers.csv"
step "import fx-rates" 0 import fx-rates "$world/rates.csv"
step "import open-items" 0 import open-items "$world/open_items.csv"
step "import statement" 1 import statement "$statement"
step "cashapp run" 1 cashapp run
step "export applications" 1 export applications --out "$world/applications.csv"
printf '  %-22s %8.2f s   target 60 s\n' "statement+run+export" "$goal"
dotnet "$root/bench/OrderToCash.Benchmarks/bin/Release/net10.0/OrderToCash.Benchmarks.dll" \
  score "$world/truth.csv" "$world/applications.csv"
