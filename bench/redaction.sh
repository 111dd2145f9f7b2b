#!/usr/bin/env bash
# PII redaction: the redact-prompt step's own cost (1 KB, 10 KB, 100 KB prompts, GDPR profile), and
# its effect on a stream's time to first token, with and without a redaction profile that applies
# to the answer.
#
#   bash bench/redaction.sh
#
# Knobs (environment variables), defaults in brackets:
#   ITERATIONS [3000]        step cost: measured runs per size (100 KB: a tenth), after as many warm-up runs
#   JVMS [5]                 step cost: fresh JVMs it is measured in (the figures of one JVM vary; see below)
#   STREAMS [200]            ttft: sequential streamed requests per tenant (after 20 warm-up ones)
#   CHUNK_INTERVAL [20ms]    ttft: the simulator's pause between chunks
#   JAR [integration-flows/target/regiongate.jar]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ITERATIONS="${ITERATIONS:-3000}"
JVMS="${JVMS:-5}"
STREAMS="${STREAMS:-200}"
CHUNK_INTERVAL="${CHUNK_INTERVAL:-20ms}"
JAR="${JAR:-$ROOT/integration-flows/target/regiongate.jar}"
MODEL="gpt-4o"
REGION="eu-west-1"

log() { printf '[redaction] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
[ -f "$JAR" ] || die "no $JAR: build it first (mvn -o -B -DskipTests package)"
command -v python3 >/dev/null || die "python3 is required"
command -v curl >/dev/null || die "curl is required"
# shellcheck source=lib/run-line.sh
. "$ROOT/bench/lib/run-line.sh"
STARTED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

echo "# PII redaction benchmark"
echo
bench_run_line "$STARTED" "$LOAD"
echo
echo "## The redact-prompt step (PromptRedactor.apply, GDPR profile, one thread)"
echo
# one JVM's figures are not the machine's: the same code runs about 1.6 times slower in some JVMs
# than in others here, so the step is measured in $JVMS fresh JVMs, and the median of their p50s is the figure
echo "| JVM | prompt | p50 | p90 | p99 | mean | values found |"
echo "|---|---|---|---|---|---|---|"
for jvm in $(seq "$JVMS"); do
    java -Dpart=sizes -cp "$JAR" "$ROOT/bench/RedactionCost.java" "$ITERATIONS" | grep ' KB |' | sed "s/^/| $jvm /" \
        | tee -a "$WORK/sizes.md"
done
echo
echo "| prompt | p50, median of the $JVMS JVMs | lowest | highest |"
echo "|---|---|---|---|"
for kb in 1 10 100; do
    awk -F'|' -v kb="$kb KB" '$3 ~ "^ "kb" $" { gsub(/ ms| /, "", $4); print $4 }' "$WORK/sizes.md" | sort -g \
        | awk -v kb="$kb KB" '{ v[NR] = $1 } END { printf "| %s | %.3f ms | %.3f ms | %.3f ms |\n", kb, (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1], v[NR] }'
done
echo
java -Dpart=detectors -cp "$JAR" "$ROOT/bench/RedactionCost.java" "$ITERATIONS"

# ---------------------------------------------------------------- ttft
SIM_PORT="$(free_port)"
java -cp "$JAR" io.regiongate.runtime.SimulatorMain --port "$SIM_PORT" --chunk-interval "$CHUNK_INTERVAL" \
    --models "$MODEL" --reply "Sure: the summary of the meeting notes follows in five short bullet points for the board." \
    >"$WORK/simulator.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do grep -q "simulated upstream on" "$WORK/simulator.log" 2>/dev/null && break; sleep 0.1; done
grep -q "simulated upstream on" "$WORK/simulator.log" || die "the simulator did not start"

PORT="$(free_port)"; ADMIN="$(free_port)"; HZ="$(free_port)"
KEY_PLAIN="rg-bench-plain-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
KEY_PII="rg-bench-pii-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
sha() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
cat >"$WORK/regiongate.yaml" <<YAML
region: $REGION
listen: {host: 127.0.0.1, port: $PORT}
admin: {listen: {host: 127.0.0.1, port: $ADMIN}}
zones:
  eu: [$REGION]
upstreams:
  - {id: bench-sim, region: $REGION, type: openai, base-url: "http://127.0.0.1:$SIM_PORT/v1", models: [$MODEL]}
tenants:
  - {id: bench-plain, api-key-sha256: $(sha "$KEY_PLAIN"), home-zone: eu}
  - id: bench-pii
    api-key-sha256: $(sha "$KEY_PII")
    home-zone: eu
    audit: {content: redacted}
    redaction: {profile: gdpr, restore: true, apply-to: [prompt, completion]}
redaction:
  profiles:
    gdpr: {detect: [email, phone, iban, payment-card, ip-address, eu-national-id], action: redact, countries: [DE, FR, IT, ES, NL, PL]}
hazelcast: {mode: embedded, port: $HZ, members: ["127.0.0.1:$HZ"], cluster-name: regiongate-$REGION.bench$HZ}
audit:
  journal: $WORK/audit
YAML
(cd "$WORK" && exec java -jar "$JAR" --config "$WORK/regiongate.yaml") >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 240); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health/ready" || true)" = 200 ] && break
    sleep 0.25
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health/ready")" = 200 ] || die "the gateway did not start: $(tail -5 "$WORK/gateway.log")"

python3 - "$PORT" "$STREAMS" "$MODEL" "$KEY_PLAIN" "$KEY_PII" "$CHUNK_INTERVAL" <<'PY'
import http.client, json, sys, time
port, n, model, plain, pii, interval = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
prompt = ("Summarise for anna.schmidt@example.de (IBAN DE89 3704 0044 0532 0130 00, call +49 30 901820) "
          "the attached notes. ") * 8
body = json.dumps({"model": model, "stream": True, "messages": [{"role": "user", "content": prompt}]})

def one(conn, key):
    start = time.perf_counter()
    conn.request("POST", "/v1/chat/completions", body=body,
                 headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    resp = conn.getresponse()
    if resp.status != 200:
        raise RuntimeError("status %d: %s" % (resp.status, resp.read()[:200]))
    first_event = first_token = None
    text = []
    while True:
        line = resp.readline()
        if not line:
            break
        if line.startswith(b"data:"):
            now = time.perf_counter() - start
            first_event = first_event if first_event is not None else now
            data = line[5:].strip()
            if data == b"[DONE]":
                break
            chunk = json.loads(data)
            for choice in chunk.get("choices", []):
                piece = (choice.get("delta") or {}).get("content") or ""
                if piece:
                    text.append(piece)
                    if first_token is None:
                        first_token = now
    resp.read()
    return first_event * 1000, first_token * 1000, (time.perf_counter() - start) * 1000, "".join(text)

def pct(values, p):
    s = sorted(values)
    return s[max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))]

print()
print("## Streamed time to first token (simulator, %s between chunks; one connection, sequential)" % interval)
print()
print("| tenant | requests | first event p50 / p99 | first content token p50 / p99 | whole stream p50 | same text as without redaction |")
print("|---|---|---|---|---|---|")
texts = {}
for name, key in (("no redaction", plain), ("gdpr, apply-to prompt+completion, restore", pii)):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    events, tokens, totals = [], [], []
    for i in range(n + 20):
        e, t, total, text = one(conn, key)
        if i >= 20:
            events.append(e); tokens.append(t); totals.append(total)
        texts[name] = text
    conn.close()
    same = "yes" if texts[name] == texts.get("no redaction") else "no"
    print("| %s | %d | %.2f / %.2f ms | %.2f / %.2f ms | %.1f ms | %s |" % (name, len(events), pct(events, 50), pct(events, 99),
          pct(tokens, 50), pct(tokens, 99), pct(totals, 50), same))
PY
