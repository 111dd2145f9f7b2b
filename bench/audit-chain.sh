#!/usr/bin/env bash
# What the evidence-grade audit chain costs per record (issue 12): bench/AuditChainBench.java links
# RECORDS records on one thread (the audit writer links under one lock) with the plain SHA-256
# chain, with the HMAC chain and keyed content digests, and with both plus an Ed25519 checkpoint
# every EVERY records (amortised), ROUNDS times each after one warm-up round, and reports the median
# CPU time per record of the linking thread (and the wall time beside it). Needs the jar (mvn -B -o verify -DskipTests builds it).
#
#   bash bench/audit-chain.sh                       # 1-2 minutes
#   RECORDS=200000 ROUNDS=7 EVERY=100 bash bench/audit-chain.sh
#
# Report: bench/results/audit-chain.md
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RECORDS="${RECORDS:-100000}"
ROUNDS="${ROUNDS:-5}"
EVERY="${EVERY:-1000}"
JAR="${JAR:-$ROOT/integration-flows/target/regiongate.jar}"
RESULTS_DIR="${RESULTS_DIR:-$ROOT/bench/results}"
mkdir -p "$RESULTS_DIR"
REPORT="$RESULTS_DIR/audit-chain.md"
cd "$ROOT"
# shellcheck source=lib/run-line.sh
. "$ROOT/bench/lib/run-line.sh"
if [ ! -f "$JAR" ]; then
    echo "[bench] no $JAR: build it first (mvn -B -o verify -DskipTests)" >&2
    exit 2
fi
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
STARTED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
TABLE="$(java -Xmx512m -cp "$JAR" "$ROOT/bench/AuditChainBench.java" "$RECORDS" "$ROUNDS" "$EVERY")"
{
    echo "# Audit chain cost per record"
    echo
    bench_run_line "$STARTED" "$LOAD"
    echo "- command: RECORDS=$RECORDS ROUNDS=$ROUNDS EVERY=$EVERY bash bench/audit-chain.sh"
    echo
    echo "$TABLE"
} >"$REPORT"
cat "$REPORT"
