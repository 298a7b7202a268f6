#!/usr/bin/env bash
# bench/metrics-cost.sh: what Prometheus metrics cost on the hot path (issue 18). Two servers from the same jar, on
# loopback, each on a fresh SQLite data dir: one with metrics on (the default: Vert.x's meters by route template,
# the latency histogram, the product's counters; its management listener on a free port and scraped once per
# round, as Prometheus would), one with GERBANG_METRICS_ENABLED=false. Then, interleaved (on, off, on, off ...):
#   articles  public GET /api/articles, 20 published articles (from the content cache)
#   me        authenticated GET /api/me (a reader's access token)
# wrk -t1 -c8 (with bench/compare/wrk.lua, through bench/compare/tools.py round), a warm-up per server and figure,
# then ROUNDS rounds per server, alternating which goes first; per server the mean req/s and the mean requests
# per CPU-second of the server process (utime+stime from /proc: less sensitive than req/s to a busy machine), and
# the ratios on/off. Rate limiter, request log and the MFA role policy (the bench admin signs in by script) off on both. Every wrk run's errors and non-2xx answers must be
# zero, or the run fails (exit 1) and reports nothing. wrk shares the cores with the servers: compare the ratios,
# not the absolute figures, and look at the "others used" share of each round.
#
# Usage: bench/metrics-cost.sh [--skip-build] [--duration S] [--warmup S] [--rounds N]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS=(python3 "$ROOT/bench/compare/tools.py")
DURATION=10 WARMUP=5 ROUNDS=3 BUILD=1
while (($#)); do
  case $1 in
    --skip-build) BUILD=0 ;;
    --duration) DURATION=${2:?}; shift ;;
    --warmup) WARMUP=${2:?}; shift ;;
    --rounds) ROUNDS=${2:?}; shift ;;
    *) sed -n '/^# Usage:/p' "$0" >&2; exit 2 ;;
  esac
  shift
done
die() { echo "metrics-cost: FAIL: $*" >&2; exit 1; }
command -v wrk >/dev/null || die "wrk is not installed (apt-get install -y wrk)"
for v in $(env | cut -d= -f1); do [[ $v != GERBANG_* ]] || unset "$v"; done
RUN=$(mktemp -d /tmp/gerbang-metrics-cost.XXXXXX)
mkdir -p "$RUN/logs" "$RUN/pids"
cleanup() { for p in "$RUN"/pids/*.pid; do [[ -f $p ]] && kill "$(cat "$p")" 2>/dev/null || true; done; sleep 1; rm -rf "$RUN"; }
trap cleanup EXIT
((BUILD == 0)) || ./mvnw -q -o -DskipTests -Dcds.skip=true package >/dev/null || die "the build failed"
[[ -f target/gerbang.jar ]] || die "no target/gerbang.jar (build without --skip-build)"

JSON='Content-Type: application/json'
ADMIN_PASSWORD="bench admin passphrase $RANDOM$RANDOM" READER_PASSWORD="correct horse battery staple"
expect() { # STATUS WHAT curl-args...
  local want=$1 what=$2 got; shift 2
  got=$(curl -s -o "$RUN/body" -w '%{http_code}' --max-time 30 "$@") || got="no answer"
  [[ $got == "$want" ]] || die "$what answered $got, not $want: $(head -c 300 "$RUN/body")"
}
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$RUN/body" "$1"; }

start() { # name [env...]: a fresh data dir with its first admin, the server, 20 articles and a reader; prints "port token"
  local name=$1 data=$RUN/data-$1 port admin; shift
  mkdir -p "$data"
  env GERBANG_DATA_DIR="$data" GERBANG_ADMIN_PASSWORD="$ADMIN_PASSWORD" java -jar target/gerbang.jar create-admin \
    --email admin@bench.example.com --name "Bench admin" >"$RUN/logs/$name-admin.log" 2>&1 || die "create-admin failed"
  port=$("${TOOLS[@]}" free-port)
  "${TOOLS[@]}" start "$RUN/logs/$name.log" "$RUN/pids/$name.pid" "http://127.0.0.1:$port/health/ready" 200 120 -- \
    env GERBANG_DATA_DIR="$data" GERBANG_HTTP_HOST=127.0.0.1 GERBANG_HTTP_PORT="$port" GERBANG_RATE_LIMIT_ENABLED=false \
    GERBANG_LOG_REQUESTS=false GERBANG_MFA_REQUIRED_ROLES= "$@" java -Xmx256m -jar target/gerbang.jar >/dev/null || die "$name did not start"
  local g=http://127.0.0.1:$port
  expect 200 "login (admin)" -XPOST "$g/api/auth/login" -H "$JSON" -d "{\"email\":\"admin@bench.example.com\",\"password\":\"$ADMIN_PASSWORD\"}"
  admin=$(field accessToken)
  for i in $(seq 20); do
    expect 201 "POST /api/articles" -XPOST "$g/api/articles" -H "$JSON" -H "Authorization: Bearer $admin" \
      -d "{\"title\":\"Benchmark article $i\",\"body\":\"Some *Markdown* of article $i.\",\"status\":\"published\"}"
  done
  expect 201 "register" -XPOST "$g/api/auth/register" -H "$JSON" \
    -d "{\"email\":\"reader@bench.example.com\",\"password\":\"$READER_PASSWORD\",\"name\":\"Bench reader\"}"
  expect 200 "login (reader)" -XPOST "$g/api/auth/login" -H "$JSON" -d "{\"email\":\"reader@bench.example.com\",\"password\":\"$READER_PASSWORD\"}"
  echo "$port $(field accessToken)"
}

METRICS_PORT=$("${TOOLS[@]}" free-port)
read -r ON_PORT ON_TOKEN < <(start on GERBANG_METRICS_PORT="$METRICS_PORT")
read -r OFF_PORT OFF_TOKEN < <(start off GERBANG_METRICS_ENABLED=false)
expect 200 "GET /metrics (metrics on)" "http://127.0.0.1:$METRICS_PORT/metrics"

measure() { # figure server(on|off) round port token path seconds: one checked wrk run (bench/compare/tools.py round)
  local args=(-t1 -c8 -d"$7"s --timeout 10s -s bench/compare/wrk.lua)
  [[ -z $5 ]] || args+=(-H "Authorization: Bearer $5")
  "${TOOLS[@]}" round "$1" "metrics-$2" round "$3" "$(cat "$RUN/pids/$2.pid")" "$RUN/pids" -- "${args[@]}" \
    "http://127.0.0.1:$4$6" 2>/dev/null || die "the $1 round on metrics-$2 failed (errors or non-2xx answers)"
}
value() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]] or 0)' "$1" "$2"; }
add() { python3 -c 'import sys; print(float(sys.argv[1]) + float(sys.argv[2]))' "$1" "$2"; }
declare -A RPS CPU
echo "metrics-cost: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), wrk -t1 -c8, ${WARMUP} s warm-up, $ROUNDS x ${DURATION} s rounds, interleaved"
for figure in articles me; do
  path=/api/articles on_token="" off_token=""
  [[ $figure == articles ]] || { path=/api/me on_token=$ON_TOKEN off_token=$OFF_TOKEN; }
  measure "$figure" on 0 "$ON_PORT" "$on_token" "$path" "$WARMUP" >/dev/null
  measure "$figure" off 0 "$OFF_PORT" "$off_token" "$path" "$WARMUP" >/dev/null
  RPS[$figure-on]=0 RPS[$figure-off]=0 CPU[$figure-on]=0 CPU[$figure-off]=0
  for r in $(seq "$ROUNDS"); do
    # Alternate which server goes first, so that a machine getting busier or quieter does not favour one.
    order=(on off)
    ((r % 2)) || order=(off on)
    for server in "${order[@]}"; do
      if [[ $server == on ]]; then
        result=$(measure "$figure" on "$r" "$ON_PORT" "$on_token" "$path" "$DURATION")
        curl -s -o /dev/null "http://127.0.0.1:$METRICS_PORT/metrics" # a scrape per round, as Prometheus would
      else
        result=$(measure "$figure" off "$r" "$OFF_PORT" "$off_token" "$path" "$DURATION")
      fi
      RPS[$figure-$server]=$(add "${RPS[$figure-$server]}" "$(value "$result" reqPerSec)")
      CPU[$figure-$server]=$(add "${CPU[$figure-$server]}" "$(value "$result" reqPerCpuSecond)")
      printf '  %-8s round %d, metrics %-3s: %9.0f req/s, %9.0f requests per server CPU-second (others used %s of the cores)\n' \
        "$figure" "$r" "$server" "$(value "$result" reqPerSec)" "$(value "$result" reqPerCpuSecond)" "$(value "$result" otherCpuShare)"
    done
  done
done
echo
printf '| %-28s | %-27s | %-27s | %-19s |\n' "figure" "metrics on: req/s, req/CPU-s" "metrics off: req/s, req/CPU-s" "on / off: req/s, CPU"
printf '|%s|%s|%s|%s|\n' "------------------------------" "-----------------------------" "-----------------------------" "---------------------"
for figure in articles me; do
  name="GET /api/articles (public)"
  [[ $figure == articles ]] || name="GET /api/me (authenticated)"
  python3 -c "
n = $ROUNDS
on, off = ${RPS[$figure-on]} / n, ${RPS[$figure-off]} / n
con, coff = ${CPU[$figure-on]} / n, ${CPU[$figure-off]} / n
print('| %-28s | %8.0f, %8.0f       | %8.0f, %8.0f       | %6.1f %%, %6.1f %%   |' % ('$name', on, con, off, coff, 100 * on / off, 100 * con / coff))"
done
