#!/usr/bin/env bash
# Measures, against the real jar on a fresh data dir: the time from `java -jar` to a ready server, and the
# latency of login next to two baselines on the same server (an unauthenticated health check, and an
# authenticated GET /api/me), sequential requests over curl. Usage: bench/auth-latency.sh [requests]
# Needs: target/gerbang.jar (./mvnw -q package -DskipTests), curl, python3. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-50}
PORT=${GERBANG_BENCH_PORT:-18080}
DATA=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT

start=$(date +%s%N)
# The rate limiter and the per-account login lock are switched off: this measures the work of a sign-in, not
# the 429s that the limiter (rightly) answers to 60 sign-ins a minute from one address.
GERBANG_DATA_DIR="$DATA" GERBANG_HTTP_PORT=$PORT GERBANG_LOG_REQUESTS=false GERBANG_RATE_LIMIT_ENABLED=false \
  GERBANG_LOGIN_THROTTLE_FREE_FAILURES=1000000 java -jar target/gerbang.jar >"$DATA/server.log" 2>&1 &
PID=$!
until curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null; do sleep 0.02; done
ready=$(( ($(date +%s%N) - start) / 1000000 ))

json='Content-Type: application/json'
curl -sf -XPOST "http://127.0.0.1:$PORT/api/auth/register" -H "$json" \
  -d '{"email":"bench@example.com","password":"correct horse battery staple","name":"Bench"}' >/dev/null
login='{"email":"bench@example.com","password":"correct horse battery staple"}'
token=$(curl -sf -XPOST "http://127.0.0.1:$PORT/api/auth/login" -H "$json" -d "$login" | python3 -c 'import json,sys;print(json.load(sys.stdin)["accessToken"])')

measure() { # expected status, then curl arguments; prints one time (ms) per line, fails on another status
  local expected=$1; shift
  for _ in $(seq "$N"); do curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$@"; done | awk -v want="$expected" '
    $1 != want { print "unexpected status " $1 " (wanted " want ")" > "/dev/stderr"; bad = 1 }
    { printf "%.3f\n", $2 * 1000 }
    END { if (bad) exit 1 }'
}
stats() { python3 -c '
import sys, statistics
xs = sorted(float(x) for x in sys.stdin if x.strip())
p = lambda q: xs[min(len(xs)-1, int(round(q*(len(xs)-1))))]
print(f"{sys.argv[1]:<28} n={len(xs):<4} median={statistics.median(xs):8.2f} ms  p90={p(0.9):8.2f} ms  max={xs[-1]:8.2f} ms")
print(statistics.median(xs), file=open(sys.argv[2], "w"))' "$1" "$DATA/$2"; }

measure 200 "http://127.0.0.1:$PORT/health/live" | stats "GET /health/live (baseline)" live
measure 200 -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT/api/me" | stats "GET /api/me (bearer)" me
measure 200 -XPOST -H "$json" -d "$login" "http://127.0.0.1:$PORT/api/auth/login" | stats "POST /api/auth/login" login
measure 401 -XPOST -H "$json" -d '{"email":"bench@example.com","password":"wrong password here"}' \
  "http://127.0.0.1:$PORT/api/auth/login" | stats "login, wrong password (401)" wrong
measure 401 -XPOST -H "$json" -d '{"email":"nobody@example.com","password":"wrong password here"}' \
  "http://127.0.0.1:$PORT/api/auth/login" | stats "login, unknown email (401)" unknown

echo "java -jar to ready: ${ready} ms"
python3 - "$DATA" <<'PY'
import sys
d = sys.argv[1]
r = lambda n: float(open(f"{d}/{n}").read())
print(f"login median / health median: {r('login')/r('live'):.1f}x")
print(f"unknown email / wrong password (401 medians; 1.00 = indistinguishable): {r('unknown')/r('wrong'):.2f}x")
PY
