# Shared by the bench scripts (sourced, never run): logging, the Debian tools they need, the app jar,
# the Maven lock, the processes they start, free loopback ports and readiness waits.
# Every loop is bounded; everything listens on 127.0.0.1 only.

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# require_tools command:debian-package ... : installs what is missing (as root, unless BENCH_INSTALL=0)
require_tools() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
  (( ${#missing[@]} )) || return 0
  if [[ "${BENCH_INSTALL:-1}" == 1 && $(id -u) == 0 ]]; then
    log "installing ${missing[*]} (Debian packages)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null \
      || die "apt-get install ${missing[*]} failed"
  else
    die "missing ${missing[*]}: apt-get install -y ${missing[*]}"
  fi
}

# require_app_jar root java_home: builds app/target/profile-bridge.jar when it is not there
require_app_jar() {
  [[ -f "$1/app/target/profile-bridge.jar" ]] && return 0
  log "building $1/app/target/profile-bridge.jar"
  (cd "$1" && flock /tmp/pb-maven.lock env JAVA_HOME="$2" ./mvnw -B -o -q -DskipTests package) || die "build failed"
}

# Other work on this machine shares the same 2 cores: hold the Maven lock while measuring so that
# no build or test run of this workspace competes with the benchmark (BENCH_LOCK= disables it).
take_bench_lock() {
  BENCH_LOCK=${BENCH_LOCK-/tmp/pb-maven.lock}
  [[ -n "$BENCH_LOCK" ]] || return 0
  exec 9>"$BENCH_LOCK"
  if ! flock -n 9; then
    log "waiting (at most 15 min) for $BENCH_LOCK: a Maven build is running"
    flock -w 900 9 || die "could not take $BENCH_LOCK"
  fi
}

# The processes a script starts (append with PIDS+=($!)); stop_started stops them, newest first.
PIDS=()
stop_started() {
  local i pid
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid=${PIDS[i]}
    kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true # its exit status (143 after TERM) is no error here
  done
}

# keep_or_remove exit-status workdir: keeps the logs when asked (KEEP_WORKDIR=1) or when it failed
keep_or_remove() {
  if [[ "${KEEP_WORKDIR:-0}" == 1 || $1 == 1 ]]; then log "logs kept in $2"; else rm -rf "$2"; fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pick_ports NAME ... : sets each variable to a different free port in 20000-31999, below Linux's
# ephemeral range (32768-60999), so an outgoing connection (the app's database pool) cannot take it
# between the check and the bind
pick_ports() {
  local name p taken=" "
  for name in "$@"; do
    for _ in $(seq 1 200); do
      p=$((20000 + RANDOM % 12000))
      [[ "$taken" == *" $p "* ]] && continue
      port_in_use "$p" || break
    done
    port_in_use "$p" && die "no free port"
    taken+="$p "
    printf -v "$name" '%s' "$p"
  done
}

# wait_for url seconds what: until the URL answers 2xx; fails early when a started process exited
wait_for() {
  local deadline=$((SECONDS + $2)) pid
  until curl -sf -o /dev/null --max-time 2 "$1"; do
    (( SECONDS < deadline )) || die "$3 not ready after $2 s (logs: ${WORK:-?})"
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null || die "a process exited early (logs: ${WORK:-?})"; done
    sleep 0.5
  done
}
