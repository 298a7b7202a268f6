#!/usr/bin/env bash
# bench/compare.sh: the measuring instrument of issue 15 (the hot path). It builds the jar, runs the real server
# on loopback and prints each figure of the issue's table with its reference, ratio and goal:
#   me        authenticated GET /api/me, against a bare Vert.x 5 server of our own (bench/compare/BareServer.java:
#             the same HS256 JWT check with vertx-auth-jwt and a small JSON, nothing else), wrk -t1 -c8, a warm-up
#             per server, then interleaved rounds (Gerbang, bare, Gerbang, bare); req/s and requests per CPU-second
#             of each server (utime+stime from /proc/PID/stat), because wrk shares the cores with the server
#   articles  public GET /api/articles with 20 published articles (cached), against two RealWorld servers'
#             figures RECORDED earlier (770 and 260 req/s, quoted by issue 15; not re-run here)
#   login     POST /api/auth/login with wrk -c4, against the ceiling cores / one hash (one hash timed with the
#             server's Argon2id settings from conf/config.json, bench/compare/HashTime.java) and Keycloak's
#             RECORDED 29 logins/s
#   startup   wall clock from the README's command (java -Xmx256m -XX:SharedArchiveFile=target/gerbang.jsa -jar
#             target/gerbang.jar) to the first 200
#             from /health/ready, fresh data dir and restart of the same dir, median of 3 each; and the log's
#             own "started in"
#   memory    VmRSS of the server idle after start and after the load above (--only memory runs that load on
#             Gerbang alone)
# Every run: a fresh temporary data dir, a free port on 127.0.0.1, rate limiter and request log off (login
# throttle off for the login run), every response status checked before measuring and wrk's error and
# non-2xx/3xx counts checked after every run: a run that measured 401s or 429s fails (exit 1) and reports nothing.
# Missing a goal is a result, not a failure: exit 0. Everything started is stopped and removed on exit.
#
# Usage: bench/compare.sh [--quick] [--skip-build] [--only me,articles,login,startup,memory]
#                         [--duration S] [--warmup S] [--break wrong-token|rate-limit] [--java-opts "FLAGS"]
#   --quick       3 s warm-ups and rounds, one start-up of each kind: a smoke test, not figures to quote
#   --duration S  seconds per measured round (default 15); --warmup S seconds of warm-up per server (default 15)
#   --skip-build  use the existing target/gerbang.jar
#   --break X     check the checks: serve a wrong token (401s) or leave the rate limiter on (429s); must exit 1
#   --java-opts   the server's JVM flags instead of the README's (an experiment: the table then says so)
# Needs: a JDK 17+ (java), python3, curl, wrk (installed with apt-get when missing and run as root), the Maven
# wrapper's dependencies (for the classpath of the two source-launched helpers). Output: the table on standard
# output, a JSON summary under target/bench/, the servers' logs of the last run in target/bench/logs/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS=(python3 "$ROOT/bench/compare/tools.py")

# The README's start command: java $README_JAVA_OPTS -jar target/gerbang.jar (keep the two in step).
README_JAVA_OPTS="-Xmx256m -XX:SharedArchiveFile=target/gerbang.jsa"
JAVA_OPTS=$README_JAVA_OPTS
DURATION=15 WARMUP=15 STARTS=3 HASH_SAMPLES=25 HASH_WARMUP=10 BUILD=1 BREAK="" QUICK=false ONLY="me,articles,login,startup,memory"
usage() { sed -n '/^# Usage:/,/^# Needs:/p' "$0" | sed 's/^# \{0,1\}//' | sed '$d'; }
die() { echo "compare: FAIL: $*" >&2; exit 1; }
while (($#)); do
  case $1 in
    --quick) DURATION=3 WARMUP=3 STARTS=1 QUICK=true ;;
    --skip-build) BUILD=0 ;;
    --only) ONLY=${2:?--only needs a list}; shift ;;
    --duration) DURATION=${2:?}; shift ;;
    --warmup) WARMUP=${2:?}; shift ;;
    --break) BREAK=${2:?}; shift ;;
    --java-opts) JAVA_OPTS=${2?}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
  shift
done
for part in ${ONLY//,/ }; do
  [[ $part =~ ^(me|articles|login|startup|memory)$ ]] || { echo "compare: unknown --only part '$part'" >&2; exit 2; }
done
[[ $BREAK =~ ^(|wrong-token|rate-limit)$ ]] || { echo "compare: --break takes wrong-token or rate-limit" >&2; exit 2; }
[[ $DURATION =~ ^[1-9][0-9]*$ && $WARMUP =~ ^[0-9]+$ ]] || { echo "compare: --duration/--warmup take whole seconds" >&2; exit 2; }
want() { [[ ",$ONLY," == *",$1,"* ]]; }
# What runs: the Gerbang loads serve their own figures and the "after the load" memory figure.
LOAD_ME=0 LOAD_ARTICLES=0 LOAD_LOGIN=0
if want me || want memory; then LOAD_ME=1; fi
if want articles || want memory; then LOAD_ARTICLES=1; fi
if want login || want memory; then LOAD_LOGIN=1; fi
LOADS=$((LOAD_ME + LOAD_ARTICLES + LOAD_LOGIN))

# --- A clean environment: the server reads GERBANG_* variables and a .env file; the JVM reads *JAVA*OPTIONS. ---
for v in $(compgen -e); do
  if [[ $v == GERBANG_* || $v == JAVA_TOOL_OPTIONS || $v == JDK_JAVA_OPTIONS || $v == _JAVA_OPTIONS ]]; then
    echo "compare: note: ignoring $v from your environment (the benchmark sets what it needs)" >&2
    unset "$v"
  fi
done
[[ ! -e .env ]] || die "a .env file in $ROOT would change the server's settings; move it away for the benchmark"
for tool in java python3 curl; do command -v $tool >/dev/null || die "$tool is needed"; done
if ((LOADS > 0)) && ! command -v wrk >/dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "compare: installing wrk (apt-get install -y wrk)" >&2
    apt-get install -y -q wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; } \
      || die "could not install wrk with apt-get"
  else
    die "wrk is needed: sudo apt-get install wrk (Debian/Ubuntu), or build it from https://github.com/wg/wrk"
  fi
fi

OUT=$ROOT/target/bench
RUN=$(mktemp -d /tmp/gerbang-compare.XXXXXX)
mkdir -p "$RUN/pids" "$RUN/logs"
RESULTS=$RUN/results.jsonl
: >"$RESULTS"

gone() { # no such process, or only its zombie left (the servers' parent, tools.py start, has exited)
  local state
  state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) || return 0
  [[ -z $state || $state == Z* ]]
}
stop_pid() { # a pid file written by tools.py start: SIGTERM (graceful stop), SIGKILL after 30 s
  local file=$1 pid
  pid=$(<"$file")
  if ! gone "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 300); do gone "$pid" && break; sleep 0.1; done
    gone "$pid" || { echo "compare: pid $pid ignored SIGTERM for 30 s: SIGKILL" >&2; kill -KILL "$pid" 2>/dev/null || true; }
  fi
  rm -f "$file"
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for f in "$RUN"/pids/*.pid; do [[ -e $f ]] && stop_pid "$f"; done
  if [[ -d $OUT ]]; then rm -rf "$OUT/logs" && cp -r "$RUN/logs" "$OUT/logs" 2>/dev/null || true; fi
  rm -rf "$RUN"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

record() { printf '%s\n' "$1" >>"$RESULTS"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_AT_START=$(loadavg)
echo "compare: load average at start: $LOAD_AT_START (2 cores shared with other work: see the per-round share below)"
if [[ $JAVA_OPTS == "$README_JAVA_OPTS" ]]; then echo "compare: the server starts as the README says: java $JAVA_OPTS -jar target/gerbang.jar"
else echo "compare: EXPERIMENT: the server starts with --java-opts \"$JAVA_OPTS\", not the README's \"$README_JAVA_OPTS\"; its figures are not the README's"; fi

# --- Build: the jar, and the runtime classpath for the source-launched helpers. ---
if ((BUILD)); then
  echo "compare: building the jar (./mvnw -q package -DskipTests)"
  ./mvnw -q package -DskipTests || die "the build failed"
fi
[[ -f target/gerbang.jar ]] || die "no target/gerbang.jar: run without --skip-build"
mkdir -p "$OUT"
CP_FILE=$OUT/classpath.txt
if want me || want login; then
  ./mvnw -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$CP_FILE" >/dev/null \
    || die "could not resolve the runtime classpath"
fi

CORES=$(nproc)
WRK_VERSION=$( (wrk -v 2>&1 || true) | head -1 | sed 's/ Copyright.*//')
record "$(python3 -c 'import json,sys; print(json.dumps(dict(kind="meta", commit=sys.argv[1], date=sys.argv[2], cores=int(sys.argv[3]),
  java=sys.argv[4], wrk=sys.argv[5], loadBefore=sys.argv[6], roundSeconds=int(sys.argv[7]), warmupSeconds=int(sys.argv[8]),
  only=sys.argv[9], breakMode=sys.argv[10], quick=sys.argv[11] == "true")))' \
  "$(git rev-parse --short HEAD)$( [[ -z $(git status --porcelain -- src pom.xml conf) ]] || echo '+local changes')" \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$CORES" "$(java -version 2>&1 | head -1)" "$WRK_VERSION" "$LOAD_AT_START" \
  "$DURATION" "$WARMUP" "$ONLY" "$BREAK" "$QUICK")"

# --- Servers ---
COMMON_ENV=(GERBANG_HTTP_HOST=127.0.0.1 GERBANG_RATE_LIMIT_ENABLED=false GERBANG_LOG_REQUESTS=false GERBANG_MFA_REQUIRED_ROLES=)
[[ $BREAK != rate-limit ]] || COMMON_ENV=(GERBANG_HTTP_HOST=127.0.0.1 GERBANG_RATE_LIMIT_ENABLED=true GERBANG_LOG_REQUESTS=false GERBANG_MFA_REQUIRED_ROLES=)
start_gerbang() { # name data-dir [env...]: starts `java $JAVA_OPTS -jar target/gerbang.jar` as the README does; prints tools.py's JSON
  local name=$1 data=$2 port started; shift 2
  port=$("${TOOLS[@]}" free-port)
  started=$("${TOOLS[@]}" start "$RUN/logs/$name.log" "$RUN/pids/$name.pid" "http://127.0.0.1:$port/health/ready" 200 120 -- \
    env "${COMMON_ENV[@]}" GERBANG_DATA_DIR="$data" GERBANG_HTTP_PORT="$port" "$@" java $JAVA_OPTS -jar target/gerbang.jar) \
    || { tail -20 "$RUN/logs/$name.log" >&2; exit 1; }
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d["port"]=int(sys.argv[2]); print(json.dumps(d))' "$started" "$port"
}
jfield() { python3 -c 'import json,sys; v=json.load(sys.stdin)
for k in sys.argv[1].split("."): v=v[int(k)] if isinstance(v, list) else v[k]
print(v)' "$1"; }

# expect STATUS DESCRIPTION curl-args...: one request; anything but STATUS stops the benchmark.
expect() {
  local want=$1 what=$2 got; shift 2
  got=$(curl -s -o "$RUN/body" -w '%{http_code}' --max-time 30 "$@") || got="no answer (curl exit $?)"
  [[ $got == "$want" ]] || die "$what answered $got, not $want: $(head -c 400 "$RUN/body" 2>/dev/null)"
}
JSON='Content-Type: application/json'

# --- Start-up: fresh data dirs, then restarts of the first one. ---
if want startup; then
  echo "compare: start-up, $STARTS x fresh data dir and $STARTS x restart (java $JAVA_OPTS -jar target/gerbang.jar)"
  for mode in fresh restart; do
    for i in $(seq "$STARTS"); do
      if [[ $mode == fresh ]]; then data=$RUN/data-start-$i; else data=$RUN/data-start-1; fi
      load=$(loadavg)
      s=$(start_gerbang "start-$mode-$i" "$data")
      record "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d.update(kind="startup", mode=sys.argv[2], run=int(sys.argv[3]), load=sys.argv[4]); print(json.dumps(d))' \
        "$s" "$mode" "$i" "$load")"
      python3 -c 'import json,sys; print("  {0} {1}: ready in {readyMs:,.0f} ms (log: started in {startedInMs} ms), RSS {2:.0f} MiB (others used {otherCpuShare:.0%} of the cores, load {3})".format(sys.argv[2], sys.argv[3], json.loads(sys.argv[1])["rssAtReadyKib"] / 1024, sys.argv[4], **json.loads(sys.argv[1])))' "$s" "$mode" "$i" "$load"
      stop_pid "$RUN/pids/start-$mode-$i.pid"
    done
  done
fi

# --- The main server, its data, and the loads. ---
if ((LOADS > 0)); then
  DATA=$RUN/data
  mkdir -p "$DATA"
  ADMIN_EMAIL=admin@bench.example.com ADMIN_PASSWORD="bench admin passphrase $RANDOM$RANDOM"
  # The first admin, made on the same (fresh) data dir before the server starts, as the README documents.
  (cd "$ROOT" && env GERBANG_DATA_DIR="$DATA" GERBANG_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    java -jar target/gerbang.jar create-admin --email "$ADMIN_EMAIL" --name "Bench admin") >"$RUN/logs/create-admin.log" 2>&1 \
    || die "create-admin failed: $(tail -5 "$RUN/logs/create-admin.log")"
  echo "compare: starting Gerbang (login throttle off for the login run)"
  main=$(start_gerbang gerbang "$DATA" GERBANG_LOGIN_THROTTLE_FREE_FAILURES=1000000)
  GPID=$(jfield pid <<<"$main") GPORT=$(jfield port <<<"$main")
  G=http://127.0.0.1:$GPORT
  sleep 2 # "idle right after start": two seconds after the first 200 from /health/ready, no request in between
  if want memory; then record "{\"kind\":\"memory\",\"when\":\"idle\",\"rssKib\":$("${TOOLS[@]}" rss "$GPID"),\"secondsAfterReady\":2}"; fi
  echo "  ready in $(jfield readyMs <<<"$main") ms on port $GPORT; idle RSS $(( $("${TOOLS[@]}" rss "$GPID") / 1024 )) MiB"

  USER_EMAIL=reader@bench.example.com USER_PASSWORD="correct horse battery staple"
  LOGIN_BODY="{\"email\":\"$USER_EMAIL\",\"password\":\"$USER_PASSWORD\"}"
  expect 201 "POST /api/auth/register" -XPOST "$G/api/auth/register" -H "$JSON" \
    -d "{\"email\":\"$USER_EMAIL\",\"password\":\"$USER_PASSWORD\",\"name\":\"Bench reader\"}"
  sign_in() { # email password -> an access token
    expect 200 "POST /api/auth/login ($1)" -XPOST "$G/api/auth/login" -H "$JSON" -d "{\"email\":\"$1\",\"password\":\"$2\"}"
    local token
    token=$(jfield accessToken <"$RUN/body")
    if [[ $BREAK == wrong-token ]]; then # change the signature's first character (every one of its bits counts)
      local sig=${token##*.}
      token=${token%.*}.$([[ ${sig:0:1} == A ]] && echo B || echo A)${sig:1}
    fi
    printf '%s' "$token"
  }
  round() { # figure server phase n pid [wrk args...]: one checked wrk run, recorded
    local r
    r=$("${TOOLS[@]}" round "${@:1:5}" "$RUN/pids" "${@:6}") || exit 1
    record "$r"
  }

  if ((LOAD_ARTICLES)); then
    admin_token=$(sign_in "$ADMIN_EMAIL" "$ADMIN_PASSWORD")
    for i in $(seq 20); do
      expect 201 "POST /api/articles ($i of 20)" -XPOST "$G/api/articles" -H "$JSON" -H "Authorization: Bearer $admin_token" \
        -d "{\"title\":\"Benchmark article $i\",\"summary\":\"Article $i of the hot-path benchmark.\",\"body\":\"# Article $i\\n\\nSome *Markdown* text of article $i, with a [link](https://example.com/$i) and a list:\\n\\n- one\\n- two\\n- three\\n\",\"status\":\"published\"}"
    done
    expect 200 "GET /api/articles" "$G/api/articles"
    n=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["items"]), d.get("total"))' "$RUN/body")
    [[ $n == "20 20" ]] || die "GET /api/articles lists $n (items, total), not the 20 published articles"
  fi

  if ((LOAD_ME)); then
    token=$(sign_in "$USER_EMAIL" "$USER_PASSWORD")
    expect 200 "Gerbang GET /api/me" "$G/api/me" -H "Authorization: Bearer $token"
    if want me; then
      echo "compare: starting the bare Vert.x baseline (bench/compare/BareServer.java)"
      BPORT=$("${TOOLS[@]}" free-port)
      # Same JVM defaults as Gerbang; only logback is pointed at the project's configuration (without one it
      # would print netty's DEBUG lines).
      bare=$("${TOOLS[@]}" start "$RUN/logs/bare.log" "$RUN/pids/bare.pid" "http://127.0.0.1:$BPORT/api/me" 401 120 -- \
        java -Dlogback.configurationFile="$ROOT/src/main/resources/logback.xml" -cp "$(<"$CP_FILE")" \
        bench/compare/BareServer.java "$BPORT" "$DATA/keys.json")
      BPID=$(jfield pid <<<"$bare")
      B=http://127.0.0.1:$BPORT
      expect 200 "bare GET /api/me" "$B/api/me" -H "Authorization: Bearer $token"
      expect 401 "bare GET /api/me without a token" "$B/api/me"
    fi
    echo "compare: GET /api/me, wrk -t1 -c8, ${WARMUP} s warm-up per server, 2 x ${DURATION} s rounds interleaved"
    # A fresh token for each pair of runs (an access token lives 15 minutes); both servers get the same bytes.
    pair() { # phase n seconds
      token=$(sign_in "$USER_EMAIL" "$USER_PASSWORD")
      round me gerbang "$1" "$2" "$GPID" -- -t1 -c8 -d"$3"s --timeout 10s -s bench/compare/wrk.lua \
        -H "Authorization: Bearer $token" "$G/api/me"
      if want me; then
        round me bare "$1" "$2" "$BPID" -- -t1 -c8 -d"$3"s --timeout 10s -s bench/compare/wrk.lua \
          -H "Authorization: Bearer $token" "$B/api/me"
      fi
    }
    ((WARMUP == 0)) || pair warm-up 0 "$WARMUP"
    pair round 1 "$DURATION"
    pair round 2 "$DURATION"
    if want me; then stop_pid "$RUN/pids/bare.pid"; fi
  fi

  if ((LOAD_ARTICLES)); then
    echo "compare: GET /api/articles, wrk -t1 -c8, ${WARMUP} s warm-up, 2 x ${DURATION} s rounds"
    if ((WARMUP > 0)); then
      round articles gerbang warm-up 0 "$GPID" -- -t1 -c8 -d"$WARMUP"s --timeout 10s -s bench/compare/wrk.lua "$G/api/articles"
    fi
    for n in 1 2; do
      round articles gerbang round "$n" "$GPID" -- -t1 -c8 -d"$DURATION"s --timeout 10s -s bench/compare/wrk.lua "$G/api/articles"
    done
  fi

  if ((LOAD_LOGIN)); then
    # The ceiling: one hash, timed with the server's own Argon2id settings, right before the login rounds, while the
    # server idles (nothing else of ours runs); in a JVM of its own, on one thread.
    if want login; then
      read -r MEM ITER PAR < <(python3 -c 'import json; a=json.load(open("conf/config.json"))["password"]["argon2"]
print(a["memoryKib"], a["iterations"], a["parallelism"])')
      echo "compare: timing one Argon2id hash (m=$MEM KiB, t=$ITER, p=$PAR from conf/config.json): $HASH_WARMUP warm-up, median of $HASH_SAMPLES"
      hash_json=$("${TOOLS[@]}" timed "$GPID" -- java -cp "$(<"$CP_FILE")" bench/compare/HashTime.java \
        "$MEM" "$ITER" "$PAR" "$HASH_SAMPLES" "$HASH_WARMUP") || die "HashTime failed"
      record "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d["kind"]="hash"; print(json.dumps(d))' "$hash_json")"
      python3 -c 'import json,sys; print("  one hash: median {medianMs:.1f} ms (fastest {minMs:.1f}, slowest {maxMs:.1f}; others used {otherCpuShare:.0%} of the cores, load {load1Before})".format(**json.loads(sys.argv[1])))' "$hash_json"
    fi
    expect 200 "POST /api/auth/login" -XPOST "$G/api/auth/login" -H "$JSON" -d "$LOGIN_BODY"
    echo "compare: POST /api/auth/login, wrk -t1 -c4, ${WARMUP} s warm-up, 2 x ${DURATION} s rounds"
    login_round() {
      WRK_METHOD=POST WRK_BODY=$LOGIN_BODY round login gerbang "$1" "$2" "$GPID" -- -t1 -c4 -d"$3"s --timeout 10s \
        -s bench/compare/wrk.lua "$G/api/auth/login"
    }
    ((WARMUP == 0)) || login_round warm-up 0 "$WARMUP"
    login_round round 1 "$DURATION"
    login_round round 2 "$DURATION"
  fi

  # Still serving correctly after the load (a server that broke late would otherwise pass unnoticed).
  token=$(sign_in "$USER_EMAIL" "$USER_PASSWORD")
  expect 200 "GET /api/me after the load" "$G/api/me" -H "Authorization: Bearer $token"
  if want memory; then record "{\"kind\":\"memory\",\"when\":\"after-load\",\"rssKib\":$("${TOOLS[@]}" rss "$GPID")}"; fi
  stop_pid "$RUN/pids/gerbang.pid"
fi

record "$(python3 -c 'import json,sys; print(json.dumps(dict(kind="meta", loadAfter=sys.argv[1])))' "$(loadavg)")"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
"${TOOLS[@]}" report "$RESULTS" "$OUT/compare-$STAMP.json"
cp "$RESULTS" "$OUT/compare-$STAMP.jsonl"
