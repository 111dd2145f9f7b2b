#!/usr/bin/env bash
# The quota ledger's own cost: admission plus settlement on the region's embedded Hazelcast member,
# one thread, no HTTP and no Camel (bench/QuotaLedgerCost.java). The request-level cost of the quota
# step, with everything else, is bench/run.sh's `quota` part.
#
#   bash bench/quota-ledger.sh
#
# Knobs (environment variables), defaults in brackets:
#   ROUNDS [6]          rounds, the first one a warm-up
#   PER_ROUND [20000]   admit + settle pairs per round
#   JAR [integration-flows/target/regiongate.jar]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${ROUNDS:-6}"
PER_ROUND="${PER_ROUND:-20000}"
JAR="${JAR:-$ROOT/integration-flows/target/regiongate.jar}"
[ -f "$JAR" ] || { echo "no $JAR: build it first (mvn -o -B -DskipTests package)" >&2; exit 1; }
# shellcheck source=lib/run-line.sh
. "$ROOT/bench/lib/run-line.sh"
STARTED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "# Quota ledger benchmark"
echo
bench_run_line "$STARTED" "$LOAD"
echo
cd "$ROOT"
java -cp "$JAR" "$ROOT/bench/QuotaLedgerCost.java" "$ROUNDS" "$PER_ROUND" 2>/dev/null
echo
echo "- load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
