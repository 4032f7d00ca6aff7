#!/usr/bin/env bash
# Outcome pipeline benchmark (issue 4, item 10). One command, about 2 minutes, loopback only:
#
#   bench/outcomes.sh
#
# Starts, on 127.0.0.1 and free ports: an nginx stub answering the generic HTTP CDP's
# POST /v1/interactions/track with 200 at once (a fast CDP), a PostgreSQL database of its own on
# the machine's server (dropped at the end) and the app (demo profile with that database and the
# prod profile's pool of 20 connections, HTTP CDP pointed at the stub, delivery workers on, settle
# window SETTLE). Then wrk (bench/outcomes.lua) posts new outcomes: a warm-up (not measured), two
# measured phases, and the time until the outbox is empty again after each. Samples the outbox
# every 2 s during the phases.
# While measuring it holds /tmp/mvn.lock, so no Maven build of this workspace shares the 2 cores.
#
# Exit status: 0 = ran and the targets were met (intake >= 2,000/s, delivery kept up), 2 = ran but
# a target was missed, 1 = could not run.
#
# Two measured phases: saturation (CONNECTIONS connections as fast as they go) and paced (80
# connections pausing PACED_DELAY_MS between requests: about 2,000 outcomes/s on this machine).
#
# Knobs: SECONDS_MEASURED (30), WARMUP_SECONDS (20), CONNECTIONS (32), THREADS (2), SETTLE (1s), PACED_CONNECTIONS (80), PACED_DELAY_MS (30),
# WORKERS (4), BATCH (100), BENCH_LOCK (/tmp/mvn.lock; empty = none), KEEP_WORKDIR=1.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
MEASURED=${SECONDS_MEASURED:-30}
WARMUP=${WARMUP_SECONDS:-20}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
SETTLE=${SETTLE:-1s}
WORKERS=${WORKERS:-4}
BATCH=${BATCH:-100}
TARGET_RPS=2000
DB="pb_bench_$(date +%s)_$$"

# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"

JAVA_HOME=$("$ROOT/bin/find-jdk") || die "no JDK"
JAVA="$JAVA_HOME/bin/java"
APP_JAR="$ROOT/app/target/profile-bridge.jar"
require_tools wrk:wrk nginx:nginx-light curl:curl psql:postgresql-client
require_app_jar "$ROOT" "$JAVA_HOME"
psql_q() { psql -h 127.0.0.1 -U postgres -d "$1" -tAq -c "$2"; }
psql_q postgres "SELECT 1" >/dev/null || die "PostgreSQL on 127.0.0.1:5432 is needed"

take_bench_lock

WORK=$(mktemp -d /tmp/profile-bridge-outcomes.XXXXXX)
chmod 755 "$WORK"
cleanup() {
  local rc=$?
  set +e
  stop_started
  psql_q postgres "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
  keep_or_remove "$rc" "$WORK"
  exit $rc
}
trap cleanup EXIT
trap 'exit 1' INT TERM

pick_ports STUB_PORT APP_PORT
APP="http://127.0.0.1:$APP_PORT"

mkdir -p "$WORK/nginx" && chmod 777 "$WORK/nginx"
sed -e "s|@PREFIX@|$WORK/nginx|g" -e "s|@PORT@|$STUB_PORT|g" "$BENCH/track-stub.nginx.conf.template" >"$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' >"$WORK/nginx.out" 2>&1 &
PIDS+=($!)
psql_q postgres "CREATE DATABASE $DB" >/dev/null || die "could not create database $DB"

"$JAVA" -jar "$APP_JAR" --spring.profiles.active=demo --server.port="$APP_PORT" --server.address=127.0.0.1 \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" --spring.datasource.username=postgres \
  --spring.datasource.password= --spring.datasource.hikari.maximum-pool-size=20 --cdp.provider=http --cdp.http.base-url="http://127.0.0.1:$STUB_PORT" \
  --bridge.outcomes.settle-window="$SETTLE" --bridge.outcomes.max-settle="$SETTLE" \
  --bridge.outcomes.delivery.workers="$WORKERS" --bridge.outcomes.delivery.batch-size="$BATCH" \
  --bridge.outcomes.delivery.poll-interval=100ms --bridge.data-dir="$WORK/data" >"$WORK/app.log" 2>&1 &
PIDS+=($!)
wait_for "$APP/actuator/health/readiness" 180 "the app"
log "app :$APP_PORT on database $DB, CDP stub :$STUB_PORT, settle $SETTLE, $WORKERS workers x $BATCH"

counts() { psql_q "$DB" "SELECT COUNT(*) FILTER (WHERE status = 'DELIVERED'), COUNT(*) FILTER (WHERE status <> 'DELIVERED') FROM outbox_message" | tr '|' ' '; }
drain() { # seconds until nothing is undelivered (at most $1 s)
  local start=$SECONDS
  while (( SECONDS - start < $1 )); do
    read -r _ undelivered < <(counts)
    (( undelivered == 0 )) && { echo $((SECONDS - start)); return; }
    sleep 1
  done
  echo "timeout"
}
run_wrk() { # seconds, run prefix
  BENCH_RUN="$2" BENCH_THREADS="$THREADS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1"s --latency \
    -s "$BENCH/outcomes.lua" "$APP" | grep '^BENCH_RESULT'
}
field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; }

log "warm-up: ${WARMUP}s of intake (not measured)"
run_wrk "$WARMUP" warm >/dev/null
log "warm-up drained in $(drain 120) s"

total_rows() { psql_q "$DB" "SELECT COUNT(*) FROM outbox_message"; }

# One measured phase: $1 name, $2 connections, $3 pause per connection in ms (empty = as fast as possible).
# Appends a table row: intake/s, latency, delivered/s during the phase, largest and final backlog,
# seconds to drain, and whether every accepted outcome was delivered exactly once.
ROWS=()
ok=0
phase() {
  local name=$1 conns=$2 pause=$3
  local rows_before delivered_before
  rows_before=$(total_rows)
  read -r delivered_before _ < <(counts)
  log "phase $name: ${MEASURED}s, $THREADS threads, $conns connections${pause:+, ${pause} ms between requests per connection}"
  ( for ((t = 0; t < MEASURED; t += 2)); do sleep 2; echo "$((t + 2)) $(counts)"; done ) >"$WORK/samples-$name" &
  local sampler=$!
  local started ended result
  started=$(date +%s.%N)
  result=$(BENCH_DELAY_MS="$pause" BENCH_RUN="$name" BENCH_THREADS="$THREADS" wrk -t"$THREADS" -c"$conns" \
    -d"$MEASURED"s -s "$BENCH/outcomes.lua" "$APP" | grep '^BENCH_RESULT')
  ended=$(date +%s.%N)
  wait "$sampler" 2>/dev/null || true
  local delivered_at_end undelivered_at_end drain_seconds delivered_after rows_after
  read -r delivered_at_end undelivered_at_end < <(counts)
  drain_seconds=$(drain 120)
  read -r delivered_after _ < <(counts)
  rows_after=$(total_rows)
  local accepted=$((rows_after - rows_before)) delivered=$((delivered_after - delivered_before))
  local elapsed delivery_rps intake_rps max_backlog latency
  elapsed=$(awk -v a="$started" -v b="$ended" 'BEGIN{print b-a}')
  delivery_rps=$(awk -v d="$((delivered_at_end - delivered_before))" -v s="$elapsed" 'BEGIN{printf "%.0f", d/s}')
  intake_rps=$(awk -v r="$(field rps "$result")" 'BEGIN{printf "%.0f", r}')
  max_backlog=$(awk '{ if ($3 > m) m = $3 } END { print m + 0 }' "$WORK/samples-$name")
  latency=$(awk -v a="$(field p50 "$result")" -v b="$(field p99 "$result")" -v c="$(field max "$result")" \
    'BEGIN{printf "%.1f / %.1f / %.1f", a/1000, b/1000, c/1000}')
  ROWS+=("| $name | $intake_rps | $latency | $delivery_rps | $max_backlog | $undelivered_at_end | $drain_seconds | $delivered / $accepted | $(field errors "$result") |")
  [[ "$drain_seconds" != timeout ]] || { log "$name: delivery did not catch up within 120 s"; ok=2; }
  (( delivered == accepted )) || { log "$name: delivered $delivered != accepted $accepted"; ok=2; }
  LAST_INTAKE=$intake_rps
}

phase saturation "$CONNECTIONS" ""
awk -v r="$LAST_INTAKE" -v t="$TARGET_RPS" 'BEGIN{exit !(r >= t)}' || { log "intake below $TARGET_RPS/s"; ok=2; }
# paced near the target: PACED_CONNECTIONS connections each pausing PACED_DELAY_MS between requests
phase paced "${PACED_CONNECTIONS:-80}" "${PACED_DELAY_MS:-30}"

cat <<TABLE

Outcome pipeline on PostgreSQL with a fast CDP stub (settle window $SETTLE, $WORKERS workers x $BATCH, ${MEASURED} s per phase)

| phase | intake 202/s | intake latency p50 / p99 / max (ms) | delivered/s during the phase | largest undelivered backlog (sampled every 2 s) | undelivered when intake stopped | s until the outbox was empty | delivered / accepted | wrk errors |
|---|---|---|---|---|---|---|---|---|
$(printf '%s\n' "${ROWS[@]}")

load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)
TABLE
exit $ok
