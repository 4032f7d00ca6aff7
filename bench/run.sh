#!/usr/bin/env bash
# Profile Bridge benchmark (issue item 11). One command, about 5 minutes, loopback only:
#
#   bench/run.sh
#
# Starts, on 127.0.0.1 and free ports: a WireMock CDP stub, the app (profiles demo,bench; HTTP CDP
# pointed at the stub) and an nginx proxy_cache in front of the same stub (the baseline). Then, with
# wrk (bench/resolve.lua, 2 threads, 32 connections):
#   warm-up (not measured): 60 s of cache hits, 15 s of misses (JIT; C2 needs ~50 s on 2 cores)
#   (b) misses          : cache flushed, CDP stub answers after 200 ms, every request a new identifier
#   (a) cache hits      : 1,000 phone identifiers warmed, then loaded in a cycle: app, then nginx
#   (c) degraded+expired: 1,000 entries warmed, fresh TTL set to 1 ms, the stub switched to 504s
#                         after 2,000 ms, the breaker tripped, then loaded while it is open
#   (c') the same at a paced ~500 req/s (supplementary: the path's latency without saturation)
# and prints a Markdown table (also saved under bench/results/, which git ignores).
# Every process it starts is stopped on exit, whatever happens; every loop and wait is bounded.
# While measuring it holds /tmp/pb-maven.lock, so no Maven build of this workspace shares the 2 cores.
#
# Exit status: 0 = ran and every target met, 2 = ran but a target was missed, 1 = could not run.
#
# Knobs (environment): PHASE_SECONDS (20), DEGRADED_SECONDS (15; the breaker stays open 30 s),
# WARMUP_SECONDS (60), CONNECTIONS (32), THREADS (2), KEYS (1000), MISS_DELAY_MS (200),
# PACED_RPS (500), PACED_SECONDS (10), BENCH_LOCK (/tmp/pb-maven.lock; empty = none),
# KEEP_WORKDIR=1 keeps the logs, APP_JAR (app/target/profile-bridge.jar: another build to compare), BENCH_INSTALL=0 never apt-get installs missing wrk / nginx-light,
# APP_JAVA_OPTS extra JVM options for the app (e.g. a JFR recording), APP_OPTS extra arguments for the app (e.g. --spring.threads.virtual.enabled=false to compare),
# AUTH_MODE (basic; or bearer: every request carries an RS256 OAuth access token instead of HTTP Basic,
# as a Genesys "User Defined (OAuth)" data action sends it; the script makes a key pair, serves its
# JWKS on loopback and configures bridge.security.jwt.* for the demo caller's client id).
#
# Never part of the test suite: nothing in the Maven build, CI or run-tests calls this.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
PHASE_SECONDS=${PHASE_SECONDS:-20}
DEGRADED_SECONDS=${DEGRADED_SECONDS:-15}
WARMUP_SECONDS=${WARMUP_SECONDS:-60}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
KEYS=${KEYS:-1000}
MISS_DELAY_MS=${MISS_DELAY_MS:-200}
PACED_RPS=${PACED_RPS:-500}
PACED_SECONDS=${PACED_SECONDS:-10}
OUTAGE_DELAY_MS=2000
AUTH_MODE=${AUTH_MODE:-basic}
AUTH="Basic $(printf 'ivr-demo:demo-ivr-secret' | base64)"
# identifier ranges (10-digit NANP numbers, sent as +1XXXXXXXXXX): one per scenario, never overlapping
HIT_BASE=5552000000
MISS_BASE=5553000000
STALE_BASE=5554000000
WARM_MISS_BASE=5555000000

# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"

(( DEGRADED_SECONDS <= 20 )) || die "DEGRADED_SECONDS must be <= 20 (the breaker stays open 30 s)"

# ---------------------------------------------------------------- prerequisites
JAVA_HOME=$("$ROOT/bin/find-jdk") || die "no JDK"
JAVA="$JAVA_HOME/bin/java"
WIREMOCK_JAR="$HOME/.m2/repository/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar"
APP_JAR_GIVEN=${APP_JAR:-}
APP_JAR=${APP_JAR:-"$ROOT/app/target/profile-bridge.jar"}
[[ -z "$APP_JAR_GIVEN" || -f "$APP_JAR" ]] || die "APP_JAR $APP_JAR does not exist"
[[ -f "$WIREMOCK_JAR" ]] || die "WireMock not found at $WIREMOCK_JAR (it comes with the Maven build's local repository)"

require_tools wrk:wrk nginx:nginx-light curl:curl
[[ $AUTH_MODE == basic || $AUTH_MODE == bearer ]] || die "AUTH_MODE must be basic or bearer"
[[ $AUTH_MODE == basic ]] || require_tools openssl:openssl python3:python3
[[ -n "${APP_JAR_GIVEN:-}" ]] || require_app_jar "$ROOT" "$JAVA_HOME"
take_bench_lock
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- processes and cleanup
WORK=$(mktemp -d /tmp/profile-bridge-bench.XXXXXX)
chmod 755 "$WORK"
cleanup() {
  local rc=$?
  set +e
  stop_started
  keep_or_remove "$rc" "$WORK"
  exit $rc
}
trap cleanup EXIT
trap 'exit 1' INT TERM

pick_ports STUB_PORT APP_PORT NGINX_PORT
STUB="http://127.0.0.1:$STUB_PORT"
APP="http://127.0.0.1:$APP_PORT"
NGINX="http://127.0.0.1:$NGINX_PORT"


log "work dir $WORK; stub :$STUB_PORT, app :$APP_PORT, nginx :$NGINX_PORT"

mkdir -p "$WORK/stub" "$WORK/data"
"$JAVA" -Xms256m -Xmx512m -jar "$WIREMOCK_JAR" --port "$STUB_PORT" --bind-address 127.0.0.1 \
  --root-dir "$WORK/stub" --container-threads 200 --disable-banner --disable-request-logging \
  --max-request-journal-entries 100000 >"$WORK/stub.log" 2>&1 &
STUB_PID=$!; PIDS+=($STUB_PID)

mkdir -p "$WORK/nginx"
chmod 777 "$WORK/nginx" # the workers run as nobody when started by root
sed -e "s|@PREFIX@|$WORK/nginx|g" -e "s|@PORT@|$NGINX_PORT|g" -e "s|@STUB_PORT@|$STUB_PORT|g" \
  "$BENCH/nginx.conf.template" >"$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' >"$WORK/nginx.out" 2>&1 &
NGINX_PID=$!; PIDS+=($NGINX_PID)

wait_for "$STUB/__admin/health" 60 "WireMock"

AUTH_OPTS=()
if [[ $AUTH_MODE == bearer ]]; then
  # An authorization server reduced to what the app reads: a JWKS document on loopback, and one access
  # token (client credentials shape: iss, aud, azp, exp) signed with its key, used by every request.
  pick_ports JWKS_PORT
  mkdir -p "$WORK/jwks"
  openssl genrsa -out "$WORK/jwks/key.pem" 2048 2>/dev/null || die "openssl genrsa"
  b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
  modulus=$(openssl rsa -in "$WORK/jwks/key.pem" -noout -modulus | cut -d= -f2)
  n=$(python3 -c 'import sys, base64; print(base64.urlsafe_b64encode(bytes.fromhex(sys.argv[1])).decode().rstrip("="))' "$modulus")
  printf '{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"bench","n":"%s","e":"AQAB"}]}' "$n" >"$WORK/jwks/jwks.json"
  python3 -m http.server "$JWKS_PORT" --bind 127.0.0.1 --directory "$WORK/jwks" >"$WORK/jwks.log" 2>&1 &
  PIDS+=($!)
  wait_for "http://127.0.0.1:$JWKS_PORT/jwks.json" 30 "the JWKS server"
  issuer="http://127.0.0.1:$JWKS_PORT/bench-issuer"
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT","kid":"bench"}' | b64url)
  claims=$(printf '{"iss":"%s","aud":"profile-bridge","azp":"bench-ivr","sub":"bench-ivr","iat":%d,"exp":%d}' \
    "$issuer" "$now" $((now + 7200)) | b64url)
  signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$WORK/jwks/key.pem" -binary | b64url)
  AUTH="Bearer $header.$claims.$signature"
  AUTH_OPTS=(--bridge.security.jwt.issuer-uri="$issuer" --bridge.security.jwt.jwk-set-uri="http://127.0.0.1:$JWKS_PORT/jwks.json"
    --bridge.security.jwt.audiences=profile-bridge --bridge.security.callers.ivrdemo.client-ids=bench-ivr)
fi

"$JAVA" ${APP_JAVA_OPTS:-} -jar "$APP_JAR" --spring.profiles.active=demo,bench --cdp.provider=http \
  --cdp.http.base-url="$STUB" --server.port="$APP_PORT" --server.address=127.0.0.1 \
  --bridge.data-dir="$WORK/data" "${AUTH_OPTS[@]}" ${APP_OPTS:-} >"$WORK/app.log" 2>&1 &
APP_PID=$!; PIDS+=($APP_PID)
wait_for "$APP/actuator/health/readiness" 180 "the app"
if [[ $AUTH_MODE == bearer ]]; then # the token must be accepted, or every figure below is a 401's
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -H "Authorization: $AUTH" \
    --data '{"identifier":"+15550000000","channel":"voice","source":"bench"}' "$APP/v1/profiles/resolve")
  [[ $code == 200 ]] || die "the bearer token was refused ($code): $(grep -i 'token\|jwt' "$WORK/app.log" | tail -3)"
fi
for _ in $(seq 1 50); do port_in_use "$NGINX_PORT" && break; sleep 0.2; done
port_in_use "$NGINX_PORT" || die "nginx did not start: $(cat "$WORK/nginx.out" "$WORK/nginx/error.log" 2>/dev/null)"

# ---------------------------------------------------------------- helpers
stub_mapping() { # file, delay ms: replaces every stub mapping
  curl -sf -o /dev/null -X DELETE "$STUB/__admin/mappings" || die "stub admin"
  sed "s/@DELAY_MS@/$2/" "$BENCH/stub/$1" |
    curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary @- "$STUB/__admin/mappings" \
    || die "stub mapping $1"
}
stub_reset_count() { curl -sf -o /dev/null -X DELETE "$STUB/__admin/requests" || die "stub journal"; }
stub_count() { # CDP resolve calls the stub received since the last reset
  curl -sf -X POST -H 'Content-Type: application/json' --data '{"method":"POST","url":"/v1/profiles/resolve"}' \
    "$STUB/__admin/requests/count" | tr -d ' \n' | sed -E 's/.*"count":([0-9]+).*/\1/'
}
app_cdp_calls() { # CDP calls the app made (success + failure; calls refused by the open breaker are not calls)
  curl -sf "$APP/actuator/prometheus" | awk '/^bridge_cdp_calls_seconds_count/ {s += $NF} END {printf "%d\n", s}'
}
app_cdp_failures() {
  curl -sf "$APP/actuator/prometheus" |
    awk '/^bridge_cdp_calls_seconds_count/ && /outcome="failure"/ {s += $NF} END {printf "%d\n", s}'
}
app_metric() { # sum of a prometheus series whose line starts with $1
  curl -sf "$APP/actuator/prometheus" | awk -v m="$1" 'index($0, m) == 1 {s += $NF} END {printf "%d\n", s}'
}
bench_post() { curl -sf -X POST --max-time 5 "$APP/__bench/$1"; }
breaker_state() { bench_post "config?ttl_ms=$1" | sed -E 's/.*"breaker" *: *"([A-Z_]+)".*/\1/'; }

warm() { # url, base: one request per identifier (KEYS of them), 16 in parallel; prints how many got 200
  local cfg="$WORK/warm-$2.curl"
  : >"$cfg"
  for ((i = 0; i < KEYS; i++)); do
    (( i == 0 )) || echo next >>"$cfg"
    printf 'url = "%s/v1/profiles/resolve"\nheader = "Content-Type: application/json"\nheader = "Authorization: %s"\ndata = "{\\"identifier\\":\\"+1%d\\",\\"channel\\":\\"voice\\",\\"source\\":\\"bench\\"}"\noutput = "%s.body"\nwrite-out = "%%{http_code}\\n"\nmax-time = 10\n' \
      "$1" "$AUTH" $(($2 + i)) "$cfg" >>"$cfg"
  done
  curl -s --no-progress-meter --parallel --parallel-max 16 -K "$cfg" >"$cfg.codes" 2>&1 || true
  grep -c '^200$' "$cfg.codes" || true
}

busy_jiffies() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
tree_jiffies() { # CPU time of process $1 and its live children (nginx workers)
  # cat skips a process that exits meanwhile (and then fails: pipefail must not end the script);
  # awk given the files itself (mawk) would stop at it
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v p="$1" '$1 == p || $4 == p {s += $14 + $15} END {print s + 0}'
}
own_jiffies() { # CPU time of everything this script started: its servers, and its waited-for children (wrk, curl)
  local total pid
  total=$(awk '{print $16 + $17}' "/proc/$$/stat")
  for pid in "${PIDS[@]}"; do
    total=$((total + $(tree_jiffies "$pid")))
  done
  echo "$total"
}
CORES=$(nproc); HZ=$(getconf CLK_TCK)

RESULT_KEYS=(requests rps p50_us p99_us max_us non2xx sock_errors fresh cached stale none other)
load() { # name, url, mode, base, seconds [, delay ms] -> sets R_<key>, R_busy (machine CPU %), R_others (CPU % not ours)
  local out="$WORK/$1.wrk.txt" b0 o0 t0 b1 o1 t1
  b0=$(busy_jiffies); o0=$(own_jiffies); a0=$(tree_jiffies "$APP_PID"); s0=$(tree_jiffies "$STUB_PID"); n0=$(tree_jiffies "$NGINX_PID"); t0=$(date +%s%N)
  BENCH_MODE=$3 BENCH_BASE=$4 BENCH_COUNT=$KEYS BENCH_THREADS=$THREADS BENCH_AUTH=$AUTH BENCH_DELAY_MS=${6:-} \
    timeout $(($5 + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$5s" --timeout 5s --latency -s "$BENCH/resolve.lua" "$2" \
    >"$out" 2>&1 || die "wrk failed: $(cat "$out")"
  b1=$(busy_jiffies); o1=$(own_jiffies); a1=$(tree_jiffies "$APP_PID"); s1=$(tree_jiffies "$STUB_PID"); n1=$(tree_jiffies "$NGINX_PID"); t1=$(date +%s%N)
  read -r R_busy R_others < <(awk -v b=$((b1 - b0)) -v o=$((o1 - o0)) -v ns=$((t1 - t0)) -v c="$CORES" -v hz="$HZ" \
    'BEGIN {cap = c * hz * ns / 1e9; x = b - o; if (x < 0) x = 0; printf "%.0f %.0f\n", 100 * b / cap, 100 * x / cap}')
  R_app_cpu=$((a1 - a0)); R_stub_cpu=$((s1 - s0)); R_nginx_cpu=$((n1 - n0)) # jiffies
  local line
  line=$(grep '^BENCH_RESULT' "$out") || die "no result from wrk: $(cat "$out")"
  for k in "${RESULT_KEYS[@]}"; do
    printf -v "R_$k" '%s' "$(sed -E "s/.* $k=([0-9.]+).*/\1/" <<<"$line")"
  done
}

ROWS=()
row() { # scenario, target, cdp calls (stub), cdp calls (app)
  local req=$R_requests
  local cpr_stub cpr_app sources
  cpr_stub=$(awk -v c="$3" -v r="$req" 'BEGIN {printf "%.4f", r ? c / r : 0}')
  cpr_app=$(awk -v c="$4" -v r="$req" 'BEGIN {printf "%.4f", r ? c / r : 0}')
  sources="FRESH $R_fresh / CACHED $R_cached / STALE $R_stale / NONE $R_none"
  [[ $1 == *nginx* ]] && sources="(stub body: no profile_source)"
  local app_ms="-"
  app_ms=$(awk -v j="$R_app_cpu" -v hz="$HZ" -v r="$req" 'BEGIN {printf "%.3f", r ? 1000 * j / hz / r : 0}')
  [[ $1 == *nginx* ]] && app_ms="nginx: $(awk -v j="$R_nginx_cpu" -v hz="$HZ" -v r="$req" 'BEGIN {printf "%.3f", r ? 1000 * j / hz / r : 0}')"
  ROWS+=("$(printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s (%s) | %s (%s) | %s | %s%% (%s%%) | %s |' \
    "$1" "$2" "$req" "$R_rps" \
    "$(awk -v u="$R_p50_us" 'BEGIN {printf "%.2f", u / 1000}')" \
    "$(awk -v u="$R_p99_us" 'BEGIN {printf "%.2f", u / 1000}')" \
    "$(awk -v u="$R_max_us" 'BEGIN {printf "%.2f", u / 1000}')" \
    "$((R_non2xx + R_sock_errors))" "$cpr_stub" "$3" "$cpr_app" "$4" "$sources" "$R_busy" "$R_others" "$app_ms")")
  log "$1: CPU busy ${R_busy}% (others ${R_others}%; CPU seconds: app $(awk -v j="$R_app_cpu" -v hz="$HZ" 'BEGIN {printf "%.1f", j / hz}'), stub $(awk -v j="$R_stub_cpu" -v hz="$HZ" 'BEGIN {printf "%.1f", j / hz}')), ${R_rps} req/s, p50 ${R_p50_us} us, p99 ${R_p99_us} us, non-2xx $R_non2xx, socket errors $R_sock_errors, CDP calls stub $3 / app $4, $sources"
}

# ---------------------------------------------------------------- warm-up (not measured)
stub_mapping resolve-success.json 0
bench_post flush >/dev/null
log "JIT warm-up: $KEYS hit identifiers warmed, then ${WARMUP_SECONDS}s of hits on the app and 5s on nginx (not measured)"
n=$(warm "$APP" $HIT_BASE); [[ $n == "$KEYS" ]] || die "app warm-up: $n of $KEYS answered 200 ($(sort "$WORK"/warm-*.codes | uniq -c | tr '\n' ' '))"
load warmup-app "$APP" cycle $HIT_BASE "$WARMUP_SECONDS"
log "JIT warm-up of the miss path: 15s of misses, CDP at 0 ms (not measured)"
load warmup-misses "$APP" distinct $WARM_MISS_BASE 15

# ---------------------------------------------------------------- (b) misses
stub_mapping resolve-success.json "$MISS_DELAY_MS"
bench_post flush >/dev/null
stub_reset_count; before=$(app_cdp_calls)
log "(b) misses, CDP at ${MISS_DELAY_MS} ms: ${PHASE_SECONDS}s, a new identifier per request"
load misses "$APP" distinct $MISS_BASE "$PHASE_SECONDS"
sleep 1
row "(b) misses, CDP ${MISS_DELAY_MS} ms" "0 non-2xx; 1 CDP call/req" "$(stub_count)" "$(($(app_cdp_calls) - before))"
MISS_BAD=$((R_non2xx + R_sock_errors))
ROW_B=${ROWS[-1]}; ROWS=()

# ---------------------------------------------------------------- (a) cache hits
stub_mapping resolve-success.json 0
bench_post flush >/dev/null
log "(a)+(c) warming $KEYS hit identifiers (app, nginx) and $KEYS identifiers for the degraded scenario (app)"
for target in "$APP $HIT_BASE" "$NGINX $HIT_BASE" "$APP $STALE_BASE"; do
  n=$(warm $target); [[ $n == "$KEYS" ]] || die "warm-up of $target: $n of $KEYS answered 200"
done
LAST_CDP_SUCCESS=$SECONDS
load warmup-nginx "$NGINX" cycle $HIT_BASE 5
cache_status=$(curl -s -o /dev/null -D - -X POST -H 'Content-Type: application/json' \
  --data "{\"identifier\":\"+1$HIT_BASE\",\"channel\":\"voice\",\"source\":\"bench\"}" "$NGINX/v1/profiles/resolve" |
  tr -d '\r' | awk -F': ' 'tolower($1) == "x-cache-status" {print $2}')
[[ $cache_status == HIT ]] || die "nginx does not serve from its cache (X-Cache-Status: $cache_status)"
stub_reset_count; before=$(app_cdp_calls)
log "(a) cache hits on the app: ${PHASE_SECONDS}s, $CONNECTIONS connections, $KEYS identifiers"
load hits-app "$APP" cycle $HIT_BASE "$PHASE_SECONDS"
sleep 1
row "(a) cache hits, app" "&ge; 0.5x nginx req/s" "$(stub_count)" "$(($(app_cdp_calls) - before))"
APP_HIT_RPS=$R_rps; APP_HIT_BAD=$((R_non2xx + R_sock_errors))
stub_reset_count
log "(a) baseline: nginx proxy_cache, same identifiers: ${PHASE_SECONDS}s"
load hits-nginx "$NGINX" cycle $HIT_BASE "$PHASE_SECONDS"
sleep 1
row "(a) cache hits, nginx proxy_cache (baseline)" "-" "$(stub_count)" "-"
NGINX_RPS=$R_rps; NGINX_BAD=$((R_non2xx + R_sock_errors))
ROWS+=("$ROW_B")

# ---------------------------------------------------------------- (c) degraded CDP, expired entries
# The breaker's window is 10 s of calls: the warm-up's successful calls must have left it, or the
# trip's failures would stay below 50 %.
quiet=$((LAST_CDP_SUCCESS + 11 - SECONDS))
(( quiet <= 0 )) || { log "(c) waiting ${quiet}s for the warm-up's calls to leave the breaker's 10 s window"; sleep "$quiet"; }
log "(c) fresh TTL 1 ms (all $KEYS warmed entries expired), the stub answering 504 after ${OUTAGE_DELAY_MS} ms"
[[ $(breaker_state 1) == CLOSED ]] || die "the CDP breaker is not CLOSED before the outage"
stub_mapping resolve-outage.json "$OUTAGE_DELAY_MS"
# 12 expired entries: each is answered STALE at once and starts one background refresh, which the
# app's 1 s read timeout fails; >= 6 failed (and slow) calls in the 10 s window open the breaker.
trip=()
for ((i = 0; i < 12; i++)); do
  curl -s -o /dev/null --max-time 5 -X POST -H 'Content-Type: application/json' -H "Authorization: $AUTH" \
    --data "{\"identifier\":\"+1$((STALE_BASE + i))\",\"channel\":\"voice\",\"source\":\"bench\"}" \
    "$APP/v1/profiles/resolve" &
  trip+=($!)
done
wait "${trip[@]}"
deadline=$((SECONDS + 10))
until [[ $(breaker_state 1) == OPEN ]]; do
  (( SECONDS < deadline )) || die "the CDP breaker did not open within 10 s"
  sleep 0.2
done
opened=$SECONDS
log "(c) breaker OPEN; waiting for the stub's delayed answers to drain"
sleep $(( (OUTAGE_DELAY_MS + 999) / 1000 + 1 ))
stub_reset_count; before=$(app_cdp_calls); rejected_before=$(app_metric bridge_cdp_rejected_total)
log "(c) degraded load on expired entries: ${DEGRADED_SECONDS}s while the breaker is open"
load degraded "$APP" cycle $STALE_BASE "$DEGRADED_SECONDS"
sleep 1
state=$(breaker_state 1)
open_for=$((SECONDS - opened))
[[ $state == OPEN ]] || die "the breaker left OPEN during the degraded phase (now $state)"
(( open_for < 30 )) || die "the degraded phase outlasted the breaker's 30 s open state"
rejected=$(($(app_metric bridge_cdp_rejected_total) - rejected_before))
deg_stub=$(stub_count); deg_app=$(($(app_cdp_calls) - before))
row "(c) degraded CDP (504 after ${OUTAGE_DELAY_MS} ms), expired entries, breaker open" \
  "p99 &le; 25 ms, &le; 0.02 CDP calls/req" "$deg_stub" "$deg_app"
DEG_P99_US=$R_p99_us; DEG_BAD=$((R_non2xx + R_sock_errors)); DEG_REQ=$R_requests
# the larger of the two counts (stub journal, app metric) per request
DEG_CPR=$(awk -v s="$deg_stub" -v a="$deg_app" -v r="$R_requests" 'BEGIN {c = s > a ? s : a; printf "%.4f", r ? c / r : 1}')
DEG_STALE=$R_stale

# ---------------------------------------------------------------- (c') the same, paced
# At 32 connections as fast as they can go, both cores are saturated and (c)'s latency is mostly
# queueing. The same degraded path at a paced ~PACED_RPS req/s shows the path's own latency. (c) used
# up the breaker's 30 s: wait for them to pass, let its half-open probes fail (OPEN again), then load.
wait_s=$((opened + 31 - SECONDS))
(( wait_s <= 0 )) || { log "(c') waiting ${wait_s}s for the breaker's open state to end"; sleep "$wait_s"; }
failures_before=$(app_cdp_failures)
probe=()
for ((i = 100; i < 106; i++)); do
  curl -s -o /dev/null --max-time 5 -X POST -H 'Content-Type: application/json' -H "Authorization: $AUTH" \
    --data "{\"identifier\":\"+1$((STALE_BASE + i))\",\"channel\":\"voice\",\"source\":\"bench\"}" \
    "$APP/v1/profiles/resolve" &
  probe+=($!)
done
wait "${probe[@]}"
deadline=$((SECONDS + 10))
until (( $(app_cdp_failures) >= failures_before + 3 )) && [[ $(breaker_state 1) == OPEN ]]; do
  (( SECONDS < deadline )) || die "the breaker's half-open probes did not open it again within 10 s"
  sleep 0.2
done
opened=$SECONDS
log "(c') breaker OPEN again after its half-open probes failed"
sleep $(( (OUTAGE_DELAY_MS + 999) / 1000 + 1 ))
stub_reset_count; before=$(app_cdp_calls)
pause_ms=$((CONNECTIONS * 1000 / PACED_RPS))
log "(c') degraded load, paced (each connection waits ${pause_ms} ms between requests): ${PACED_SECONDS}s"
load degraded-paced "$APP" cycle $STALE_BASE "$PACED_SECONDS" "$pause_ms"
state=$(breaker_state 1)
[[ $state == OPEN ]] || die "the breaker left OPEN during the paced degraded phase (now $state)"
(( SECONDS - opened < 30 )) || die "the paced degraded phase outlasted the breaker's 30 s open state"
sleep 1
paced_stub=$(stub_count); paced_app=$(($(app_cdp_calls) - before))
row "(c') as (c), paced at ~${PACED_RPS} req/s (supplementary)" "(diagnostic)" "$paced_stub" "$paced_app"
PACED_P99_US=$R_p99_us; PACED_BAD=$((R_non2xx + R_sock_errors)); PACED_RPS_MEASURED=$R_rps

# ---------------------------------------------------------------- report
verdict() { if eval "$2"; then echo "- met: $1"; else echo "- MISSED: $1"; MISSED=1; fi; }
MISSED=0
RATIO=$(awk -v a="$APP_HIT_RPS" -v n="$NGINX_RPS" 'BEGIN {printf "%.2f", n ? a / n : 0}')
REPORT="$WORK/report.md"
{
  echo "Run $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores ($(lscpu | awk -F': +' '/Model name/ {print $2; exit}')), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(uname -sr)"
  echo "load average before the run: $LOAD_AT_START (Maven lock ${BENCH_LOCK:-not} held while measuring)"
  echo "app jar sha256 $(sha256sum "$APP_JAR" | cut -c1-12) (HEAD $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'); the jar: ${APP_JAR#$ROOT/}), $("$JAVA" -version 2>&1 | head -1), wrk -t$THREADS -c$CONNECTIONS, phases ${PHASE_SECONDS}s (degraded ${DEGRADED_SECONDS}s), $KEYS identifiers"
  echo "app, stub, nginx and wrk share the same $(nproc) cores; IVR credential: $AUTH_MODE"
  echo
  echo "| scenario | target | requests | req/s | p50 ms | p99 ms | max ms | non-2xx + socket errors | CDP calls/req, stub (count) | CDP calls/req, app metric (count) | profile_source | CPU busy (not ours) | app CPU ms/req |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Hits: app/nginx req/s = $RATIO. Degraded: breaker OPEN for the whole phase; $rejected background refreshes refused by it (no CDP call)."
  echo
  verdict "cache hits >= 0.5x nginx proxy_cache req/s (ratio $RATIO)" "awk -v r=$RATIO 'BEGIN {exit !(r >= 0.5)}'"
  verdict "degraded p99 <= 25 ms ($(awk -v u="$DEG_P99_US" 'BEGIN {printf "%.2f", u / 1000}') ms)" "(( DEG_P99_US <= 25000 ))"
  verdict "degraded <= 0.02 CDP calls/request ($DEG_CPR)" "awk -v r=$DEG_CPR 'BEGIN {exit !(r <= 0.02)}'"
  verdict "degraded answers all STALE ($DEG_STALE of $DEG_REQ)" "(( DEG_STALE == DEG_REQ ))"
  verdict "0 non-2xx (hits $APP_HIT_BAD, nginx $NGINX_BAD, misses $MISS_BAD, degraded $DEG_BAD, paced $PACED_BAD)" \
    "(( APP_HIT_BAD + NGINX_BAD + MISS_BAD + DEG_BAD + PACED_BAD == 0 ))"
  echo "- supplementary: degraded p99 at a paced $PACED_RPS_MEASURED req/s = $(awk -v u="$PACED_P99_US" 'BEGIN {printf "%.2f", u / 1000}') ms"
} >"$REPORT"
mkdir -p "$BENCH/results"
cp "$REPORT" "$BENCH/results/$(date -u +%Y%m%dT%H%M%SZ).md"
echo
cat "$REPORT"
if (( MISSED )); then exit 2; fi
