#!/usr/bin/env bash
# Concurrent streams through RegionGate: N clients each stream a WORDS-word completion from the
# standalone simulator, one chunk every CHUNK_INTERVAL; every event must arrive, in order. Samples
# the gateway's heap while the streams run.
#
#   STREAMS=200 bash bench/streams.sh
#
# Knobs (environment variables), defaults in brackets:
#   STREAMS [200]            concurrent streams
#   WORDS [200]              words in the simulator's reply (one event each, plus role, finish, [DONE])
#   CHUNK_INTERVAL [50ms]    the simulator's pause between chunks
#   RAMP_MS [5000]           the streams are opened evenly over this time
#   WARMUP_STREAMS [200]     streams run once before the measured run (0: none), so that the
#                            measured run finds a warmed-up gateway (JIT), as in production
#   WORKER_THREADS [STREAMS+100]   listen.worker-threads of the gateway (a stream holds one)
#   HTTP2 [0]                1: the simulator also takes HTTP/2 (100 streams a connection) and the
#                            gateway's upstream has http2: true, so its streams share a few
#                            connections (the gateway then holds one socket per stream, not two)
#   GATEWAY_HEAP [1g]        the gateway's -Xmx
#   GATEWAY_JAVA_OPTS []     more JVM options for the gateway (e.g. a JFR recording)
#   JAR [integration-flows/target/regiongate.jar]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STREAMS="${STREAMS:-200}"
WORDS="${WORDS:-200}"
CHUNK_INTERVAL="${CHUNK_INTERVAL:-50ms}"
RAMP_MS="${RAMP_MS:-5000}"
WARMUP_STREAMS="${WARMUP_STREAMS:-200}"
WORKER_THREADS="${WORKER_THREADS:-$((STREAMS + 100))}"
GATEWAY_HEAP="${GATEWAY_HEAP:-1g}"
HTTP2="${HTTP2:-0}"
[ "$HTTP2" = 1 ] && H2=true || H2=false
GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:-}"
JAR="${JAR:-$ROOT/integration-flows/target/regiongate.jar}"
MODEL="gpt-4o-mini"
API_KEY="rg-bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"

log() { printf '[streams] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
[ -f "$JAR" ] || die "no $JAR: build it first (mvn -o -B -DskipTests package)"
command -v jcmd >/dev/null || die "jcmd (JDK) is required for heap sampling"

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
SIM_PORT="$(free_port)"
GW_PORT="$(free_port)"
while [ "$GW_PORT" = "$SIM_PORT" ]; do GW_PORT="$(free_port)"; done
HZ_PORT="$(free_port)"
ADMIN_PORT="$(free_port)"

REPLY="$(seq -f 'w%g' 1 "$WORDS" | tr '\n' ' ')"
java -Xss256k -cp "$JAR" io.regiongate.runtime.SimulatorMain --port "$SIM_PORT" \
    --chunk-interval "$CHUNK_INTERVAL" --models "$MODEL" --reply "$REPLY" --http2 "$H2" >"$WORK/simulator.log" 2>&1 &
SIM_PID=$!
PIDS+=("$SIM_PID")
for _ in $(seq 100); do grep -q "simulated upstream on" "$WORK/simulator.log" && break; sleep 0.1; done
grep -q "simulated upstream on" "$WORK/simulator.log" || die "the simulator did not start"

KEY_SHA256="$(printf '%s' "$API_KEY" | sha256sum | cut -d' ' -f1)"
cat >"$WORK/regiongate-streams.yaml" <<YAML
region: eu-west-1
listen: {host: 127.0.0.1, port: $GW_PORT, worker-threads: $WORKER_THREADS}
admin: {listen: {host: 127.0.0.1, port: $ADMIN_PORT}}
zones:
  eu: [eu-west-1]
upstreams:
  - id: streams-sim-$SIM_PORT
    region: eu-west-1
    type: openai
    base-url: http://127.0.0.1:$SIM_PORT/v1
    models: [$MODEL]
    http2: $H2
    # on two saturated cores the simulator may accept slowly: a slow accept must not count as a
    # failure, nor open the breaker, or the bench measures the simulator
    connect-timeout: 30s
circuit-breakers:
  default: {failure-rate-threshold: 100, minimum-calls: 1000000}
# nor may the active probe, whose connect to a simulator busy accepting thousands of connections
# can take longer than its 2 s: it would leave the only target out of dispatch (503)
probe: {enabled: false}
tenants:
  - id: bench-tenant
    api-key-sha256: $KEY_SHA256
    home-zone: eu
    cross-border: never
hazelcast: {mode: embedded, port: $HZ_PORT, members: ["127.0.0.1:$HZ_PORT"], cluster-name: regiongate-eu-west-1.streams$SIM_PORT}
audit:
  journal: $WORK/audit
YAML
(cd "$WORK" && exec java -Xmx"$GATEWAY_HEAP" -Xss512k $GATEWAY_JAVA_OPTS -jar "$JAR" --config "$WORK/regiongate-streams.yaml") \
    >"$WORK/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=("$GW_PID")
for _ in $(seq 240); do
    kill -0 "$GW_PID" 2>/dev/null || { tail -20 "$WORK/gateway.log"; die "the gateway exited"; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$GW_PORT/health/ready" || true)" = 200 ] && break
    sleep 0.25
done
cpu_seconds() { awk '{printf "%.1f (user %.1f, sys %.1f)", ($14 + $15) / 100, $14 / 100, $15 / 100}' /proc/"$1"/stat 2>/dev/null || echo '?'; }
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg); gateway CPU time at ready: $(cpu_seconds "$GW_PID") s"
log "simulator :$SIM_PORT, gateway :$GW_PORT (pid $GW_PID, -Xmx$GATEWAY_HEAP, $WORKER_THREADS worker threads)"

# a CPU-bound gateway slows its upstreams (backpressure): streams may take several times their length
TIMEOUT_S=$(( WORDS * ${CHUNK_INTERVAL%ms} / 1000 * 10 + 60 ))
load() {
    # Vert.x client from the gateway's jar; C1 only, compiling early: the client's JIT (C2 on javac's
    # and Vert.x's code) would otherwise cost more CPU than the streams, on the gateway's machine
    java -Xss256k -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.05 -cp "$JAR" "$ROOT/bench/StreamLoad.java" \
        "http://127.0.0.1:$GW_PORT/v1/chat/completions" "$API_KEY" "$MODEL" "$1" "$WORDS" "$2" "$TIMEOUT_S"
}
if [ "$WARMUP_STREAMS" -gt 0 ]; then
    log "warm-up: $WARMUP_STREAMS streams"
    load "$WARMUP_STREAMS" 2000 | sed 's/^/[streams] warm-up: /' >&2 || die "the warm-up streams failed"
    log "gateway CPU time after the warm-up: $(cpu_seconds "$GW_PID") s"
fi

# heap sampler: used heap (KiB) every second, from jcmd GC.heap_info
( while kill -0 "$GW_PID" 2>/dev/null; do
      jcmd "$GW_PID" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {for (i=1;i<=NF;i++) if ($i=="used") {gsub(/K,?/,"",$(i+1)); print $(i+1)}}'
      echo "$(ls /proc/"$GW_PID"/fd 2>/dev/null | wc -l) $(ls /proc/"$SIM_PID"/fd 2>/dev/null | wc -l)" >>"$WORK/fds.txt"
      sleep 1
  done ) >"$WORK/heap.txt" &
SAMPLER=$!
PIDS+=("$SAMPLER")
log "opening $STREAMS streams over ${RAMP_MS} ms; $WORDS words $CHUNK_INTERVAL apart"
set +e
load "$STREAMS" "$RAMP_MS" | tee "$WORK/load.txt"
STATUS=${PIPESTATUS[0]}
set -e
kill "$SAMPLER" 2>/dev/null || true
PEAK_KIB="$(sort -n "$WORK/heap.txt" | tail -1)"
log "CPU time so far: gateway $(cpu_seconds "$GW_PID") s, simulator $(cpu_seconds "$SIM_PID") s; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
# where the gateway's CPU went, by thread kind (digits folded: "vert.x-worker-thread-N")
# one awk over every thread's stat (a loop of processes per thread takes minutes at 9,000 threads);
# the name is what stands between the first "(" and the last ")"
log "gateway CPU seconds by thread kind: $(cat /proc/"$GW_PID"/task/*/stat 2>/dev/null | awk '{
        lp = index($0, "("); rp = 0
        for (i = length($0); i > lp; i--) if (substr($0, i, 1) == ")") { rp = i; break }
        name = substr($0, lp + 1, rp - lp - 1); gsub(/[0-9]+/, "N", name)
        split(substr($0, rp + 2), field, " "); cpu[name] += (field[12] + field[13]) / 100
    } END {for (k in cpu) if (cpu[k] >= 0.1) printf "%.1f\t%s\n", cpu[k], k}' | sort -rn | head -8 | awk -F'\t' '{printf "%s %s; ", $2, $1}')"
THREADS="$(ls /proc/"$GW_PID"/task 2>/dev/null | wc -l)"
RSS_KIB="$(awk '/VmHWM/ {print $2}' /proc/"$GW_PID"/status 2>/dev/null || echo '?')"
log "gateway heap used, peak of 1 s samples: $(( ${PEAK_KIB:-0} / 1024 )) MiB (-Xmx$GATEWAY_HEAP); peak RSS $(( ${RSS_KIB:-0} / 1024 )) MiB; threads now $THREADS"
log "open files, peak of 1 s samples: gateway $(sort -n "$WORK/fds.txt" | tail -1 | cut -d' ' -f1), simulator $(cut -d' ' -f2 "$WORK/fds.txt" | sort -n | tail -1) (limit $(ulimit -Hn) a process)"
log "command: HTTP2=$HTTP2 STREAMS=$STREAMS WORDS=$WORDS CHUNK_INTERVAL=$CHUNK_INTERVAL RAMP_MS=$RAMP_MS WARMUP_STREAMS=$WARMUP_STREAMS bash bench/streams.sh"
grep -iE "OutOfMemory|blocked" "$WORK/gateway.log" | head -5 || true
if [ "$STATUS" != 0 ]; then
    mkdir -p "$ROOT/bench/results"
    cp "$WORK/gateway.log" "$ROOT/bench/results/streams-gateway.log"
    cp "$WORK/simulator.log" "$ROOT/bench/results/streams-simulator.log"
    log "not every stream was complete: logs kept in bench/results/streams-{gateway,simulator}.log"
fi
exit "$STATUS"
