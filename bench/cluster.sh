#!/usr/bin/env bash
# bench/cluster.sh: a local Gerbang cluster with one command, on loopback only: a real PostgreSQL (Debian's
# binaries, its own data dir, port and socket dir), N Gerbang nodes from target/gerbang.jar in cluster mode
# (Hazelcast on loopback, each with its own data dir and ports, a generated cluster secret), and HAProxy in front
# on one port (round robin, health checks on /health/ready, X-Forwarded-For, timeouts that keep the notification
# stream open). What a newcomer runs to see scale-out work, and what bench/cluster-fault.sh and
# bench/cluster-bench.sh drive.
#
# Usage: bench/cluster.sh up [--nodes N]      start PostgreSQL, N nodes (default 3, at most 8) and HAProxy
#        bench/cluster.sh status              each node's readiness and cluster membership, HAProxy's view
#        bench/cluster.sh kill N              SIGKILL node N (a crash)
#        bench/cluster.sh start N             start node N again (after kill, or a stop)
#        bench/cluster.sh stop N              stop node N gracefully (SIGTERM), as a rolling upgrade would
#        bench/cluster.sh down [--purge]      stop everything it started (and only that); --purge also deletes
#                                             the state dir (database, secret, logs)
#        bench/cluster.sh psql [ARGS...]      psql as the cluster's gerbang role
#        bench/cluster.sh create-admin --email EMAIL [--name NAME]
#                                             the first admin, on the cluster's database (password asked, or
#                                             GERBANG_ADMIN_PASSWORD)
# Ports (CLUSTER_BASE_PORT, default 18080): HAProxy B (18080), node n's HTTP B+n (18081...), HAProxy's stats page
# B+9 (18089), node n's Hazelcast B+10+n (18091...), node n's event bus B+20+n (18101...), node n's metrics
# (management listener, /metrics) B+30+n (18111...), PostgreSQL B+352 (18432).
# State (CLUSTER_DIR, default target/cluster): the database, the secret and the database password (mode 600),
# each node's data dir, logs/ (postgres.log, haproxy.log, node-N.log). `down` keeps it, so `up` brings the same
# data back; `down --purge` removes it.
# Settings: every GERBANG_* variable in the environment of `up` goes to every node (kept for `start N`), except
# those the script sets itself (ports, data dirs, database, cluster.*, publicUrl, http.trustedProxies).
# CLUSTER_JAVA_OPTS: the nodes' JVM options (default -Xmx320m: the README's 256 MiB heap and room for Hazelcast).
# CLUSTER_MODE=off (with --nodes 1): the same single node with cluster mode off, on the same PostgreSQL behind the
# same HAProxy (bench/cluster-bench.sh's baseline).
# Needs: a JDK 17+, python3, curl; PostgreSQL's server binaries and HAProxy (Debian's postgresql and haproxy
# packages, installed with apt-get when missing and run as root; otherwise it says what to install).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
STATE=${CLUSTER_DIR:-$ROOT/target/cluster}
BASE=${CLUSTER_BASE_PORT:-18080}
JAVA_OPTS_NODES=${CLUSTER_JAVA_OPTS--Xmx320m}
MODE=${CLUSTER_MODE:-on}
TOOLS=(python3 "$ROOT/bench/cluster/tools.py")
# What the nodes keep of this environment: nothing but these (no stray GERBANG_* or JAVA_TOOL_OPTIONS).
BASE_ENV=(PATH="$PATH" HOME="${HOME:-/tmp}" LANG=C.UTF-8)
[[ -z ${JAVA_HOME:-} ]] || BASE_ENV+=(JAVA_HOME="$JAVA_HOME")
START=(python3 "$ROOT/bench/compare/tools.py" start)

usage() { sed -n '/^# Usage:/,/^# Ports/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
die() { echo "cluster: $*" >&2; exit 1; }
say() { echo "cluster: $*"; }
[[ $BASE =~ ^[0-9]+$ ]] && ((BASE >= 1024 && BASE <= 65000)) || die "CLUSTER_BASE_PORT must be a port from 1024 to 65000"

# Ports in the kernel's ephemeral range may be taken at any moment by some program's outgoing connection.
read -r EPH_LO EPH_HI </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || EPH_LO=32768 EPH_HI=60999
if ((BASE + 352 >= EPH_LO && BASE <= EPH_HI)); then
  echo "cluster: note: ports $BASE-$((BASE + 352)) overlap the ephemeral range $EPH_LO-$EPH_HI (outgoing connections may hold them); a CLUSTER_BASE_PORT below $((EPH_LO - 352)) avoids that" >&2
fi
HAPROXY_PORT=$BASE
STATS_PORT=$((BASE + 9))
PG_PORT=$((BASE + 352))
http_port() { echo $((BASE + $1)); }
hz_port() { echo $((BASE + 10 + $1)); }
bus_port() { echo $((BASE + 20 + $1)); }
metrics_port() { echo $((BASE + 30 + $1)); }
LOGS=$STATE/logs
PIDS=$STATE/pids
PGDATA=$STATE/pg
PGRUN=$STATE/pg-run
SOCK=$STATE/haproxy.sock

# --- Processes: only those whose pid files this script wrote, and only if they still are what it started. ---
alive() { # pid-file pattern: the process lives (not a zombie) and its command line holds pattern
  local file=$1 pattern=$2 pid state
  [[ -s $file ]] || return 1
  pid=$(<"$file")
  state=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z* ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$pattern"
}
node_alive() { alive "$PIDS/node-$1.pid" "gerbang.jar"; }
gone() { # pid: no such process, or only its zombie (an exiting process drops its command line before its sockets)
  local state
  state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) || return 0
  [[ -z $state || $state == Z* ]]
}
haproxy_alive() { alive "$PIDS/haproxy.pid" "haproxy"; }
stop_pidfile() { # pid-file pattern seconds: SIGTERM, then SIGKILL after the given time
  local file=$1 pattern=$2 wait=${3:-30} pid
  if alive "$file" "$pattern"; then
    pid=$(<"$file")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq $((wait * 10))); do gone "$pid" && break; sleep 0.1; done
    if ! gone "$pid"; then
      echo "cluster: pid $pid ignored SIGTERM for $wait s: SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
      for _ in $(seq 50); do gone "$pid" && break; sleep 0.1; done
    fi
  fi
  rm -f "$file"
}

# --- PostgreSQL: the server refuses to run as root, so as root it runs as the postgres user. ---
pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [[ -n $dir && -x $dir/initdb && -x $dir/pg_ctl ]] && echo "$dir"
}
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_running() { [[ -n ${PGBIN:-} && -d $PGDATA ]] && as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }
psql_gerbang() {
  PGPASSWORD=$(<"$STATE/db-password") "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U gerbang -d gerbang "$@"
}

install_pkg() { # package what-for
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    say "installing $1 (apt-get install -y $1) for $2"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >/dev/null \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >/dev/null; } \
      || die "could not install $1 with apt-get"
  else
    die "$2 is needed: sudo apt-get install $1 (Debian/Ubuntu), then run this again"
  fi
}

need_tools() {
  for tool in java python3 curl; do command -v $tool >/dev/null || die "$tool is needed"; done
  PGBIN=$(pg_bin) || true
  if [[ -z $PGBIN ]]; then install_pkg postgresql "PostgreSQL (its server binaries)"; PGBIN=$(pg_bin) || die "no initdb/pg_ctl under /usr/lib/postgresql/*/bin after installing postgresql"; fi
  command -v haproxy >/dev/null || install_pkg haproxy "HAProxy (the load balancer in front)"
  if [[ $(id -u) == 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root, PostgreSQL must run as the postgres user, which does not exist"
  fi
}

node_count() { [[ -s $STATE/nodes.count ]] && cat "$STATE/nodes.count" || echo 0; }
check_n() { # a node number of this cluster
  local n=$1 count
  count=$(node_count)
  [[ $n =~ ^[1-8]$ ]] && ((n <= count)) || die "no node '$n': this cluster has nodes 1 to $count"
}

start_node() { # n: starts node n in the background and waits for its /health/ready (prints its readiness line)
  local n=$1 dir=$STATE/nodes/$1 env_args=()
  mkdir -p "$dir/data"
  mapfile -t env_args <"$STATE/node.env"
  env_args+=("GERBANG_HTTP_PORT=$(http_port "$n")" "GERBANG_DATA_DIR=$dir/data" "GERBANG_CLUSTER_PORT=$(hz_port "$n")"
             "GERBANG_CLUSTER_EVENT_BUS_PORT=$(bus_port "$n")" "GERBANG_METRICS_PORT=$(metrics_port "$n")")
  # A clean environment (no stray GERBANG_* or JAVA_TOOL_OPTIONS), the node's own working dir (no .env or
  # conf/config.json of the repository), its log appended to logs/node-N.log.
  echo "----- $(date -u +%FT%TZ) bench/cluster.sh starts node $n" >>"$LOGS/node-$n.log"
  # shellcheck disable=SC2086
  "${START[@]}" "$LOGS/node-$n.log" "$PIDS/node-$n.pid" "http://127.0.0.1:$(http_port "$n")/health/ready" 200 "${CLUSTER_START_TIMEOUT:-180}" -- \
    env -i -C "$dir" "${BASE_ENV[@]}" "${env_args[@]}" \
    java $JAVA_OPTS_NODES -jar "$ROOT/target/gerbang.jar" >"$PIDS/node-$n.start.json" 2>"$PIDS/node-$n.start.err" || {
      cat "$PIDS/node-$n.start.err" >&2; tail -20 "$LOGS/node-$n.log" >&2; return 1; }
}

haproxy_cfg() {
  local i
  cat <<EOF
# Written by bench/cluster.sh: round robin over the nodes, health checks on /health/ready.
global
    log stdout format raw local0 info
    stats socket $SOCK mode 600 level admin
    maxconn 4096

defaults
    mode http
    log global
    option httplog
    # Only failed or abnormal requests are logged (every request would cost the benchmark CPU).
    option dontlog-normal
    # The client's address for the nodes (which trust 127.0.0.1 as a proxy: GERBANG_HTTP_TRUSTED_PROXIES).
    option forwardfor
    # A request that could not reach a node (connection refused: a dead node) goes to another one at once
    # (redispatch on every retry); a request a node received is never sent twice.
    option redispatch 1
    retries 2
    timeout connect 2s
    # The notification stream (Server-Sent Events) sends a heartbeat every 25 s (notifications.heartbeatSeconds):
    # inactivity timeouts above three heartbeats keep it open; a dead node's streams end and reconnect elsewhere.
    timeout client 90s
    timeout server 90s
    timeout http-request 10s
    timeout http-keep-alive 10s
    timeout queue 10s
    timeout check 2s

frontend gerbang
    bind 127.0.0.1:$HAPROXY_PORT
    default_backend nodes

backend nodes
    balance roundrobin
    option httpchk GET /health/ready
    http-check expect status 200
    # Checked every second: a node is out after 2 failed checks, back after 2 good ones.
    default-server inter 1s fall 2 rise 2
    # Which node answered (for people, and for the fault test): also on HAProxy's own errors (a 502 for a request
    # its node died with names that node).
    http-after-response set-header X-Served-By %[srv_name] if { srv_name -m found }
EOF
  for i in $(seq "$(node_count)"); do
    echo "    server node$i 127.0.0.1:$(http_port "$i") check"
  done
  cat <<EOF

listen stats
    bind 127.0.0.1:$STATS_PORT
    stats enable
    stats uri /
    stats refresh 5s
EOF
}

# --- Commands ---
cmd_up() {
  local nodes=3
  while (($#)); do
    case $1 in
      --nodes) nodes=${2:?--nodes needs a number}; shift ;;
      *) usage >&2; exit 2 ;;
    esac
    shift
  done
  [[ $nodes =~ ^[1-8]$ ]] || die "--nodes takes 1 to 8"
  [[ $MODE == on || ($MODE == off && $nodes == 1) ]] || die "CLUSTER_MODE is on (the default) or off (with --nodes 1 only)"
  if [[ -d $STATE ]]; then
    local i running=""
    for i in $(seq "$(node_count)"); do node_alive "$i" && running+=" node-$i"; done
    haproxy_alive && running+=" haproxy"
    [[ -z $running ]] || die "already up ($running ): bench/cluster.sh status, or down first"
  fi
  need_tools
  [[ -f $ROOT/target/gerbang.jar ]] || { say "building the jar (./mvnw -q package -DskipTests)"; ./mvnw -q package -DskipTests || die "the build failed"; }
  mkdir -p "$STATE" "$LOGS" "$PIDS"
  chmod 755 "$STATE" "$LOGS"
  if [[ -s $STATE/nodes.count && $(node_count) != "$nodes" ]]; then
    say "note: this state dir last ran $(node_count) nodes; now $nodes (the database is kept)"
  fi
  echo "$nodes" >"$STATE/nodes.count"
  local ports=("$HAPROXY_PORT" "$STATS_PORT") i
  pg_running || ports+=("$PG_PORT")
  for i in $(seq "$nodes"); do ports+=("$(http_port "$i")" "$(hz_port "$i")" "$(bus_port "$i")"); done
  local busy
  busy=$("${TOOLS[@]}" port-busy "${ports[@]}")
  [[ -z $busy ]] || die "port(s) $busy on 127.0.0.1 are in use (another cluster? CLUSTER_BASE_PORT picks other ports)"

  # Secrets, made once per state dir, readable by this user only.
  (umask 077
   [[ -s $STATE/secret ]] || head -c 48 /dev/urandom | base64 | tr -d '\n=' | tr '+/' '-_' >"$STATE/secret"
   [[ -s $STATE/db-password ]] || head -c 24 /dev/urandom | base64 | tr -d '\n=' | tr '+/' '-_' >"$STATE/db-password")
  chmod 600 "$STATE/secret" "$STATE/db-password"

  # PostgreSQL: initdb once, then start on its own port and socket dir, loopback only.
  if [[ ! -s $PGDATA/PG_VERSION ]]; then
    say "initdb: a new PostgreSQL ($("$PGBIN/postgres" --version | awk '{print $3}')) in $PGDATA"
    rm -rf "$PGDATA" && mkdir -p "$PGDATA"
    if [[ $(id -u) == 0 ]]; then
      chown postgres: "$PGDATA"
      as_pg test -x "$STATE" || die "the postgres user cannot reach $STATE (a parent dir is closed to others): pick CLUSTER_DIR elsewhere"
    fi
    as_pg "$PGBIN/initdb" -D "$PGDATA" --encoding=UTF8 --locale=C.UTF-8 --auth-local=peer --auth-host=scram-sha-256 \
      >"$LOGS/initdb.log" 2>&1 || die "initdb failed: $(tail -5 "$LOGS/initdb.log")"
  fi
  mkdir -p "$PGRUN"
  touch "$LOGS/postgres.log"
  if [[ $(id -u) == 0 ]]; then chown postgres: "$PGRUN" "$LOGS/postgres.log"; fi
  if ! pg_running; then
    ((${#PGRUN} < 90)) || die "the socket dir $PGRUN is too long a path for a Unix socket: pick a shorter CLUSTER_DIR"
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$LOGS/postgres.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PGRUN" start >/dev/null || die "PostgreSQL did not start: $(tail -5 "$LOGS/postgres.log")"
  fi
  # The role and database, with only what docs/operations.md asks: a login role owning its database (no
  # superuser, CREATEDB or CREATEROLE).
  local superuser; superuser=$(id -un)
  [[ $(id -u) != 0 ]] || superuser=postgres
  if ! as_pg "$PGBIN/psql" -X -q -h "$PGRUN" -p "$PG_PORT" -U "$superuser" -d postgres -tAc \
      "SELECT 1 FROM pg_roles WHERE rolname = 'gerbang'" | grep -q 1; then
    say "creating the role gerbang and its database gerbang (owner; no superuser, CREATEDB or CREATEROLE)"
    as_pg "$PGBIN/psql" -X -q -h "$PGRUN" -p "$PG_PORT" -U "$superuser" -d postgres -v ON_ERROR_STOP=1 \
      -v pw="$(<"$STATE/db-password")" >/dev/null <<'SQL' || die "could not create the role and database"
CREATE ROLE gerbang LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'pw';
CREATE DATABASE gerbang OWNER gerbang ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0;
SQL
  fi

  # Every node's settings: the GERBANG_* of this environment, then the cluster's own (which win).
  local members=""
  for i in $(seq "$nodes"); do members+="${members:+,}127.0.0.1:$(hz_port "$i")"; done
  local own="GERBANG_(HTTP_PORT|HTTP_HOST|DATA_DIR|DB_URL|DB_USERNAME|DB_PASSWORD|PUBLIC_URL|HTTP_TRUSTED_PROXIES|CLUSTER_.*)"
  (umask 077
   for v in $(compgen -e); do
     [[ $v == GERBANG_* && $v != GERBANG_ADMIN_PASSWORD && $v != GERBANG_CONFIG_FILE ]] || continue
     if [[ $v =~ ^$own$ ]]; then echo "cluster: note: ignoring $v (the cluster sets it)" >&2; continue; fi
     [[ ${!v} != *$'\n'* ]] || die "$v holds a line break"
     printf '%s=%s\n' "$v" "${!v}"
   done >"$STATE/node.env.new"
   cat >>"$STATE/node.env.new" <<EOF
GERBANG_HTTP_HOST=127.0.0.1
GERBANG_PUBLIC_URL=http://127.0.0.1:$HAPROXY_PORT
GERBANG_HTTP_TRUSTED_PROXIES=127.0.0.1
GERBANG_DB_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/gerbang
GERBANG_DB_USERNAME=gerbang
GERBANG_DB_PASSWORD=$(<"$STATE/db-password")
GERBANG_CLUSTER_ENABLED=$([[ $MODE == on ]] && echo true || echo false)
GERBANG_CLUSTER_NAME=gerbang-local-$BASE
GERBANG_CLUSTER_HOST=127.0.0.1
GERBANG_CLUSTER_MEMBERS=$members
GERBANG_CLUSTER_SECRET=$(<"$STATE/secret")
EOF
   mv "$STATE/node.env.new" "$STATE/node.env")
  chmod 600 "$STATE/node.env"

  # HAProxy first (its checks find the nodes as they come up), then the nodes, all at once (they form the
  # cluster together; Flyway's lock and an advisory lock keep the first migration and key creation single).
  haproxy_cfg >"$STATE/haproxy.cfg"
  haproxy -c -q -f "$STATE/haproxy.cfg" || die "HAProxy refuses the configuration $STATE/haproxy.cfg"
  echo "----- $(date -u +%FT%TZ) bench/cluster.sh starts haproxy" >>"$LOGS/haproxy.log"
  "${START[@]}" "$LOGS/haproxy.log" "$PIDS/haproxy.pid" "http://127.0.0.1:$STATS_PORT/" 200 30 -- \
    haproxy -db -f "$STATE/haproxy.cfg" >/dev/null || die "HAProxy did not start: $(tail -5 "$LOGS/haproxy.log")"
  [[ $MODE == on ]] || say "cluster mode OFF: one plain node on this PostgreSQL"
  say "starting $nodes node(s) (java $JAVA_OPTS_NODES -jar target/gerbang.jar; a cluster takes some seconds to form)"
  local t0=$SECONDS failed=0 pids=()
  for i in $(seq "$nodes"); do start_node "$i" & pids+=($!); done
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || { echo "cluster: node $((i + 1)) did not become ready (logs: $LOGS/node-$((i + 1)).log)" >&2; failed=1; }; done
  ((failed == 0)) || die "start-up failed; bench/cluster.sh down stops what did start"
  "${TOOLS[@]}" haproxy-up "$SOCK" "$nodes" 30 || die "HAProxy does not see every node"
  say "up in $((SECONDS - t0)) s: $nodes node(s) behind HAProxy"
  cmd_status || true
  cat <<EOF

  Gerbang (through HAProxy):  http://127.0.0.1:$HAPROXY_PORT/      (API under /api)
  HAProxy's stats page:       http://127.0.0.1:$STATS_PORT/
  PostgreSQL:                 bench/cluster.sh psql   (role gerbang, port $PG_PORT)
  The first admin:            bench/cluster.sh create-admin --email you@example.com
  A crash, and back:          bench/cluster.sh kill 2; bench/cluster.sh status; bench/cluster.sh start 2
  Logs:                       $LOGS/
  Stop everything:            bench/cluster.sh down   (--purge also deletes the data)
EOF
}

cmd_status() {
  [[ -d $STATE && -s $STATE/nodes.count ]] || { say "no cluster here ($STATE): bench/cluster.sh up"; return 3; }
  PGBIN=$(pg_bin) || true
  local ok=0 i line
  if pg_running; then
    echo "  PostgreSQL      running on 127.0.0.1:$PG_PORT ($PGDATA)"
  else
    echo "  PostgreSQL      NOT running"; ok=3
  fi
  for i in $(seq "$(node_count)"); do
    if node_alive "$i"; then
      line=$("${TOOLS[@]}" ready "http://127.0.0.1:$(http_port "$i")/health/ready") || ok=3
      echo "  node $i          pid $(<"$PIDS/node-$i.pid"), http://127.0.0.1:$(http_port "$i"), Hazelcast $(hz_port "$i"): $line"
    else
      echo "  node $i          NOT running (bench/cluster.sh start $i)"; ok=3
    fi
  done
  if haproxy_alive; then
    echo "  HAProxy         pid $(<"$PIDS/haproxy.pid"), http://127.0.0.1:$HAPROXY_PORT (stats http://127.0.0.1:$STATS_PORT/)"
    "${TOOLS[@]}" haproxy "$SOCK" || ok=3
  else
    echo "  HAProxy         NOT running"; ok=3
  fi
  return $ok
}

cmd_kill() {
  check_n "${1:-}"
  node_alive "$1" || die "node $1 is not running"
  local pid
  pid=$(<"$PIDS/node-$1.pid")
  kill -KILL "$pid"
  for _ in $(seq 200); do gone "$pid" && break; sleep 0.02; done
  gone "$pid" || die "node $1 (pid $pid) still runs 4 s after SIGKILL"
  rm -f "$PIDS/node-$1.pid"
  echo "----- $(date -u +%FT%TZ) bench/cluster.sh sent SIGKILL to node $1 (pid $pid)" >>"$LOGS/node-$1.log"
  say "node $1 (pid $pid) killed with SIGKILL"
}

cmd_start() {
  check_n "${1:-}"
  node_alive "$1" && die "node $1 already runs (pid $(<"$PIDS/node-$1.pid"))"
  local t0=$SECONDS busy
  busy=$("${TOOLS[@]}" port-busy "$(http_port "$1")" "$(hz_port "$1")" "$(bus_port "$1")")
  [[ -z $busy ]] || die "port(s) $busy of node $1 are in use"
  start_node "$1" || die "node $1 did not become ready (log: $LOGS/node-$1.log)"
  say "node $1 ready in $((SECONDS - t0)) s (pid $(<"$PIDS/node-$1.pid"))"
}

cmd_stop() {
  check_n "${1:-}"
  node_alive "$1" || die "node $1 is not running"
  stop_pidfile "$PIDS/node-$1.pid" gerbang.jar 40
  say "node $1 stopped"
}

cmd_down() {
  local purge=0
  [[ ${1:-} != --purge ]] || purge=1
  [[ -d $STATE ]] || { say "nothing to stop ($STATE does not exist)"; return 0; }
  local i
  for i in $(seq "$(node_count)"); do
    if node_alive "$i"; then stop_pidfile "$PIDS/node-$i.pid" gerbang.jar 40 & fi
  done
  wait
  for i in $(seq 8); do rm -f "$PIDS/node-$i.pid"; done
  if haproxy_alive; then stop_pidfile "$PIDS/haproxy.pid" haproxy 10; fi
  rm -f "$PIDS/haproxy.pid"
  PGBIN=$(pg_bin) || true
  if pg_running; then as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null || echo "cluster: pg_ctl stop failed" >&2; fi
  if ((purge)); then rm -rf "$STATE"; say "stopped; $STATE deleted"; else say "stopped (data kept in $STATE; --purge deletes it)"; fi
}

cmd_psql() {
  PGBIN=$(pg_bin) || die "no PostgreSQL binaries"
  [[ -s $STATE/db-password ]] || die "no cluster here ($STATE)"
  psql_gerbang "$@"
}

cmd_create_admin() {
  [[ -s $STATE/node.env ]] || die "no cluster here ($STATE): bench/cluster.sh up first"
  local env_args=()
  mapfile -t env_args <"$STATE/node.env"
  [[ -z ${GERBANG_ADMIN_PASSWORD:-} ]] || env_args+=("GERBANG_ADMIN_PASSWORD=$GERBANG_ADMIN_PASSWORD")
  mkdir -p "$STATE/cli"
  env -i -C "$STATE/cli" "${BASE_ENV[@]}" "${env_args[@]}" GERBANG_DATA_DIR="$STATE/cli/data" \
    java -jar "$ROOT/target/gerbang.jar" create-admin "$@"
}

cmd=${1:-}
[[ -n $cmd ]] || { usage >&2; exit 2; }
shift
case $cmd in
  up) cmd_up "$@" ;;
  status) cmd_status ;;
  kill) cmd_kill "${1:-}" ;;
  start) cmd_start "${1:-}" ;;
  stop) cmd_stop "${1:-}" ;;
  down) cmd_down "${1:-}" ;;
  psql) cmd_psql "$@" ;;
  create-admin) cmd_create_admin "$@" ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
