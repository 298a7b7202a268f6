#!/usr/bin/env bash
# Measures, against the real jar on a fresh data dir, how long a notification takes to reach an open tab: an
# article's author holds GET /api/notifications/stream open while a reader comments N times; each comment's
# POST is timed (the baseline) next to the time from sending it to the `notification` event on the stream.
# Usage: bench/notify-latency.sh [comments]. Needs: target/gerbang.jar (./mvnw -q package -DskipTests),
# curl, python3. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-40}
PORT=${GERBANG_BENCH_PORT:-18081}
DATA=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT

echo "bench admin passphrase 2026" | GERBANG_DATA_DIR="$DATA" java -jar target/gerbang.jar create-admin \
  --email bench-admin@example.com >/dev/null
# The rate limiter is off: this measures delivery, not the 429s it answers to a burst of writes.
GERBANG_DATA_DIR="$DATA" GERBANG_HTTP_PORT=$PORT GERBANG_MFA_REQUIRED_ROLES= GERBANG_LOG_REQUESTS=false GERBANG_RATE_LIMIT_ENABLED=false \
  java -jar target/gerbang.jar >"$DATA/server.log" 2>&1 &
PID=$!
until curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null; do sleep 0.05; done
python3 bench/notify_latency.py "$PORT" "$N" bench-admin@example.com "bench admin passphrase 2026"
