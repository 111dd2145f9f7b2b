#!/usr/bin/env bash
# The audit trail catches up after a broker outage (issue 11, point 3), in two runs against the
# runtime as deployed and a real KRaft broker:
#  1. AuditDrainBench: the gateway's answer rate (eight clients at full rate, broker up), then the
#     same clients with the broker down for OUTAGE seconds, then, without load, the time until the
#     spool is empty after the broker's return: the drain rate. Fails below 5x the answer rate.
#  2. AuditBrokerOutageIT's load scenario at the issue's full length (eight clients at full rate,
#     the writer's queue cut to 500, the broker stopped for OUTAGE seconds, the load going on while
#     the spool drains): how long after the broker's return the spool was empty (at most 60 s), and
#     the drain rate while the load went on (the writer's own log line).
#
#   bash bench/audit-outage.sh            # about 5 minutes (two builds, two scenarios)
#   OUTAGE=30 bash bench/audit-outage.sh
#
# Needs Java 17 and Maven (offline works once the project built). Report: bench/results/audit-outage.md
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUTAGE="${OUTAGE:-20}"
RESULTS_DIR="${RESULTS_DIR:-$ROOT/bench/results}"
mkdir -p "$RESULTS_DIR"
LOG="$RESULTS_DIR/audit-outage.log"
REPORT="$RESULTS_DIR/audit-outage.md"
cd "$ROOT"
# shellcheck source=lib/run-line.sh
. "$ROOT/bench/lib/run-line.sh"
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "[bench] building and running AuditDrainBench with a ${OUTAGE} s outage (log $RESULTS_DIR/audit-drain.log)" >&2
DRAIN_STATUS=0
mvn -B -o verify -Dregiongate.e2e.deployed-jvm=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dit.test=AuditDrainBench -Dbench.outage-seconds="$OUTAGE" -Dbench.report="$REPORT.drain" \
    >"$RESULTS_DIR/audit-drain.log" 2>&1 || DRAIN_STATUS=$?
echo "[bench] building and running AuditBrokerOutageIT with a ${OUTAGE} s outage (log $LOG)" >&2
STATUS=0
mvn -B -o verify -Dregiongate.e2e.deployed-jvm=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dit.test='AuditBrokerOutageIT#underFullLoad*' -Daudit.outage.seconds="$OUTAGE" >"$LOG" 2>&1 || STATUS=$?
GATEWAY_LOG="$ROOT/citrus-tests/target/e2e/audit-outage/gateway.log"
scenario="$(grep -o '\[e2e\] [0-9]* answers ([0-9]* during a [0-9]* s outage); spool empty [0-9.]* s after the broker.s return' "$LOG" | tail -n 1 || true)"
drain="$(grep -o 'every spooled record was delivered ([0-9]* records in [0-9.]* s, [0-9]* records/s)' "$GATEWAY_LOG" | tail -n 1 || true)"
answers_during="$(sed -n 's/.*(\([0-9]*\) during a \([0-9]*\) s outage).*/\1/p' <<<"$scenario")"
catch_up="$(sed -n 's/.*spool empty \([0-9.]*\) s after.*/\1/p' <<<"$scenario")"
drain_rate="$(sed -n 's/.*, \([0-9]*\) records\/s).*/\1/p' <<<"$drain")"
answer_rate=""
ratio=""
if [ -n "$answers_during" ] && [ -n "$drain_rate" ]; then
    answer_rate="$(awk -v a="$answers_during" -v s="$OUTAGE" 'BEGIN { printf "%.0f", a / s }')"
    ratio="$(awk -v d="$drain_rate" -v a="$answer_rate" 'BEGIN { if (a > 0) printf "%.1f", d / a; else print "n/a" }')"
fi
{
    echo "# Audit trail catch-up after a ${OUTAGE} s broker outage"
    echo
    bench_run_line "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$LOAD" ", after: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- command: OUTAGE=$OUTAGE bash bench/audit-outage.sh"
    echo
    echo "## Drain rate against answer rate (AuditDrainBench): $([ "$DRAIN_STATUS" = 0 ] && echo 'at least 5x: passed' || echo "FAILED (exit $DRAIN_STATUS)")"
    echo
    cat "$REPORT.drain" 2>/dev/null || echo "(no result; see $RESULTS_DIR/audit-drain.log)"
    echo
    echo "## Catch-up under full load (AuditBrokerOutageIT, 8 clients, queue-size 500)"
    echo
    echo "- scenario: ${scenario:-(no result line; see $LOG)}"
    echo "- writer: ${drain:-(no drain line in $GATEWAY_LOG)}"
    echo
    echo "| outage | answered during it | their rate | spool drain rate (load going on) | drain / answer | spool empty after the broker's return (limit 60 s) | scenario |"
    echo "|---|---|---|---|---|---|---|"
    echo "| ${OUTAGE} s | ${answers_during:-?} | ${answer_rate:-?}/s | ${drain_rate:-?}/s | ${ratio:-?} x | ${catch_up:-?} s | $([ "$STATUS" = 0 ] && echo passed || echo "FAILED (exit $STATUS)") |"
} >"$REPORT"
rm -f "$REPORT.drain"
cat "$REPORT"
[ "$STATUS" = 0 ] && exit "$DRAIN_STATUS"
exit "$STATUS"
