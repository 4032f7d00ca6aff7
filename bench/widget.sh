#!/usr/bin/env bash
# Agent widget benchmark (issue 5): time from opening the widget to the masked profile on screen,
# for a cached profile, in Debian Chromium (Playwright for Java), on the embedded default.
#
#   bench/widget.sh          # about 1 minute; prints the five timings, their median and max
#
# It runs the browser test that opens five further widgets for a caller whose profile is cached
# (AgentWidgetBrowserTests#furtherWidgetsJoin...) and reads the figures it prints; the test itself
# only asserts behaviour. Target: <= 1 s. Holds /tmp/mvn.lock like every Maven run here.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
JAVA_HOME=$(bin/find-jdk)
export JAVA_HOME
flock -w 900 /tmp/mvn.lock ./mvnw -B -q -o install -DskipTests >/dev/null 2>&1
flock -w 900 /tmp/mvn.lock ./mvnw -B -o -pl app test \
  -Dtest='AgentWidgetBrowserTests#furtherWidgetsJoinTheAgentsSessionAndShowTheCachedProfileWithoutALogin' \
  -Dsurefire.failIfNoSpecifiedTests=false >/tmp/profile-bridge-widget-bench.log 2>&1 \
  || { tail -40 /tmp/profile-bridge-widget-bench.log; exit 1; }
line=$(grep -ho 'WIDGET-TIMING.* max [0-9]*' app/target/surefire-reports/*AgentWidgetBrowserTests-output.txt | tail -1)
echo "${line:-no WIDGET-TIMING line found}"
median=$(sed -E 's/.* median ([0-9]+).*/\1/' <<<"$line")
[[ "$median" =~ ^[0-9]+$ ]] || exit 1
(( median <= 1000 )) || { echo "median ${median} ms: above the 1 s target"; exit 2; }
