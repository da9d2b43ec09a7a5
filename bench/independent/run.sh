#!/usr/bin/env bash
# A world from the independent generator through the CLI contract on a fresh SQLite file, scored against its truth.
# usage: bench/independent/run.sh SEED mt940|camt [OUT_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seed="$1"; format="$2"; out="${3:-/tmp/o2c-independent/w$seed$format}"
rm -rf "$out" "$out.db"
python3 "$here/independent_world.py" "$seed" "$out" "$format"
o2c="$root/o2c"
"$o2c" --db "$out.db" import customers "$out/customers.csv" > /dev/null
"$o2c" --db "$out.db" import open-items "$out/open_items.csv" > /dev/null
"$o2c" --db "$out.db" import statement "$out"/statement.* | tail -1
"$o2c" --db "$out.db" cashapp run | tail -1
"$o2c" --db "$out.db" export applications --out "$out/applications.csv" > /dev/null
"$o2c" --db "$out.db" check | tail -1
dotnet run -c Release --project "$root/bench/OrderToCash.Benchmarks" -- score "$out/truth.csv" "$out/applications.csv"
