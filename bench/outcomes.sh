#!/usr/bin/env bash
# Outcome pipeline benchmark (issue 4, item 10). One command, about 2 minutes, loopback only:
#
#   bench/outcomes.sh
#
# Starts, on 127.0.0.1 and free ports: an nginx stub answering every CDP adapter's outcome calls at
# once (a fast CDP; bench/track-stub.nginx.conf.template), and for each adapter in ADAPTERS a
# PostgreSQL database of its own on the machine's server (dropped at the end) and the app (demo
# profile with that database and the prod profile's pool of 20 connections, cdp.provider=<adapter>
# pointed at the stub, delivery workers on, settle window SETTLE). Then wrk (bench/outcomes.lua)
# posts new outcomes: a warm-up (not measured), two measured phases, and the time until the outbox is
# empty again after each. Samples the outbox every 2 s during the phases.
# Last, the limit: pgbench runs the statements the app runs per new outcome
# (bench/outcome-intake.pgbench) on a database of the same schema, same server, same concurrency,
# with the app stopped; the table gives each adapter's intake as a share of that limit.
# While measuring it holds /tmp/pb-maven.lock, so no Maven build of this workspace shares the 2 cores.
#
# Exit status: 0 = ran and the targets were met (intake >= 0.5x the pgbench limit, delivery kept up,
# every accepted outcome delivered once), 2 = ran but a target was missed, 1 = could not run.
#
# Two measured phases: saturation (CONNECTIONS connections as fast as they go) and paced (80
# connections pausing PACED_DELAY_MS between requests: about 2,000 outcomes/s on this machine).
#
# Knobs: ADAPTERS ("http segment adobe salesforce"), SECONDS_MEASURED (30), WARMUP_SECONDS (20),
# CONNECTIONS (32), THREADS (2), SETTLE (1s), PACED_CONNECTIONS (80), PACED_DELAY_MS (30), WORKERS (4),
# BATCH (100), PGBENCH_SECONDS (= SECONDS_MEASURED), BENCH_LOCK (/tmp/pb-maven.lock; empty = none),
# KEEP_WORKDIR=1, APP_JAVA_OPTS (extra JVM options for the app, e.g. a JFR recording: see
# docs/BENCHMARKS.md), APP_ARGS (extra application arguments).
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
ADAPTERS=${ADAPTERS:-http segment adobe salesforce}
PGBENCH_SECONDS=${PGBENCH_SECONDS:-$MEASURED}
TARGET_SHARE=0.5
DB_PREFIX="pb_bench_$(date +%s)_$$"

# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"

JAVA_HOME=$("$ROOT/bin/find-jdk") || die "no JDK"
JAVA="$JAVA_HOME/bin/java"
APP_JAR="$ROOT/app/target/profile-bridge.jar"
require_tools wrk:wrk nginx:nginx-light curl:curl psql:postgresql-client pgbench:postgresql-client
require_app_jar "$ROOT" "$JAVA_HOME"
psql_q() { psql -h 127.0.0.1 -U postgres -d "$1" -tAq -c "$2"; }
psql_q postgres "SELECT 1" >/dev/null || die "PostgreSQL on 127.0.0.1:5432 is needed"

take_bench_lock

WORK=$(mktemp -d /tmp/profile-bridge-outcomes.XXXXXX)
chmod 755 "$WORK"
DBS=()
cleanup() {
  local rc=$?
  set +e
  stop_started
  local db
  for db in "${DBS[@]}"; do psql_q postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1; done
  keep_or_remove "$rc" "$WORK"
  exit $rc
}
trap cleanup EXIT
trap 'exit 1' INT TERM

pick_ports STUB_PORT APP_PORT
APP="http://127.0.0.1:$APP_PORT"
STUB="http://127.0.0.1:$STUB_PORT"

mkdir -p "$WORK/nginx" && chmod 777 "$WORK/nginx"
sed -e "s|@PREFIX@|$WORK/nginx|g" -e "s|@PORT@|$STUB_PORT|g" "$BENCH/track-stub.nginx.conf.template" >"$WORK/nginx/nginx.conf"
start_stub() {
  nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' >>"$WORK/nginx.out" 2>&1 &
  PIDS+=($!)
}

# The app's settings for one adapter, every vendor URL pointed at the stub (fake credentials).
adapter_args() {
  case "$1" in
    http) echo "--cdp.provider=http --cdp.http.base-url=$STUB" ;;
    segment) echo "--cdp.provider=segment --cdp.segment.space-id=spa_bench --cdp.segment.access-token=bench-token" \
      "--cdp.segment.write-key=bench-write-key --cdp.segment.profile-url=$STUB --cdp.segment.tracking-url=$STUB" ;;
    adobe) echo "--cdp.provider=adobe --cdp.adobe.client-id=bench --cdp.adobe.client-secret=bench-secret" \
      "--cdp.adobe.org-id=BENCH@AdobeOrg --cdp.adobe.sandbox-name=prod --cdp.adobe.tenant-id=bench" \
      "--cdp.adobe.events.connection-id=benchconnection --cdp.adobe.events.dataset-id=benchdataset" \
      "--cdp.adobe.events.schema-id=https://ns.adobe.com/bench/schemas/1 --cdp.adobe.ims-url=$STUB" \
      "--cdp.adobe.platform-url=$STUB --cdp.adobe.inlet-url=$STUB" ;;
    salesforce) echo "--cdp.provider=salesforce --cdp.salesforce.login-url=$STUB --cdp.salesforce.tenant-scheme=http" \
      "--cdp.salesforce.auth.client-id=bench --cdp.salesforce.auth.client-secret=bench-secret" \
      "--cdp.salesforce.ingest.connector=profile_bridge --cdp.salesforce.lookup.link-object=UnifiedLinkssotIndividualIr01__dlm" ;;
    *) die "unknown adapter $1 (ADAPTERS: http segment adobe salesforce)" ;;
  esac
}

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
total_rows() { psql_q "$DB" "SELECT COUNT(*) FROM outbox_message"; }

# One measured phase: $1 adapter, $2 name, $3 connections, $4 pause per connection in ms (empty = as
# fast as possible). Appends a table row: intake/s, latency, delivered/s during the phase, largest and
# final backlog, seconds to drain, and whether every accepted outcome was delivered exactly once.
ROWS=()
INTAKES=()
ok=0
phase() {
  local adapter=$1 name=$2 conns=$3 pause=$4
  local rows_before delivered_before
  rows_before=$(total_rows)
  read -r delivered_before _ < <(counts)
  log "$adapter, phase $name: ${MEASURED}s, $THREADS threads, $conns connections${pause:+, ${pause} ms between requests per connection}"
  ( for ((t = 0; t < MEASURED; t += 2)); do sleep 2; echo "$((t + 2)) $(counts)"; done ) >"$WORK/samples-$adapter-$name" &
  local sampler=$!
  local started ended result
  started=$(date +%s.%N)
  result=$(BENCH_DELAY_MS="$pause" BENCH_RUN="$adapter-$name" BENCH_THREADS="$THREADS" wrk -t"$THREADS" -c"$conns" \
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
  max_backlog=$(awk '{ if ($3 > m) m = $3 } END { print m + 0 }' "$WORK/samples-$adapter-$name")
  latency=$(awk -v a="$(field p50 "$result")" -v b="$(field p99 "$result")" -v c="$(field max "$result")" \
    'BEGIN{printf "%.1f / %.1f / %.1f", a/1000, b/1000, c/1000}')
  ROWS+=("| $adapter | $name | $intake_rps | @SHARE_${adapter}_${name}@ | $latency | $delivery_rps | $max_backlog | $undelivered_at_end | $drain_seconds | $delivered / $accepted | $(field errors "$result") |")
  INTAKES+=("$adapter $name $intake_rps")
  [[ "$drain_seconds" != timeout ]] || { log "$adapter $name: delivery did not catch up within 120 s"; ok=2; }
  (( delivered == accepted )) || { log "$adapter $name: delivered $delivered != accepted $accepted"; ok=2; }
}

for adapter in $ADAPTERS; do
  DB="${DB_PREFIX}_$adapter"
  DBS+=("$DB")
  psql_q postgres "CREATE DATABASE $DB" >/dev/null || die "could not create database $DB"
  start_stub
  # shellcheck disable=SC2046 # adapter_args is a list of separate arguments
  # shellcheck disable=SC2086 # APP_JAVA_OPTS and APP_ARGS are lists of separate arguments
  "$JAVA" ${APP_JAVA_OPTS:-} -jar "$APP_JAR" --spring.profiles.active=demo --server.port="$APP_PORT" --server.address=127.0.0.1 \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" --spring.datasource.username=postgres \
    --spring.datasource.password= --spring.datasource.hikari.maximum-pool-size=20 $(adapter_args "$adapter") \
    --bridge.outcomes.settle-window="$SETTLE" --bridge.outcomes.max-settle="$SETTLE" \
    --bridge.outcomes.delivery.workers="$WORKERS" --bridge.outcomes.delivery.batch-size="$BATCH" \
    --bridge.outcomes.delivery.poll-interval=100ms --bridge.data-dir="$WORK/data-$adapter" ${APP_ARGS:-} >"$WORK/app-$adapter.log" 2>&1 &
  PIDS+=($!)
  wait_for "$APP/actuator/health/readiness" 180 "the app ($adapter)"
  log "app :$APP_PORT with cdp.provider=$adapter on database $DB, stub :$STUB_PORT, settle $SETTLE, $WORKERS workers x $BATCH"

  log "$adapter warm-up: ${WARMUP}s of intake (not measured)"
  run_wrk "$WARMUP" "warm-$adapter" >/dev/null
  log "$adapter warm-up drained in $(drain 120) s"

  phase "$adapter" saturation "$CONNECTIONS" ""
  # paced: PACED_CONNECTIONS connections each pausing PACED_DELAY_MS between requests
  phase "$adapter" paced "${PACED_CONNECTIONS:-80}" "${PACED_DELAY_MS:-30}"

  stop_started # the app and the stub; the next adapter starts both again
  PIDS=()
done

# The limit: the same statements per outcome, straight from pgbench, on a database of the same
# schema (the last adapter's, emptied), same server, same concurrency, with the app stopped.
LIMIT_DB="${DB_PREFIX}_limit"
DBS+=("$LIMIT_DB")
psql_q postgres "CREATE DATABASE $LIMIT_DB TEMPLATE template0" >/dev/null || die "could not create $LIMIT_DB"
pg_dump -h 127.0.0.1 -U postgres --schema-only "$DB" | psql -h 127.0.0.1 -U postgres -d "$LIMIT_DB" -q >/dev/null \
  || die "could not copy the schema"
log "limit: pgbench, $CONNECTIONS clients, $THREADS threads, ${PGBENCH_SECONDS}s, bench/outcome-intake.pgbench"
pgbench -h 127.0.0.1 -U postgres -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$PGBENCH_SECONDS" \
  -f "$BENCH/outcome-intake.pgbench" "$LIMIT_DB" >"$WORK/pgbench.out" 2>&1 || die "pgbench failed: $(tail -3 "$WORK/pgbench.out")"
LIMIT=$(awk '/^tps = / { printf "%.0f", $3 }' "$WORK/pgbench.out")
[[ -n "$LIMIT" ]] || die "no tps in pgbench's output"
LIMIT_LATENCY=$(awk '/^latency average/ { print $4 }' "$WORK/pgbench.out")

TABLE_ROWS=$(printf '%s\n' "${ROWS[@]}")
for entry in "${INTAKES[@]}"; do
  read -r adapter name rps <<<"$entry"
  share=$(awk -v r="$rps" -v l="$LIMIT" 'BEGIN{printf "%.2f", r/l}')
  TABLE_ROWS=${TABLE_ROWS//@SHARE_${adapter}_${name}@/${share}x}
  if [[ $name == saturation ]] && ! awk -v s="$share" -v t="$TARGET_SHARE" 'BEGIN{exit !(s >= t)}'; then
    log "$adapter: intake $rps/s is ${share}x the limit, below ${TARGET_SHARE}x"; ok=2
  fi
done

cat <<TABLE

Outcome pipeline on PostgreSQL with a fast CDP stub per adapter (settle window $SETTLE, $WORKERS workers x $BATCH, ${MEASURED} s per phase)

Limit (pgbench, the same three INSERTs per outcome in one transaction, $CONNECTIONS clients, app stopped): $LIMIT outcomes/s (average latency $LIMIT_LATENCY ms)

| adapter | phase | intake 202/s | share of the limit | intake latency p50 / p99 / max (ms) | delivered/s during the phase | largest undelivered backlog (sampled every 2 s) | undelivered when intake stopped | s until the outbox was empty | delivered / accepted | wrk errors |
|---|---|---|---|---|---|---|---|---|---|---|
$TABLE_ROWS

load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)
TABLE
exit $ok
