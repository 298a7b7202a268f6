#!/usr/bin/env bash
# bench/cluster-bench.sh: issue 14's cluster benchmark. On this machine's cores, with wrk through HAProxy:
#   GET /api/articles (20 published articles) and authenticated GET /api/me, req/s and requests per CPU-second
#   of the servers (nodes + HAProxy + PostgreSQL, from /proc), for
#     baseline  1 node with cluster mode OFF, on the same PostgreSQL behind the same HAProxy (the plain node)
#     1, 2, 3   nodes with cluster mode on (bench/cluster.sh), each against the baseline
#     sqlite    for context: the README's single node (SQLite, no HAProxy, straight to the node)
#   and, for 2 and 3 nodes, the cross-node revocation latency: sign in through node A directly, warm node B's
#   session cache with GET /api/me on B directly, log out on A, poll B directly until 401; --revocations times
#   (default 200); median and p99 from A's answer to the logout to B's first 401 (target: under 50 ms).
# On 2 cores more nodes cannot be faster: the figures say what clustering costs, not what it gains.
# Every run: one fresh PostgreSQL (bench/cluster.sh's, state in target/cluster-bench/, ports 29080-29110 and 29432),
# rate limiter and request logs off, the nodes' JVM options as bench/cluster.sh sets them (CLUSTER_JAVA_OPTS,
# default -Xmx320m: the README's heap and room for Hazelcast, the same for every configuration), every response status checked before measuring, wrk's error
# and non-2xx/3xx counts checked after every round (a round that measured 401s fails the run: exit 1).
# Missing a target is a result, not a failure: exit 0. Everything started is stopped on exit.
#
# Usage: bench/cluster-bench.sh [--quick] [--skip-build] [--duration S] [--warmup S] [--rounds N]
#                               [--revocations N] [--only baseline,1,2,3,sqlite] [--break wrong-token]
#   --quick        3 s warm-ups and rounds, 20 revocations: a smoke test, not figures to quote
#   --duration S   seconds per measured round (default 10); --warmup S (default 10); --rounds N (default 2)
#   --break X      check the checks: measure /api/me with a broken token (401s); must exit 1
# Needs: a JDK 17+, python3, curl, wrk, HAProxy and PostgreSQL's server binaries (wrk, haproxy and postgresql are
# installed with apt-get when missing and run as root). Output: the table on standard output, a JSON summary under
# target/bench/, the logs of the last run in target/cluster-bench/logs/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CLUSTER_DIR=$ROOT/target/cluster-bench CLUSTER_BASE_PORT=${CLUSTER_BASE_PORT:-29080}
BASE=$CLUSTER_BASE_PORT
CL=("$ROOT/bench/cluster.sh")
BENCH=(python3 "$ROOT/bench/cluster/bench.py")
CTOOLS=(python3 "$ROOT/bench/compare/tools.py")
DURATION=10 WARMUP=10 ROUNDS=2 REVOCATIONS=200 BUILD=1 BREAK="" QUICK=false ONLY="baseline,1,2,3,sqlite"
usage() { sed -n '/^# Usage:/,/^# Needs:/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
die() { echo "cluster-bench: FAIL: $*" >&2; exit 1; }
say() { echo "cluster-bench: $*"; }
while (($#)); do
  case $1 in
    --quick) DURATION=3 WARMUP=3 REVOCATIONS=20 QUICK=true ;;
    --skip-build) BUILD=0 ;;
    --duration) DURATION=${2:?}; shift ;;
    --warmup) WARMUP=${2:?}; shift ;;
    --rounds) ROUNDS=${2:?}; shift ;;
    --revocations) REVOCATIONS=${2:?}; shift ;;
    --only) ONLY=${2:?}; shift ;;
    --break) BREAK=${2:?}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
  shift
done
[[ $DURATION =~ ^[1-9][0-9]*$ && $WARMUP =~ ^[0-9]+$ && $ROUNDS =~ ^[1-9]$ && $REVOCATIONS =~ ^[1-9][0-9]*$ ]] \
  || die "--duration, --warmup, --rounds and --revocations take whole numbers"
[[ $BREAK =~ ^(|wrong-token)$ ]] || die "--break takes wrong-token"
for part in ${ONLY//,/ }; do [[ $part =~ ^(baseline|1|2|3|sqlite)$ ]] || die "unknown --only part '$part'"; done
want() { [[ ",$ONLY," == *",$1,"* ]]; }

for v in $(compgen -e); do
  if [[ $v == GERBANG_* || $v == JAVA_TOOL_OPTIONS || $v == JDK_JAVA_OPTIONS || $v == _JAVA_OPTIONS || $v == CLUSTER_MODE ]]; then
    echo "cluster-bench: note: ignoring $v from your environment (the benchmark sets what it needs)" >&2
    unset "$v"
  fi
done
for tool in java python3 curl; do command -v $tool >/dev/null || die "$tool is needed"; done
if ! command -v wrk >/dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    say "installing wrk (apt-get install -y wrk)"
    apt-get install -y -q wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; } || die "could not install wrk"
  else
    die "wrk is needed: sudo apt-get install wrk (Debian/Ubuntu)"
  fi
fi
if ((BUILD)); then
  say "building the jar (./mvnw -q package -DskipTests)"
  ./mvnw -q package -DskipTests || die "the build failed"
fi
[[ -f target/gerbang.jar ]] || die "no target/gerbang.jar: run without --skip-build"
JAVA_OPTS_NODES=${CLUSTER_JAVA_OPTS--Xmx320m}

OUT=$ROOT/target/bench
RUN=$(mktemp -d /tmp/gerbang-cluster-bench.XXXXXX)
mkdir -p "$OUT" "$RUN/pids"
RESULTS=$RUN/results.jsonl
: >"$RESULTS"
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  "${CL[@]}" down >/dev/null 2>&1 || "${CL[@]}" down || true
  if [[ -s $RUN/pids/sqlite.pid ]]; then
    local pid
    pid=$(<"$RUN/pids/sqlite.pid")
    if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q gerbang.jar; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 300); do [[ -e /proc/$pid ]] || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  [[ ! -d $RUN/logs ]] || cp -r "$RUN/logs/." "$CLUSTER_DIR/logs/" 2>/dev/null || true
  rm -rf "$RUN"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

record() { printf '%s\n' "$1" >>"$RESULTS"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
JSON='Content-Type: application/json'
expect() { # status description curl-args...
  local want=$1 what=$2 got; shift 2
  got=$(curl -s -o "$RUN/body" -w '%{http_code}' --max-time 30 "$@") || got="no answer (curl exit $?)"
  [[ $got == "$want" ]] || die "$what answered $got, not $want: $(head -c 400 "$RUN/body" 2>/dev/null)"
}
jfield() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

LOAD_AT_START=$(loadavg)
say "load average at start: $LOAD_AT_START (2 cores shared with other work: see the per-round share below)"
WRK_ARGS=(-t1 -c8 --timeout 10s -s "$ROOT/bench/compare/wrk.lua")
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
PGV=$( ("$PGBIN/postgres" --version 2>/dev/null || true) | awk '{print $3}')
record "$(python3 -c 'import json,sys; a=sys.argv; print(json.dumps(dict(kind="meta", commit=a[1], date=a[2], cores=int(a[3]), java=a[4],
  wrk=a[5], haproxy=a[6], postgres=a[7], loadBefore=a[8], roundSeconds=int(a[9]), warmupSeconds=int(a[10]), rounds=int(a[11]),
  wrkArgs=a[12], javaOpts=a[13], quick=a[14] == "true", baseline="baseline" if "baseline" in a[15].split(",") else None)))' \
  "$(git rev-parse --short HEAD)$( [[ -z $(git status --porcelain -- src pom.xml conf) ]] || echo '+local changes')" \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" "$(java -version 2>&1 | head -1)" "$( (wrk -v 2>&1 || true) | head -1 | sed 's/ Copyright.*//')" \
  "$(haproxy -v 2>/dev/null | head -1 | awk '{print "HAProxy " $3}')" "$PGV" "$LOAD_AT_START" "$DURATION" "$WARMUP" "$ROUNDS" \
  "-t1 -c8" "$JAVA_OPTS_NODES" "$QUICK" "$ONLY")"

ADMIN_EMAIL=admin@bench.example.com ADMIN_PASSWORD="bench admin passphrase $RANDOM$RANDOM"
USER_EMAIL=reader@bench.example.com USER_PASSWORD="correct horse battery staple"

seed() { # base-url: the admin signs in and writes 20 published articles; a reader signs up; the list shows 20
  local G=$1 admin_token i n
  expect 200 "POST /api/auth/login (admin)" -XPOST "$G/api/auth/login" -H "$JSON" -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}"
  admin_token=$(jfield accessToken <"$RUN/body")
  for i in $(seq 20); do
    expect 201 "POST /api/articles ($i of 20)" -XPOST "$G/api/articles" -H "$JSON" -H "Authorization: Bearer $admin_token" \
      -d "{\"title\":\"Benchmark article $i\",\"summary\":\"Article $i of the cluster benchmark.\",\"body\":\"# Article $i\\n\\nSome *Markdown* text of article $i, with a [link](https://example.com/$i) and a list:\\n\\n- one\\n- two\\n- three\\n\",\"status\":\"published\"}"
  done
  expect 201 "POST /api/auth/register" -XPOST "$G/api/auth/register" -H "$JSON" \
    -d "{\"email\":\"$USER_EMAIL\",\"password\":\"$USER_PASSWORD\",\"name\":\"Bench reader\"}"
}
check_list() { # base-url
  expect 200 "GET /api/articles" "$1/api/articles"
  n=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["items"]), d.get("total"))' "$RUN/body")
  [[ $n == "20 20" ]] || die "GET /api/articles lists $n (items, total), not the 20 published articles"
}
sign_in() { # base-url -> a reader's access token (broken on purpose with --break wrong-token)
  expect 200 "POST /api/auth/login (reader)" -XPOST "$1/api/auth/login" -H "$JSON" -d "{\"email\":\"$USER_EMAIL\",\"password\":\"$USER_PASSWORD\"}"
  local token
  token=$(jfield accessToken <"$RUN/body")
  if [[ $BREAK == wrong-token ]]; then local sig=${token##*.}; token=${token%.*}.$([[ ${sig:0:1} == A ]] && echo B || echo A)${sig:1}; fi
  printf '%s' "$token"
}
measure() { # config base-url pid-spec
  local config=$1 G=$2 spec=$3 token n
  check_list "$G"
  token=$(sign_in "$G")
  [[ -n $BREAK ]] || expect 200 "GET /api/me" "$G/api/me" -H "Authorization: Bearer $token"
  if ((WARMUP > 0)); then
    "${BENCH[@]}" round "$config" articles warm-up 0 "$spec" -- "${WRK_ARGS[@]}" -d"${WARMUP}s" "$G/api/articles" >>"$RESULTS" || exit 1
  fi
  for n in $(seq "$ROUNDS"); do
    "${BENCH[@]}" round "$config" articles round "$n" "$spec" -- "${WRK_ARGS[@]}" -d"${DURATION}s" "$G/api/articles" >>"$RESULTS" || exit 1
  done
  if ((WARMUP > 0)); then
    "${BENCH[@]}" round "$config" me warm-up 0 "$spec" -- "${WRK_ARGS[@]}" -d"${WARMUP}s" -H "Authorization: Bearer $token" "$G/api/me" >>"$RESULTS" || exit 1
  fi
  for n in $(seq "$ROUNDS"); do
    token=$(sign_in "$G") # a fresh token per round (an access token lives 15 minutes)
    "${BENCH[@]}" round "$config" me round "$n" "$spec" -- "${WRK_ARGS[@]}" -d"${DURATION}s" -H "Authorization: Bearer $token" "$G/api/me" >>"$RESULTS" || exit 1
  done
  # Still serving correctly after the load.
  check_list "$G"
  token=$(sign_in "$G")
  [[ -n $BREAK ]] || expect 200 "GET /api/me after the load" "$G/api/me" -H "Authorization: Bearer $token"
}
cluster_spec() { # the pids of the nodes, HAProxy and the postmaster
  local i nodes=""
  for i in $(seq "$1"); do nodes+="${nodes:+,}$(<"$CLUSTER_DIR/pids/node-$i.pid")"; done
  echo "nodes=$nodes;haproxy=$(<"$CLUSTER_DIR/pids/haproxy.pid");postgres=$(head -1 "$CLUSTER_DIR/pg/postmaster.pid")"
}

# --- The PostgreSQL configurations, on one database (seeded once). ---
SEEDED=0
"${CL[@]}" down --purge >/dev/null
run_cluster() { # config nodes mode description
  local config=$1 nodes=$2 mode=$3 desc=$4 G=http://127.0.0.1:$BASE
  say "$desc: starting (bench/cluster.sh up --nodes $nodes, cluster mode $mode)"
  "${CL[@]}" down >/dev/null
  CLUSTER_MODE=$mode GERBANG_RATE_LIMIT_ENABLED=false GERBANG_LOG_REQUESTS=false GERBANG_MFA_REQUIRED_ROLES= "${CL[@]}" up --nodes "$nodes" >"$RUN/up.log" 2>&1 \
    || { cat "$RUN/up.log" >&2; die "bench/cluster.sh up failed"; }
  grep -E '^  (node|HAProxy backend)' "$RUN/up.log" || true
  if ((SEEDED == 0)); then
    GERBANG_ADMIN_PASSWORD=$ADMIN_PASSWORD "${CL[@]}" create-admin --email "$ADMIN_EMAIL" --name "Bench admin" >/dev/null \
      || die "create-admin failed"
    seed "$G"
    SEEDED=1
  fi
  record "$(python3 -c 'import json,sys; print(json.dumps(dict(kind="config", config=sys.argv[1], description=sys.argv[2], nodes=int(sys.argv[3]))))' "$config" "$desc" "$nodes")"
  measure "$config" "$G" "$(cluster_spec "$nodes")"
  if ((nodes >= 2)); then
    local bs="" i
    for i in $(seq 2 "$nodes"); do bs+="${bs:+,}http://127.0.0.1:$((BASE + i))"; done
    say "$desc: revocation latency, $REVOCATIONS x (sign in on node 1, warm node B, log out on node 1, poll B until 401)"
    r=$("${BENCH[@]}" revocation "http://127.0.0.1:$((BASE + 1))" "$bs" "$USER_EMAIL" "$USER_PASSWORD" "$REVOCATIONS") || exit 1
    record "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d.update(kind="revocation", config=sys.argv[2]); print(json.dumps(d))' "$r" "$config")"
  fi
}
if want baseline; then run_cluster baseline 1 off "1 node, cluster mode off (baseline)"; fi
if want 1; then run_cluster c1 1 on "1 node, cluster mode on"; fi
if want 2; then run_cluster c2 2 on "2 nodes, cluster mode on"; fi
if want 3; then run_cluster c3 3 on "3 nodes, cluster mode on"; fi
"${CL[@]}" down >/dev/null

# --- Context: the README's single node (SQLite, no HAProxy). ---
if want sqlite; then
  desc="1 node, SQLite, no HAProxy (README default)"
  say "$desc: starting"
  mkdir -p "$RUN/logs" "$RUN/sqlite"
  (cd "$RUN/sqlite" && env GERBANG_DATA_DIR="$RUN/sqlite/data" GERBANG_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    java -jar "$ROOT/target/gerbang.jar" create-admin --email "$ADMIN_EMAIL" --name "Bench admin") >"$RUN/logs/sqlite-create-admin.log" 2>&1 \
    || die "create-admin failed: $(tail -5 "$RUN/logs/sqlite-create-admin.log")"
  SPORT=$("${CTOOLS[@]}" free-port)
  # shellcheck disable=SC2086
  "${CTOOLS[@]}" start "$RUN/logs/sqlite-node.log" "$RUN/pids/sqlite.pid" "http://127.0.0.1:$SPORT/health/ready" 200 120 -- \
    env -C "$RUN/sqlite" GERBANG_DATA_DIR="$RUN/sqlite/data" GERBANG_HTTP_PORT="$SPORT" GERBANG_HTTP_HOST=127.0.0.1 \
    GERBANG_RATE_LIMIT_ENABLED=false GERBANG_LOG_REQUESTS=false GERBANG_MFA_REQUIRED_ROLES= java $JAVA_OPTS_NODES -jar "$ROOT/target/gerbang.jar" >/dev/null \
    || die "the SQLite node did not start"
  G=http://127.0.0.1:$SPORT
  seed "$G"
  record "$(python3 -c 'import json,sys; print(json.dumps(dict(kind="config", config="sqlite", description=sys.argv[1], nodes=1)))' "$desc")"
  measure sqlite "$G" "nodes=$(<"$RUN/pids/sqlite.pid")"
fi

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true) # (bench/cluster.sh may have installed it)
PGV=$( ("$PGBIN/postgres" --version 2>/dev/null || true) | awk '{print $3}')
record "$(python3 -c 'import json,sys; print(json.dumps(dict(kind="meta", loadAfter=sys.argv[1], postgres=sys.argv[2])))' "$(loadavg)" "$PGV")"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
"${BENCH[@]}" report "$RESULTS" "$OUT/cluster-bench-$STAMP.json"
cp "$RESULTS" "$OUT/cluster-bench-$STAMP.jsonl"
