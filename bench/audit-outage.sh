#!/usr/bin/env bash
# The audit trail catches up after a broker outage (issue 11, point 3), at the issue's full length:
# AuditBrokerOutageIT's load scenario (eight clients at full rate against the runtime as deployed,
# the writer's queue cut to 500, a real KRaft broker stopped for OUTAGE seconds, then restarted)
# with OUTAGE=20 instead of the suite's 10. Reports how long after the broker's return the spool
# was empty (the scenario requires at most 60 s), the answer rate during the outage and the rate
# the spool drained at (the writer's own figure, measured from the first replay that got through
# to the empty spool, while the load went on), and their ratio.
#
#   bash bench/audit-outage.sh            # about 3 minutes (the build, then the scenario)
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
echo "[bench] building and running AuditBrokerOutageIT with a ${OUTAGE} s outage (log $LOG)" >&2
STATUS=0
mvn -B -o verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
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
    echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ); git $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'); $(nproc) CPUs; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- command: OUTAGE=$OUTAGE bash bench/audit-outage.sh (AuditBrokerOutageIT, 8 clients, queue-size 500)"
    echo "- scenario: ${scenario:-(no result line; see $LOG)}"
    echo "- writer: ${drain:-(no drain line in $GATEWAY_LOG)}"
    echo
    echo "| outage | answered during it | answer rate | spool drain rate (load going on) | drain / answer | spool empty after the broker's return (limit 60 s) | scenario |"
    echo "|---|---|---|---|---|---|---|"
    echo "| ${OUTAGE} s | ${answers_during:-?} | ${answer_rate:-?}/s | ${drain_rate:-?}/s | ${ratio:-?} x | ${catch_up:-?} s | $([ "$STATUS" = 0 ] && echo passed || echo "FAILED (exit $STATUS)") |"
} >"$REPORT"
cat "$REPORT"
exit "$STATUS"
