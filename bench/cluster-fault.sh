#!/usr/bin/env bash
# bench/cluster-fault.sh: issue 14's fault test, a benchmark command (not a unit test). Through HAProxy, clients
# register, sign in, write articles and comments for 60 s on a fresh local cluster (bench/cluster.sh: PostgreSQL,
# 3 nodes, HAProxy) while node 2 is killed with SIGKILL at 20 s and started again at 40 s; the nodes mail an SMTP
# sink of the driver's own, which records every Message-ID. Then it reports acknowledged writes lost, mails sent
# twice or never (each must be 0), every client error (in flight at the kill, or other), and the time until the
# survivors served all traffic. The driver and every check are described in bench/cluster/fault.py.
#
# Usage: bench/cluster-fault.sh [--clients N] [--duration S] [--kill-at S] [--restart-at S] [--node N]
#                               [--after-restart S] [--drain S] [--skip-build] [--no-kill] [--graceful]
#                               [--break lose-write|duplicate-mail|drop-mail]
#   defaults: 8 clients, 60 s, kill node 2 at 20 s, restart at 40 s; the load goes on at least 10 s after the
#   restarted node is ready (--after-restart); up to 240 s for the outbox to drain afterwards (--drain)
#   --no-kill     the same load with no fault (a control run)
#   --graceful    stop the node with SIGTERM (bench/cluster.sh stop) instead, as a rolling upgrade does
#   --break X     check the checks: delete an acknowledged comment from the database, set a sent mail back to
#                 pending (the cluster sends it again), or have the sink drop a message; must exit 1
# The cluster runs on ports 28080-28110 and 28432 (CLUSTER_BASE_PORT=28080), state in target/cluster-fault/
# (kept after the run for its logs; the next run starts afresh). Output: the summary on standard output, a JSON
# report under target/bench/. Exit 1 when a must-be-0 figure is not 0 (or the run measured nothing); 0 otherwise.
# Everything it started is stopped on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CLUSTER_DIR=$ROOT/target/cluster-fault CLUSTER_BASE_PORT=${CLUSTER_BASE_PORT:-28080}
ARGS=() BUILD=1
usage() { sed -n '/^# Usage:/,/^# The cluster runs/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
while (($#)); do
  case $1 in
    --clients|--duration|--kill-at|--restart-at|--after-restart|--node|--break|--drain) ARGS+=("$1" "${2:?$1 needs a value}"); shift ;;
    --no-kill|--graceful) ARGS+=("$1") ;;
    --skip-build) BUILD=0 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
  shift
done
for v in $(compgen -e); do
  if [[ $v == GERBANG_* || $v == JAVA_TOOL_OPTIONS || $v == JDK_JAVA_OPTIONS || $v == _JAVA_OPTIONS ]]; then
    echo "fault: note: ignoring $v from your environment (the test sets what it needs)" >&2
    unset "$v"
  fi
done
if ((BUILD)); then
  echo "fault: building the jar (./mvnw -q package -DskipTests)"
  ./mvnw -q package -DskipTests || { echo "fault: the build failed" >&2; exit 1; }
fi
[[ -f target/gerbang.jar ]] || { echo "fault: no target/gerbang.jar: run without --skip-build" >&2; exit 1; }

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  bench/cluster.sh down >/dev/null 2>&1 || bench/cluster.sh down || true
  echo "fault: cluster stopped; its logs are in $CLUSTER_DIR/logs/"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p target/bench
python3 bench/cluster/fault.py --cluster-sh "$ROOT/bench/cluster.sh" --state "$CLUSTER_DIR" --base-port "$CLUSTER_BASE_PORT" \
  --report "$ROOT/target/bench/cluster-fault-$(date -u +%Y%m%dT%H%M%SZ).json" "${ARGS[@]}"
