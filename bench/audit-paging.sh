#!/usr/bin/env bash
# Audit trail paging benchmark (issue 13): pages of audit_event over 100,000 rows on the machine's
# PostgreSQL (127.0.0.1:5432, a database of its own, dropped afterwards), keyset pages by cursor
# against OFFSET at the same depth, with the EXPLAIN of each query.
#
#   bench/audit-paging.sh                          # about 2 minutes after the build; prints the table
#   bench/audit-paging.sh -Daudit.bench.rows=1000000
#
# It runs AuditPagingBenchmark (app/src/test/.../audit), which is not part of the test suite (its
# name does not end in Tests) and asserts behaviour only. Report: app/target/audit-paging-benchmark.md.
# Holds /tmp/pb-maven.lock like every Maven run on the shared machines.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
JAVA_HOME=$(bin/find-jdk)
export JAVA_HOME
timeout 1800 flock /tmp/pb-maven.lock timeout 1200 ./mvnw -B -ntp -o -q -pl app -am verify \
  -Dtest=AuditPagingBenchmark -Dsurefire.failIfNoSpecifiedTests=false "$@" >/tmp/profile-bridge-audit-bench.log 2>&1 \
  || { tail -40 /tmp/profile-bridge-audit-bench.log; exit 1; }
cat app/target/audit-paging-benchmark.md
