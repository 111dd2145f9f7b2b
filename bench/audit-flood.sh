#!/usr/bin/env bash
# A flood of bad keys cannot starve the audit trail (issue 11, point 5): AuditFloodBench against the
# runtime as deployed. An async and a sync tenant each send one request every EVERY_MS, first alone,
# then while FLOOD_THREADS clients send unknown keys and no key as fast as they are answered. Reports
# both tenants' p50/p99/max in each run and fails when a tenant's p99 under the flood exceeds twice
# its quiet p99, or the sync tenant got a 503.
#
#   bash bench/audit-flood.sh                 # journal; about 3 minutes with the build
#   KAFKA=true SECONDS_PER_RUN=30 bash bench/audit-flood.sh
#
# Report: bench/results/audit-flood.md
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-20}"
EVERY_MS="${EVERY_MS:-20}"
FLOOD_THREADS="${FLOOD_THREADS:-4}"
KAFKA="${KAFKA:-false}"
RESULTS_DIR="${RESULTS_DIR:-$ROOT/bench/results}"
mkdir -p "$RESULTS_DIR"
LOG="$RESULTS_DIR/audit-flood.log"
REPORT="$RESULTS_DIR/audit-flood.md"
cd "$ROOT"
# shellcheck source=lib/run-line.sh
. "$ROOT/bench/lib/run-line.sh"
echo "[bench] building and running AuditFloodBench (log $LOG)" >&2
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
STATUS=0
mvn -B -o verify -Dregiongate.e2e.deployed-jvm=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dit.test=AuditFloodBench -Dbench.seconds="$SECONDS_PER_RUN" -Dbench.every-ms="$EVERY_MS" \
    -Dbench.flood-threads="$FLOOD_THREADS" -Dbench.kafka="$KAFKA" -Dbench.report="$REPORT.part" >"$LOG" 2>&1 || STATUS=$?
{
    echo "# Audit trail under a flood of bad keys"
    echo
    bench_run_line "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$LOAD"
    echo "- command: SECONDS_PER_RUN=$SECONDS_PER_RUN EVERY_MS=$EVERY_MS FLOOD_THREADS=$FLOOD_THREADS KAFKA=$KAFKA bash bench/audit-flood.sh"
    echo "- verdict: $([ "$STATUS" = 0 ] && echo 'passed (p99 within 2x, no 503)' || echo "FAILED (exit $STATUS, see $LOG)")"
    echo
    cat "$REPORT.part" 2>/dev/null || echo "(no report; see $LOG)"
} >"$REPORT"
rm -f "$REPORT.part"
cat "$REPORT"
exit "$STATUS"
