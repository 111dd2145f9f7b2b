#!/usr/bin/env bash
# What TLS on the API listener costs: one gateway with plain HTTP and one with listen.tls (a test
# certificate made here with keytool), both in front of the standalone simulated vendor, measured in
# the same run with wrk, variants alternating round by round (A B B A ...). For each: requests/s,
# latency p50/p99, and the gateway's CPU time per request (from /proc/<pid>/stat), with connections
# kept alive (one handshake per connection) and with "Connection: close" (a handshake per request).
# Everything runs on 127.0.0.1, for a bounded time, and stops by itself.
#
#   bash bench/tls.sh                                  # about 3 minutes
#   DURATION=20s ROUNDS=3 CONNECTIONS=16 bash bench/tls.sh
#
# Knobs: DURATION [10s] per measured run, WARMUP [5s] per variant, CONNECTIONS [16], ROUNDS [2],
#   THREADS [2], BENCH_TMP [/tmp], JAR [integration-flows/target/regiongate.jar], RESULTS_DIR [bench/results]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/run-line.sh
source "$ROOT/bench/lib/run-line.sh"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-5s}"
CONNECTIONS="${CONNECTIONS:-16}"
ROUNDS="${ROUNDS:-2}"
THREADS="${THREADS:-2}"
BENCH_TMP="${BENCH_TMP:-/tmp}"
JAR="${JAR:-$ROOT/integration-flows/target/regiongate.jar}"
RESULTS_DIR="${RESULTS_DIR:-$ROOT/bench/results}"
COMMAND="DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=$CONNECTIONS ROUNDS=$ROUNDS THREADS=$THREADS bash bench/tls.sh"
MODEL="gpt-4o-mini"
REGION="eu-west-1"
BODY="{\"model\":\"$MODEL\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello from the TLS benchmark\"}]}"
STARTED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

log() { printf '[bench-tls %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

command -v wrk >/dev/null 2>&1 || { log "installing wrk"; apt-get install -y -q wrk >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }; }
for tool in wrk curl python3 java keytool; do command -v "$tool" >/dev/null || die "$tool is required"; done
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -B -DskipTests package) || die "cannot build $JAR"

WORK="$(mktemp -d "$BENCH_TMP/regiongate-bench-tls.XXXXXX")"
PIDS=()
cleanup() {
    local rc=$?
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    [ $rc -ne 0 ] && for f in "$WORK"/*.log; do [ -f "$f" ] && { echo "---- $f" >&2; tail -n 20 "$f" >&2; }; done
    rm -rf "$WORK"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
CLK_TCK="$(getconf CLK_TCK)"

# ---- the test certificate and the tenant
PASSWORD="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
keytool -genkeypair -alias gateway -keyalg EC -groupname secp256r1 -dname CN=gateway -ext SAN=ip:127.0.0.1,dns:localhost \
    -validity 2 -storetype PKCS12 -keystore "$WORK/gateway.p12" -storepass "$PASSWORD" -keypass "$PASSWORD" >/dev/null 2>&1
KEY="rg-bench-tls-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
SHA="$(printf '%s' "$KEY" | sha256sum | cut -d' ' -f1)"
for mode in keepalive close; do
    {
        echo "wrk.method = \"POST\""
        echo "wrk.body = '$BODY'"
        echo "wrk.headers[\"Content-Type\"] = \"application/json\""
        echo "wrk.headers[\"Authorization\"] = \"Bearer $KEY\""
        [ "$mode" = close ] && echo "wrk.headers[\"Connection\"] = \"close\""
        cat <<'EOF'
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d status=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
EOF
    } >"$WORK/post-$mode.lua"
done

# ---- the simulated vendor
SIM_PORT="$(port)"
java -cp "$JAR" io.regiongate.runtime.SimulatorMain --port "$SIM_PORT" --chunk-interval 0ms >"$WORK/simulator.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 100); do grep -q "simulated upstream on" "$WORK/simulator.log" 2>/dev/null && break; sleep 0.1; done
grep -q "simulated upstream on" "$WORK/simulator.log" || die "the simulator did not start"

# ---- two gateways: plain and TLS
declare -A URL PID
start_gateway() { # <name> <listen-extra>
    local name=$1 extra=$2 p admin hz cfg scheme=http
    p="$(port)"; admin="$(port)"; hz="$(port)"
    [ -n "$extra" ] && scheme=https
    cfg="$WORK/regiongate-$name.yaml"
    cat >"$cfg" <<EOF
region: $REGION
listen: {host: 127.0.0.1, port: $p$extra}
admin: {listen: {host: 127.0.0.1, port: $admin}}
zones:
  eu: [$REGION]
upstreams:
  - {id: bench-vendor, region: $REGION, type: openai, base-url: "http://127.0.0.1:$SIM_PORT/v1", models: [$MODEL]}
tenants:
  - {id: bench, api-key-sha256: $SHA, home-zone: eu}
probe: {enabled: false}
hazelcast: {mode: embedded, port: $hz, members: ["127.0.0.1:$hz"], cluster-name: regiongate-$REGION.benchtls$name}
audit:
  journal: "$WORK/audit-$name"
EOF
    (cd "$WORK" && GATEWAY_KEYSTORE_PASSWORD="$PASSWORD" exec java -jar "$JAR" --config "$cfg") >"$WORK/gateway-$name.log" 2>&1 &
    PID[$name]=$!
    PIDS+=("${PID[$name]}")
    URL[$name]="$scheme://127.0.0.1:$p/v1/chat/completions"
    for _ in $(seq 240); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$admin/health/ready" || true)" = 200 ] && break
        kill -0 "${PID[$name]}" 2>/dev/null || die "gateway $name exited"
        sleep 0.25
    done
    [ "$(curl -sk -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
        -d "$BODY" "${URL[$name]}")" = 200 ] || die "gateway $name does not answer 200"
    log "gateway $name on ${URL[$name]} (pid ${PID[$name]})"
}
start_gateway plain ""
start_gateway tls ", tls: {keystore: \"$WORK/gateway.p12\", keystore-password-env: GATEWAY_KEYSTORE_PASSWORD}"

# ---- runs: <name> <mode> <duration> -> "requests seconds p50_us p99_us errors cpu_seconds"
run() {
    local name=$1 mode=$2 d=$3 before after out
    before="$(cpu_ticks "${PID[$name]}")"
    out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$d" --timeout 10s -s "$WORK/post-$mode.lua" "${URL[$name]}")"
    after="$(cpu_ticks "${PID[$name]}")"
    python3 - "$out" "$before" "$after" "$CLK_TCK" <<'EOF'
import re, sys
line = next(l for l in sys.argv[1].splitlines() if l.startswith("RESULT "))
f = dict(kv.split("=") for kv in line.split()[1:])
cpu = (int(sys.argv[3]) - int(sys.argv[2])) / int(sys.argv[4])
print(f["requests"], int(f["duration_us"]) / 1e6, f["p50_us"], f["p99_us"], int(f["errors"]) + int(f["status"]), cpu)
EOF
}
for name in plain tls; do for mode in keepalive close; do log "warm-up $name/$mode"; run "$name" "$mode" "$WARMUP" >/dev/null; done; done
RESULTS="$WORK/results.tsv"; : >"$RESULTS"
for r in $(seq "$ROUNDS"); do
    order="plain tls"; [ $((r % 2)) = 0 ] && order="tls plain"
    for mode in keepalive close; do
        for name in $order; do
            log "round $r: $name/$mode"
            echo "$name $mode $(run "$name" "$mode" "$DURATION")" >>"$RESULTS"
        done
    done
done

# ---- report
mkdir -p "$RESULTS_DIR"
REPORT="$RESULTS_DIR/tls-$(date -u +%Y%m%dT%H%M%SZ).md"
{
    echo "# TLS on the API listener"
    echo
    bench_run_line "$STARTED" "$LOAD_BEFORE" "; command: \`$COMMAND\`"
    echo
    python3 - "$RESULTS" "$CONNECTIONS" <<'EOF'
import sys
rows = {}
for line in open(sys.argv[1]):
    name, mode, req, sec, p50, p99, err, cpu = line.split()
    r = rows.setdefault((name, mode), [0, 0.0, [], [], 0, 0.0])
    r[0] += int(req); r[1] += float(sec); r[2].append(int(p50)); r[3].append(int(p99)); r[4] += int(err); r[5] += float(cpu)
print("| listener | connections | requests/s | latency p50 / p99 | gateway CPU per request | errors |")
print("|---|---|---|---|---|---|")
for mode, what in (("keepalive", "kept alive"), ("close", "new per request")):
    for name in ("plain", "tls"):
        r = rows[(name, mode)]
        print("| %s | %s %s | %.0f | %.2f / %.2f ms | %.0f µs | %d |" % ("plain HTTP" if name == "plain" else "listen.tls",
              sys.argv[2], what, r[0] / r[1], sorted(r[2])[len(r[2]) // 2] / 1000, max(r[3]) / 1000, r[5] / r[0] * 1e6, r[4]))
EOF
} >"$REPORT"
cat "$REPORT"
log "report: $REPORT"
