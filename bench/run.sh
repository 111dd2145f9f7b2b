#!/usr/bin/env bash
# RegionGate throughput/latency benchmark: the gateway in front of the simulated vendor, compared with
# the simulated vendor on its own. Everything runs on 127.0.0.1 and for a bounded time.
#
#   bash bench/run.sh
#
# Knobs (environment variables), defaults in brackets:
#   DURATION [20s]          length of each measured wrk run
#   WARMUP [5s]             wrk warm-up per target before measuring (not reported)
#   CONNECTIONS ["16 64"]   wrk connection counts, one measured run per target and count
#   THREADS [2]             wrk threads
#   WRK_TIMEOUT [5s]        wrk per-request timeout (timeouts are reported as socket errors)
#   TTFT_REQUESTS [200]     sequential streaming requests per target for time-to-first-token; 0 skips
#   SIM_NODELAY [1]         0 turns TCP_NODELAY off in the simulator, to show the ~40 ms Nagle stall (see README)
#   JAR [integration-flows/target/regiongate.jar]   the runnable jar (built with Maven when missing)
#   GATEWAY_JAVA_OPTS / SIM_JAVA_OPTS []            extra JVM options
#   RESULTS_DIR [bench/results]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-5s}"
CONNECTIONS="${CONNECTIONS:-16 64}"
THREADS="${THREADS:-2}"
WRK_TIMEOUT="${WRK_TIMEOUT:-5s}"
TTFT_REQUESTS="${TTFT_REQUESTS:-200}"
SIM_NODELAY="${SIM_NODELAY:-1}"
JAR="${JAR:-$ROOT/integration-flows/target/regiongate.jar}"
GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:-}"
SIM_JAVA_OPTS="${SIM_JAVA_OPTS:-}"
RESULTS_DIR="${RESULTS_DIR:-$ROOT/bench/results}"

COMMAND="DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=\"$CONNECTIONS\" THREADS=$THREADS TTFT_REQUESTS=$TTFT_REQUESTS SIM_NODELAY=$SIM_NODELAY bash bench/run.sh"
API_KEY="rg-bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
MODEL="gpt-4o-mini"

log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- tools
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }
if ! command -v wrk >/dev/null 2>&1; then
    log "installing wrk with apt-get"
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; then
        as_root apt-get update -q >/dev/null
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null
    fi
fi
command -v wrk >/dev/null || die "wrk is not installed"
command -v python3 >/dev/null || die "python3 is required (parsing, ports, time-to-first-token)"
command -v curl >/dev/null || die "curl is required"
command -v java >/dev/null || die "java is required"

if [ ! -f "$JAR" ]; then
    log "$JAR missing: building with mvn -q -B -DskipTests install"
    (cd "$ROOT" && mvn -q -B -DskipTests install)
    [ -f "$JAR" ] || die "the build did not produce $JAR"
fi

# ---------------------------------------------------------------- processes and cleanup
WORK="$(mktemp -d /tmp/regiongate-bench.XXXXXX)"
PIDS=()
cleanup() {
    local rc=$?
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    if [ $rc -ne 0 ]; then
        log "failed (exit $rc); process logs:"
        for f in "$WORK"/*.log; do [ -f "$f" ] && { echo "---- $f" >&2; tail -n 30 "$f" >&2; }; done
    fi
    rm -rf "$WORK"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

SIM_PORT="$(free_port)"
GW_PORT="$(free_port)"
while [ "$GW_PORT" = "$SIM_PORT" ]; do GW_PORT="$(free_port)"; done
SIM_URL="http://127.0.0.1:$SIM_PORT/v1"
GW_URL="http://127.0.0.1:$GW_PORT/v1"
UPSTREAM_ID="bench-upstream-$SIM_PORT"

# ---- simulated vendor
SIM_FLAGS=()
[ "$SIM_NODELAY" = 0 ] && SIM_FLAGS+=(-Dsun.net.httpserver.nodelay=false)
# shellcheck disable=SC2086
java $SIM_JAVA_OPTS "${SIM_FLAGS[@]}" -cp "$JAR" io.regiongate.runtime.SimulatorMain \
    --port "$SIM_PORT" --chunk-interval 0ms >"$WORK/simulator.log" 2>&1 &
SIM_PID=$!
PIDS+=("$SIM_PID")
for _ in $(seq 100); do
    grep -q "simulated upstream on $SIM_URL" "$WORK/simulator.log" 2>/dev/null && break
    kill -0 "$SIM_PID" 2>/dev/null || die "the simulator exited"
    sleep 0.1
done
grep -q "simulated upstream on $SIM_URL" "$WORK/simulator.log" || die "the simulator did not start on $SIM_PORT"
log "simulator on $SIM_URL (pid $SIM_PID)"

# ---- gateway
KEY_SHA256="$(printf '%s' "$API_KEY" | sha256sum | cut -d' ' -f1)"
cat >"$WORK/regiongate-bench.yaml" <<EOF
# Written by bench/run.sh: one region, one OpenAI-compatible upstream (the standalone simulator).
region: eu-west-1
listen: {host: 127.0.0.1, port: $GW_PORT}
zones:
  eu: [eu-west-1]
upstreams:
  - id: $UPSTREAM_ID
    region: eu-west-1
    type: openai
    base-url: $SIM_URL
    models: [$MODEL]
tenants:
  - id: bench-tenant
    api-key-sha256: $KEY_SHA256
    home-zone: eu
    cross-border: never
hazelcast: {mode: embedded}
audit:
  journal: $WORK/audit
EOF
# shellcheck disable=SC2086
(cd "$WORK" && exec java $GATEWAY_JAVA_OPTS -jar "$JAR" --config "$WORK/regiongate-bench.yaml") \
    >"$WORK/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=("$GW_PID")
ready=""
for _ in $(seq 240); do
    kill -0 "$GW_PID" 2>/dev/null || die "the gateway exited during start-up"
    code="$(curl -s -o "$WORK/ready.json" -w '%{http_code}' "http://127.0.0.1:$GW_PORT/health/ready" || true)"
    # Our own gateway names our upstream id; anything else on this port is not ours.
    if [ "$code" = 200 ] && grep -q "\"$UPSTREAM_ID\"" "$WORK/ready.json"; then ready=1; break; fi
    sleep 0.25
done
[ -n "$ready" ] || die "the gateway did not become ready on port $GW_PORT within 60 s"
log "gateway on $GW_URL (pid $GW_PID) ready"

BODY="{\"model\":\"$MODEL\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello from the benchmark\"}]}"
for target in "$GW_URL" "$SIM_URL"; do
    code="$(curl -s -o "$WORK/smoke.json" -w '%{http_code}' "$target/chat/completions" \
        -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' -d "$BODY" || true)"
    [ "$code" = 200 ] || { cat "$WORK/smoke.json" >&2; die "smoke request to $target answered $code"; }
done

# ---------------------------------------------------------------- wrk
cat >"$WORK/post.lua" <<EOF
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $API_KEY"

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
EOF
# Only used after a run with errors: prints the first few non-2xx bodies per thread.
cat "$WORK/post.lua" >"$WORK/capture.lua"
cat >>"$WORK/capture.lua" <<'EOF'
local captured = 0
response = function(status, headers, body)
  if status >= 300 and captured < 3 then
    captured = captured + 1
    io.write("NON2XX status=" .. status .. " body=" .. string.sub(body or "", 1, 400) .. "\n")
  end
end
EOF

TS="$(date -u +%Y%m%dT%H%M%SZ)"
RUN_DIR="$RESULTS_DIR/$TS"
mkdir -p "$RUN_DIR"
cp "$WORK/regiongate-bench.yaml" "$RUN_DIR/regiongate-bench.yaml"
ROWS="$WORK/rows.tsv"
: >"$ROWS"
CAPTURES="$WORK/captures.txt"
: >"$CAPTURES"

max_conn=0
for c in $CONNECTIONS; do [ "$c" -gt "$max_conn" ] && max_conn=$c; done
log "warm-up: $WARMUP per target at $max_conn connections"
wrk -t"$THREADS" -c"$max_conn" -d"$WARMUP" --timeout "$WRK_TIMEOUT" -s "$WORK/post.lua" "$GW_URL/chat/completions" >"$RUN_DIR/warmup-gateway.txt"
wrk -t"$THREADS" -c"$max_conn" -d"$WARMUP" --timeout "$WRK_TIMEOUT" -s "$WORK/post.lua" "$SIM_URL/chat/completions" >"$RUN_DIR/warmup-direct.txt"

for c in $CONNECTIONS; do
    for target in direct gateway; do
        if [ "$target" = gateway ]; then url="$GW_URL/chat/completions"; else url="$SIM_URL/chat/completions"; fi
        out="$RUN_DIR/wrk-$target-c$c.txt"
        log "measuring $target, $c connections, $DURATION"
        wrk -t"$THREADS" -c"$c" -d"$DURATION" --timeout "$WRK_TIMEOUT" --latency -s "$WORK/post.lua" "$url" >"$out"
        result="$(grep '^RESULT ' "$out")" || die "no RESULT line in $out"
        non2xx="$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$out")"
        non2xx="${non2xx:-0}"
        printf '%s\t%s\t%s\t%s\n' "$target" "$c" "$non2xx" "$result" >>"$ROWS"
        # socket errors = connect+read+write+timeout from the RESULT line
        errs="$(python3 -c 'import sys; kv=dict(p.split("=") for p in sys.argv[1].split()[1:]); print(sum(int(kv[k]) for k in ("connect","read","write","timeout")))' "$result")"
        if [ "$non2xx" != 0 ] || [ "$errs" != 0 ]; then
            log "$target c=$c: $non2xx non-2xx responses, $errs socket errors; capturing bodies (3 s)"
            {
                echo "### $target, $c connections"
                wrk -t"$THREADS" -c"$c" -d3s --timeout "$WRK_TIMEOUT" -s "$WORK/capture.lua" "$url" | grep -E '^NON2XX|Non-2xx|Socket errors' || echo "(none reproduced in the capture run)"
            } >>"$CAPTURES"
        fi
    done
done

# ---------------------------------------------------------------- time to first token (streaming)
TTFT_JSON="$WORK/ttft.json"
echo '[]' >"$TTFT_JSON"
if [ "$TTFT_REQUESTS" -gt 0 ]; then
    log "time to first token: $TTFT_REQUESTS sequential streaming requests per target"
    python3 - "$TTFT_REQUESTS" "$API_KEY" "$MODEL" "$TTFT_JSON" "gateway=$GW_PORT" "direct=$SIM_PORT" <<'PY'
import http.client, json, sys, time

n, key, model, out = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
targets = [a.split("=") for a in sys.argv[5:]]
body = json.dumps({"model": model, "stream": True,
                   "messages": [{"role": "user", "content": "Say hello from the benchmark"}]})
headers = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}

def one(conn):
    start = time.perf_counter()
    conn.request("POST", "/v1/chat/completions", body=body, headers=headers)
    resp = conn.getresponse()
    if resp.status != 200:
        raise RuntimeError("status %d: %s" % (resp.status, resp.read()[:300]))
    first = None
    done = False
    while True:
        line = resp.readline()
        if not line:
            break
        if line.startswith(b"data:"):
            if first is None:
                first = time.perf_counter() - start
            if line.strip() == b"data: [DONE]":
                done = True
    resp.read()
    total = time.perf_counter() - start
    if first is None or not done:
        raise RuntimeError("stream without data lines or without [DONE]")
    return first, total

def pct(values, p):
    s = sorted(values)
    return s[max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))]

results = []
for name, port in targets:
    conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
    firsts, totals, errors, samples = [], [], 0, []
    for i in range(n + 20):                      # the first 20 are warm-up
        try:
            f, t = one(conn)
        except Exception as e:                   # count, reconnect, keep going
            errors += 1
            samples.append(str(e)[:300])
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
            continue
        if i >= 20:
            firsts.append(f * 1000)
            totals.append(t * 1000)
    conn.close()
    r = {"target": name, "requests": len(firsts), "errors": errors, "error_samples": samples[:3]}
    if firsts:
        r.update(ttft_p50=pct(firsts, 50), ttft_p99=pct(firsts, 99),
                 total_p50=pct(totals, 50), total_p99=pct(totals, 99))
    results.append(r)
json.dump(results, open(out, "w"))
PY
fi

# ---------------------------------------------------------------- report
JAVA_VERSION="$(java -version 2>&1 | head -n 3)"
WRK_VERSION="$(wrk -v 2>&1 | head -n 1 || true)"
CPU_MODEL="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
MEM_TOTAL="$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
GIT_REV="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
REPORT="$RUN_DIR/report.md"

python3 - "$ROWS" "$TTFT_JSON" "$CAPTURES" >"$WORK/tables.md" <<'PY'
import json, sys
rows, ttft_file, captures_file = sys.argv[1:4]
data = {}
order = []
for line in open(rows):
    target, conns, non2xx, result = line.rstrip("\n").split("\t")
    kv = dict(p.split("=") for p in result.split()[1:])
    kv = {k: int(v) for k, v in kv.items()}
    kv["rps"] = kv["requests"] / (kv["duration_us"] / 1e6)
    kv["non2xx"] = int(non2xx)
    kv["sock"] = kv["connect"] + kv["read"] + kv["write"] + kv["timeout"]
    data[(target, conns)] = kv
    order.append((target, conns))

ms = lambda us: "%.2f" % (us / 1000.0)
print("| target | connections | req/s | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | requests | non-2xx | socket errors |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for key in order:
    r = data[key]
    name = "gateway → simulator" if key[0] == "gateway" else "simulator direct"
    print("| %s | %s | %.0f | %s | %s | %s | %s | %d | %d | %d |" % (
        name, key[1], r["rps"], ms(r["p50_us"]), ms(r["p90_us"]), ms(r["p99_us"]), ms(r["max_us"]),
        r["requests"], r["non2xx"], r["sock"]))
print()
print("Gateway overhead (gateway minus direct, same connection count):")
print()
print("| connections | req/s gateway / direct | Δ req/s | Δ p50 (ms) | Δ p99 (ms) |")
print("|---:|---:|---:|---:|---:|")
for target, conns in order:
    if target != "gateway" or ("direct", conns) not in data:
        continue
    g, d = data[("gateway", conns)], data[("direct", conns)]
    print("| %s | %.1f %% | %+.0f | %+.2f | %+.2f |" % (
        conns, 100.0 * g["rps"] / d["rps"], g["rps"] - d["rps"],
        (g["p50_us"] - d["p50_us"]) / 1000.0, (g["p99_us"] - d["p99_us"]) / 1000.0))

ttft = json.load(open(ttft_file))
if ttft:
    print()
    print("Streaming (`\"stream\": true`), sequential requests on one keep-alive connection; "
          "time to first `data:` line and to `data: [DONE]`:")
    print()
    print("| target | requests | errors | TTFT p50 (ms) | TTFT p99 (ms) | full stream p50 (ms) | full stream p99 (ms) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    by = {r["target"]: r for r in ttft}
    for r in ttft:
        name = "gateway → simulator" if r["target"] == "gateway" else "simulator direct"
        if r["requests"]:
            print("| %s | %d | %d | %.2f | %.2f | %.2f | %.2f |" % (name, r["requests"], r["errors"],
                  r["ttft_p50"], r["ttft_p99"], r["total_p50"], r["total_p99"]))
        else:
            print("| %s | 0 | %d | – | – | – | – |" % (name, r["errors"]))
    if "gateway" in by and "direct" in by and by["gateway"]["requests"] and by["direct"]["requests"]:
        g, d = by["gateway"], by["direct"]
        print("| **overhead** | | | %+.2f | %+.2f | %+.2f | %+.2f |" % (
            g["ttft_p50"] - d["ttft_p50"], g["ttft_p99"] - d["ttft_p99"],
            g["total_p50"] - d["total_p50"], g["total_p99"] - d["total_p99"]))
    for r in ttft:
        for s in r["error_samples"]:
            print("\nStreaming error sample (%s): `%s`" % (r["target"], s))

captures = open(captures_file).read().strip()
print()
if captures:
    print("**Errors under load** — bodies captured in a short re-run:")
    print()
    print("```")
    print(captures)
    print("```")
else:
    print("No non-2xx responses and no socket errors in any measured run.")
PY

{
    echo "# RegionGate benchmark — $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo
    echo "Command: \`$COMMAND\` (from the repository root)"
    echo
    echo "Each measured run: \`wrk -t$THREADS -c<connections> -d$DURATION --timeout $WRK_TIMEOUT --latency\`, POST /v1/chat/completions"
    echo "(non-streaming, model $MODEL, bearer key), after a $WARMUP warm-up per target. Percentiles are wrk's exact"
    echo "per-request values (Lua \`done()\`). \"simulator direct\" is the same simulated vendor without the gateway"
    echo "in front; the gateway forwards to it over HTTP as an OpenAI-type upstream (bench config: \`regiongate-bench.yaml\`"
    echo "next to the raw wrk output)."
    echo
    cat "$WORK/tables.md"
    echo
    echo "## Machine"
    echo
    echo "- CPUs (nproc): $(nproc) — $CPU_MODEL"
    echo "- Memory: $MEM_TOTAL"
    echo "- Kernel: $(uname -sr)"
    echo "- wrk: $WRK_VERSION"
    echo "- RegionGate: git HEAD $GIT_REV at run time, jar ${JAR#"$ROOT"/} ($(date -u -r "$JAR" '+%Y-%m-%d %H:%M UTC'))"
    echo "- Simulator JVM flags: ${SIM_FLAGS[*]:-(none)} ${SIM_JAVA_OPTS}; gateway JVM flags: ${GATEWAY_JAVA_OPTS:-(none)}"
    echo "- Java:"
    echo
    echo '```'
    echo "$JAVA_VERSION"
    echo '```'
    echo
    echo "wrk, gateway and simulator share these CPUs: absolute numbers are a lower bound for each"
    echo "component; compare the gateway and direct rows with each other. Raw wrk output: \`${RUN_DIR#"$ROOT"/}/\`."
} >"$REPORT"

cp "$REPORT" "$RESULTS_DIR/latest.md"
cat "$REPORT"
log "written to ${RESULTS_DIR#"$ROOT"/}/latest.md"
