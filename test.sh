#!/usr/bin/env bash
# Runs every test of OrderToCash: installs what the tests need (as root, with apt-get), starts a throwaway
# PostgreSQL (and, when present, the mail server), runs every test project, stops what it started (also on
# failure) and ends with one line: "N passed, N failed[, N skipped]".
# O2C_REQUIRE_ALL=1 (CI) turns every skip for a missing precondition into a failure.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
WORK="$(mktemp -d /tmp/o2c-test.XXXXXX)"
chmod 755 "$WORK"
PIDS=()

cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null; done
  "$ROOT/scripts/stop-pg.sh" "$WORK/pg" 2>/dev/null
  [ -x "$ROOT/scripts/stop-mail.sh" ] && "$ROOT/scripts/stop-mail.sh" "$WORK/mail" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# 1. What the tests need from Debian.
NEED=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || NEED+=(postgresql)
command -v chromium >/dev/null 2>&1 || NEED+=(chromium)
[ -d /usr/share/fonts/truetype/liberation ] || NEED+=(fonts-liberation)
[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || NEED+=(fonts-noto-cjk)
command -v pdftoppm >/dev/null 2>&1 || NEED+=(poppler-utils)
command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || NEED+=(dovecot-imapd)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || NEED+=(python3-aiosmtpd)
if [ ${#NEED[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing: ${NEED[*]}"
    apt-get update -q >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${NEED[@]}" >"$WORK/apt.log" 2>&1 \
      || { echo "apt-get install failed:"; tail -20 "$WORK/apt.log"; }
  else
    echo "Missing packages (install them as root): ${NEED[*]}"
  fi
fi

# 2. Services.
if PGCS="$("$ROOT/scripts/start-pg.sh" "$WORK/pg")"; then
  export O2C_TEST_PG="$PGCS"
  echo "PostgreSQL on ${PGCS%%;Username*}"
else
  echo "PostgreSQL could not be started; PostgreSQL tests will skip (or fail with O2C_REQUIRE_ALL=1)"
fi
if [ -x "$ROOT/scripts/start-mail.sh" ]; then
  if MAILENV="$("$ROOT/scripts/start-mail.sh" "$WORK/mail")"; then eval "$MAILENV"; echo "Mail server started"; fi
fi

# 3. Build once, then run every test project.
if ! dotnet build "$ROOT/OrderToCash.slnx" -c Debug -nologo -v q 2>&1 | tee "$WORK/build.log" | grep -E " error |rror\(s\)" ; then :; fi
if grep -q "Build FAILED" "$WORK/build.log" || grep -qE "[1-9][0-9]* Error\(s\)" "$WORK/build.log"; then
  echo "The build failed."
  echo "0 passed, 1 failed"
  exit 1
fi
PASSED=0; FAILED=0; SKIPPED=0
for proj in "$ROOT"/tests/*/*.csproj; do
  name="$(basename "$proj" .csproj)"
  echo "== $name"
  dotnet test "$proj" --no-build -nologo --logger "trx;LogFileName=$WORK/$name.trx" \
    --results-directory "$WORK/results-$name" ${O2C_TEST_FILTER:+--filter "$O2C_TEST_FILTER"} \
    >"$WORK/$name.log" 2>&1
  grep -E "^\s+(Failed|Skipped) |Error Message|^(Passed|Failed)!" "$WORK/$name.log" | head -80
  TRX="$(ls "$WORK"/results-"$name"/*.trx "$WORK/$name.trx" 2>/dev/null | head -1)"
  if [ -z "$TRX" ]; then
    echo "  no results for $name (the test host did not run):"; tail -30 "$WORK/$name.log"; FAILED=$((FAILED+1)); continue
  fi
  read -r p f s < <(python3 - "$TRX" <<'PY'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<Counters [^>]*>', t)
g = lambda k: int(re.search(k + r'="(\d+)"', m.group(0)).group(1)) if m and re.search(k + r'="(\d+)"', m.group(0)) else 0
print(g("passed"), g("failed") + g("error") + g("timeout") + g("aborted"), g("notExecuted"))
PY
)
  PASSED=$((PASSED+p)); FAILED=$((FAILED+f)); SKIPPED=$((SKIPPED+s))
  echo "   $name: $p passed, $f failed, $s skipped"
done
if [ "$SKIPPED" -gt 0 ]; then echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"; else echo "$PASSED passed, $FAILED failed"; fi
[ "$FAILED" -eq 0 ]
