#!/usr/bin/env bash
# The 3 a.m. region-outage drill (issue 13): RegionOutageDrillBench against two runtimes as deployed
# (eu-west-1 and us-east-1, stand-in vendors, probes on their defaults), with steady traffic of an
# EU tenant (never leaves the EU) and a US tenant, each sent to the region a monitor picks by polling
# the public /health/ready (every POLL_MS, down or up after DOWN_AFTER polls in a row). It takes one
# EU upstream down, then every EU upstream, then kills the EU runtime, each for FAULT s, and brings
# each back. The report gives, per fault, the time to detect and route around it and to recover;
# residency violations (must be 0); what the requests in flight got, by phase; and the joined audit
# timeline's verdict (gaps, chain breaks, the loss the killed runtime recorded).
#
#   bash bench/drill.sh                       # about 6 minutes with the build
#   FAULT=60 POLL_MS=500 bash bench/drill.sh
#
# Needs Java 17 and Maven (offline works once the project built). Report: bench/results/drill.md
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FAULT="${FAULT:-30}"
POLL_MS="${POLL_MS:-1000}"
DOWN_AFTER="${DOWN_AFTER:-2}"
RESULTS_DIR="${RESULTS_DIR:-$ROOT/bench/results}"
mkdir -p "$RESULTS_DIR"
LOG="$RESULTS_DIR/drill.log"
REPORT="$RESULTS_DIR/drill.md"
cd "$ROOT"
# shellcheck source=lib/run-line.sh
. "$ROOT/bench/lib/run-line.sh"
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
STARTED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "[bench] building and running RegionOutageDrillBench (log $LOG)" >&2
STATUS=0
mvn -B -o verify -Dregiongate.e2e.deployed-jvm=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dit.test=RegionOutageDrillBench -Ddrill.fault-seconds="$FAULT" -Ddrill.poll-ms="$POLL_MS" \
    -Ddrill.down-after="$DOWN_AFTER" -Dbench.report="$REPORT.part" >"$LOG" 2>&1 || STATUS=$?
{
    echo "# Region-outage drill"
    echo
    bench_run_line "$STARTED" "$LOAD"
    echo "- command: FAULT=$FAULT POLL_MS=$POLL_MS DOWN_AFTER=$DOWN_AFTER bash bench/drill.sh"
    echo "- verdict: $([ "$STATUS" = 0 ] && echo 'passed (no residency violation)' || echo "FAILED (exit $STATUS, see $LOG)")"
    echo
    cat "$REPORT.part" 2>/dev/null || echo "(no report; see $LOG)"
} >"$REPORT"
rm -f "$REPORT.part"
cat "$REPORT"
exit "$STATUS"
