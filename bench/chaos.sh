#!/usr/bin/env bash
# The hardening scenarios at full size (issue 11): the same ITs the test command runs in a reduced
# form, against the runtime as deployed, with their sizes raised through regiongate.chaos.* properties.
#  1. HostileInputIT: HOSTILE requests of the generated hostile corpus from 8 clients at once:
#     no 5xx, the gateway healthy after, every request the chat flow answered in the trail.
#  2. ClientsCannotPinTheGatewayIT: STALLED never-reading streams over WORKERS worker threads and
#     SLOW_BODIES bodies that never end: health answers, the other tenant is served, every stalled
#     stream is recorded client_stalled, every slow body gets 408.
#  3. ResidencyUnderChaosIT: RESIDENCY requests of EU and US tenants while the EU vendor flaps and
#     the EU runtime is killed (kill -9) and restarted: no EU prompt, hash or log line in the US runtime.
#  4. QuotaCountersAcrossClusterSplitIT: a quota cluster split and healed under admissions.
# The audit trail's outage, flood and crash runs are bench/audit-outage.sh and bench/audit-flood.sh.
#
#   bash bench/chaos.sh                                   # about 10 minutes with the build
#   HOSTILE=2000 STALLED=100 bash bench/chaos.sh          # smaller
#
# Needs Java 17 and Maven (offline works once the project built). Report: bench/results/chaos.md
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOSTILE="${HOSTILE:-10000}"
WORKERS="${WORKERS:-200}"
STALLED="${STALLED:-300}"
SLOW_BODIES="${SLOW_BODIES:-500}"
RESIDENCY="${RESIDENCY:-2000}"
RESULTS_DIR="${RESULTS_DIR:-$ROOT/bench/results}"
mkdir -p "$RESULTS_DIR"
LOG="$RESULTS_DIR/chaos.log"
REPORT="$RESULTS_DIR/chaos.md"
cd "$ROOT"
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
STARTED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
SCENARIOS="HostileInputIT,ClientsCannotPinTheGatewayIT,ResidencyUnderChaosIT,QuotaCountersAcrossClusterSplitIT"
echo "[bench] building and running $SCENARIOS at full size (log $LOG)" >&2
STATUS=0
mvn -B -o verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dit.test="$SCENARIOS" \
    -Dregiongate.chaos.hostile-requests="$HOSTILE" \
    -Dregiongate.chaos.workers="$WORKERS" -Dregiongate.chaos.stalled-streams="$STALLED" \
    -Dregiongate.chaos.slow-bodies="$SLOW_BODIES" \
    -Dregiongate.chaos.residency-requests="$RESIDENCY" >"$LOG" 2>&1 || STATUS=$?
verdict() {
    local line
    line="$(grep -a "Tests run:.* in io.regiongate.e2e.$1\$" "$LOG" | tail -1)"
    if [ -z "$line" ]; then
        echo "not run"
    elif echo "$line" | grep -q "Failures: 0, Errors: 0"; then
        echo "passed (${line##*Time elapsed: }"
    else
        echo "FAILED: ${line#*Tests run: }"
    fi
}
{
    echo "# Hardening scenarios at full size"
    echo
    echo "- date: $STARTED; git $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'); $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); $(java -version 2>&1 | head -1); load average before: $LOAD"
    echo "- command: HOSTILE=$HOSTILE WORKERS=$WORKERS STALLED=$STALLED SLOW_BODIES=$SLOW_BODIES RESIDENCY=$RESIDENCY bash bench/chaos.sh"
    echo
    echo "| scenario | size | verdict |"
    echo "|---|---|---|"
    echo "| HostileInputIT | $HOSTILE hostile requests, 8 clients | $(verdict HostileInputIT) |"
    echo "| ClientsCannotPinTheGatewayIT | $STALLED stalled streams over $WORKERS workers, $SLOW_BODIES endless bodies | $(verdict ClientsCannotPinTheGatewayIT) |"
    echo "| ResidencyUnderChaosIT | $RESIDENCY requests, EU vendor flapping, EU runtime killed and restarted | $(verdict ResidencyUnderChaosIT) |"
    echo "| QuotaCountersAcrossClusterSplitIT | a split and a heal | $(verdict QuotaCountersAcrossClusterSplitIT) |"
    echo
    echo "What the scenarios printed:"
    echo
    echo '```'
    grep -a "^\[e2e\]" "$LOG" | grep -v "starting /" || true
    echo '```'
} >"$REPORT"
cat "$REPORT"
exit "$STATUS"
