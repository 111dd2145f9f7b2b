#!/usr/bin/env bash
# RegionGate benchmark: the gateway in front of the simulated vendor compared with the simulated vendor
# on its own and with nginx as a plain proxy in front of it, time to first token, the cost of the quota
# step and the cost of the audit trail (journal and Kafka), each with the CPU time per request of every
# process involved. Everything runs on 127.0.0.1 and for a bounded time. See bench/README.md.
#
#   bash bench/run.sh                                   # everything, about 6 minutes
#   PARTS="quota" COST_DURATION=30s bash bench/run.sh   # one part
#
# Knobs (environment variables), defaults in brackets:
#   PARTS ["overhead ttft quota audit kafka"]   which parts to run
#   DURATION [10s]          overhead: length of each measured wrk run
#   WARMUP [5s]             overhead: wrk warm-up per target; a gateway that skipped it gets it before the cost parts
#   CONNECTIONS ["16 64"]   overhead: wrk connection counts
#   COST_DURATION [8s]      quota/audit/kafka: measured time per variant and connection count (split in ROUNDS)
#   COST_WARMUP [3s]        quota/audit/kafka: wrk warm-up per variant at the lowest connection count (not reported)
#   COST_CONNECTIONS ["8 1"] quota/audit/kafka: wrk connection counts
#   ROUNDS [2]              quota/audit/kafka: the variants alternate in this many rounds (ABC CBA ...)
#   AUDIT_MODES ["async/hash sync/hash async/none"]  audit/kafka: delivery/content modes (none|hash|redacted)
#   QUOTAS ["{requests-per-second: 1000000, tokens-per-minute: 1000000000000}"]  the quota tenant's limits
#   KAFKA_FLUSH_EACH [0]    kafka: 1 makes the broker fsync every message (log.flush.interval.messages=1)
#   THREADS [2]             wrk threads (at most the connection count)
#   WRK_TIMEOUT [5s]        wrk per-request timeout (timeouts are reported as socket errors)
#   TTFT_REQUESTS [200]     ttft: sequential streaming requests per target
#   TTFT_WARMUP [10]        ttft: seconds of the same streaming requests per target before they are measured
#   BENCH_TMP [/tmp]        where the temporary directory (configs, audit journals, Kafka log) is made
#   JAR [integration-flows/target/regiongate.jar]   the runnable jar (built with mvn package when missing)
#   GATEWAY_JAVA_OPTS / SIM_JAVA_OPTS / KAFKA_JAVA_OPTS [, , -Xmx512m]   extra JVM options
#   RESULTS_DIR [bench/results]
#   NGINX [1]               overhead/ttft: 0 leaves out the nginx row (nginx is installed with apt-get when missing)
#   NGINX_WORKERS [auto]    nginx's worker_processes
#   PROFILE [0]             1: a JFR recording of the gateway during every measured gateway run, top frames in the report,
#                           and an async-profiler CPU profile of the same window (tools.profiler:async-profiler from
#                           Maven Central, ASYNC_PROFILER_VERSION [3.0]; left out, and said so, where it cannot be had)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PARTS="${PARTS:-overhead ttft quota audit kafka}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-5s}"
CONNECTIONS="${CONNECTIONS:-16 64}"
COST_DURATION="${COST_DURATION:-8s}"
COST_WARMUP="${COST_WARMUP:-3s}"
COST_CONNECTIONS="${COST_CONNECTIONS:-8 1}"
ROUNDS="${ROUNDS:-2}"
AUDIT_MODES="${AUDIT_MODES:-async/hash sync/hash async/none}"
QUOTAS_DEFAULT='{requests-per-second: 1000000, tokens-per-minute: 1000000000000}'
QUOTAS="${QUOTAS:-$QUOTAS_DEFAULT}"
KAFKA_FLUSH_EACH="${KAFKA_FLUSH_EACH:-0}"
THREADS="${THREADS:-2}"
WRK_TIMEOUT="${WRK_TIMEOUT:-5s}"
TTFT_REQUESTS="${TTFT_REQUESTS:-200}"
TTFT_WARMUP="${TTFT_WARMUP:-10}"
BENCH_TMP="${BENCH_TMP:-/tmp}"
JAR="${JAR:-$ROOT/integration-flows/target/regiongate.jar}"
GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:-}"
SIM_JAVA_OPTS="${SIM_JAVA_OPTS:-}"
KAFKA_JAVA_OPTS="${KAFKA_JAVA_OPTS:--Xmx512m}"
RESULTS_DIR="${RESULTS_DIR:-$ROOT/bench/results}"
NGINX="${NGINX:-1}"
NGINX_WORKERS="${NGINX_WORKERS:-auto}"
PROFILE="${PROFILE:-0}"
ASYNC_PROFILER_VERSION="${ASYNC_PROFILER_VERSION:-3.0}"

COMMAND="PARTS=\"$PARTS\" DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=\"$CONNECTIONS\" COST_DURATION=$COST_DURATION COST_WARMUP=$COST_WARMUP COST_CONNECTIONS=\"$COST_CONNECTIONS\" ROUNDS=$ROUNDS AUDIT_MODES=\"$AUDIT_MODES\" QUOTAS=\"$QUOTAS\" KAFKA_FLUSH_EACH=$KAFKA_FLUSH_EACH THREADS=$THREADS TTFT_REQUESTS=$TTFT_REQUESTS TTFT_WARMUP=$TTFT_WARMUP NGINX=$NGINX NGINX_WORKERS=$NGINX_WORKERS PROFILE=$PROFILE bash bench/run.sh"
MODEL="gpt-4o-mini"
REGION="eu-west-1"
BODY="{\"model\":\"$MODEL\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello from the benchmark\"}]}"
STARTED=$(date +%s)

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
has_part() { case " $PARTS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
for p in $PARTS; do
    case "$p" in overhead|ttft|quota|audit|kafka) ;; *) die "unknown part '$p' (overhead ttft quota audit kafka)" ;; esac
done
for m in $AUDIT_MODES; do
    case "$m" in async/none|async/hash|async/redacted|sync/none|sync/hash|sync/redacted) ;;
        *) die "AUDIT_MODES: '$m' is not <async|sync>/<none|hash|redacted>" ;; esac
done
[ "$ROUNDS" -ge 1 ] 2>/dev/null || die "ROUNDS must be a positive integer"

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
[ "$PROFILE" = 0 ] || { command -v jcmd >/dev/null && command -v jfr >/dev/null; } || die "PROFILE=1 needs the JDK's jcmd and jfr"
WANT_NGINX=""
if [ "$NGINX" != 0 ] && { has_part overhead || has_part ttft; }; then WANT_NGINX=1; fi
NGINX_BIN="$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null || true)"
if [ -n "$WANT_NGINX" ] && [ -z "$NGINX_BIN" ]; then
    # nginx-light: the smallest Debian build with the proxy module; plain nginx where it is not offered
    pkg=nginx-light
    policy="$(apt-cache policy nginx-light 2>/dev/null || true)"
    [[ "$policy" == *"Candidate: "[0-9]* ]] || pkg=nginx
    log "installing $pkg with apt-get (the plain-proxy row)"
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$pkg" >/dev/null; then
        as_root apt-get update -q >/dev/null
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$pkg" >/dev/null
    fi
    # the package starts its own service where an init system runs; that one is not measured (own config, own port)
    NGINX_BIN="$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null || true)"
    [ -n "$NGINX_BIN" ] || die "nginx is not installed"
fi

if [ ! -f "$JAR" ]; then
    log "$JAR missing: building with mvn -q -B -DskipTests package"
    (cd "$ROOT" && mvn -q -B -DskipTests package)
    [ -f "$JAR" ] || die "the build did not produce $JAR"
fi

# ---------------------------------------------------------------- processes and cleanup
WORK="$(mktemp -d "$BENCH_TMP/regiongate-bench.XXXXXX")"
PIDS=()
stop_pid() {
    local pid=$1
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
    local rc=$?
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
    if [ $rc -ne 0 ] && [ -z "${REPORT_WRITTEN:-}" ]; then
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
USED_PORTS=" "
new_port() {
    local p
    p="$(free_port)"
    while [[ "$USED_PORTS" == *" $p "* ]]; do p="$(free_port)"; done
    USED_PORTS+="$p "
    echo "$p"
}
now() { date +%s.%N; }
elapsed() { python3 -c 'import sys; print("%.3f" % (float(sys.argv[2]) - float(sys.argv[1])))' "$1" "$(now)"; }

TS="$(date -u +%Y%m%dT%H%M%SZ)"
RUN_DIR="$RESULTS_DIR/$TS"
mkdir -p "$RUN_DIR"
ROWS="$WORK/rows.tsv"; : >"$ROWS"
CAPTURES="$WORK/captures.txt"; : >"$CAPTURES"
NOTES="$WORK/notes.md"; : >"$NOTES"
TTFT_JSON="$WORK/ttft.json"; echo '[]' >"$TTFT_JSON"

# ---------------------------------------------------------------- tenants and wrk scripts
# One tenant per role, each with its own random key (only its SHA-256 goes into a config):
#   plain            no quotas, audit async/hash (the default): overhead, ttft, quota baseline
#   quota            QUOTAS, audit async/hash
#   audit-<d>-<c>    no quotas, audit {delivery: d, content: c}, for every mode of AUDIT_MODES
#   barrier          no quotas, audit sync/none: a request of it returns once every record queued
#                    before it is written (the audit writer is one FIFO thread), so the bench waits
#                    for the writer's backlog before each run and reports how long that took
declare -A KEY
TENANTS="plain quota barrier"
for m in $AUDIT_MODES; do TENANTS+=" audit-${m%/*}-${m#*/}"; done
for t in $TENANTS; do
    KEY[$t]="rg-bench-$t-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    cat >"$WORK/post-$t.lua" <<EOF
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer ${KEY[$t]}"

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
  -- every distinct latency (us) with its count: rounds of one variant merge into exact percentiles
  local parts = {}
  for i = 1, #latency do
    local v, c = latency(i)
    parts[#parts + 1] = string.format("%d:%d", v, c)
  end
  io.write("HIST " .. table.concat(parts, ",") .. "\n")
end
EOF
    # Only used after a run with errors: prints the first few non-2xx bodies per thread.
    cat "$WORK/post-$t.lua" >"$WORK/capture-$t.lua"
    cat >>"$WORK/capture-$t.lua" <<'EOF'
local captured = 0
response = function(status, headers, body)
  if status >= 300 and captured < 3 then
    captured = captured + 1
    io.write("NON2XX status=" .. status .. " body=" .. string.sub(body or "", 1, 400) .. "\n")
  end
end
EOF
done

tenant_yaml() { # <tenant> -> its entry under tenants:
    local t=$1 sha
    sha="$(printf '%s' "${KEY[$t]}" | sha256sum | cut -d' ' -f1)"
    printf '  - id: bench-%s\n    api-key-sha256: %s\n    home-zone: eu\n    cross-border: never\n' "$t" "$sha"
    case "$t" in
        quota) printf '    quotas: %s\n' "$QUOTAS" ;;
        barrier) printf '    audit: {delivery: sync, content: none}\n' ;;
        audit-*) local dc=${t#audit-}; printf '    audit: {delivery: %s, content: %s}\n' "${dc%-*}" "${dc#*-}" ;;
    esac
}

# ---------------------------------------------------------------- simulated vendor
SIM_PORT="$(new_port)"
SIM_URL="http://127.0.0.1:$SIM_PORT/v1"
UPSTREAM_ID="bench-upstream-$SIM_PORT"
# shellcheck disable=SC2086
java $SIM_JAVA_OPTS -cp "$JAR" io.regiongate.runtime.SimulatorMain \
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

# ---------------------------------------------------------------- nginx, a plain proxy to the same vendor
# Its own minimal config in the temporary directory: in the foreground (no daemon), its own pid file,
# logs and temp paths, no access log, a keep-alive pool to the simulator, responses not buffered (as
# an SSE proxy must be set up). Its master and workers are measured together.
NGINX_PID=""
NGINX_URL=""
if [ -n "$WANT_NGINX" ]; then
    NGINX_PORT="$(new_port)"
    NGINX_URL="http://127.0.0.1:$NGINX_PORT/v1"
    ND="$WORK/nginx"
    mkdir -p "$ND/tmp"
    {
        [ "$(id -u)" = 0 ] && echo "user root;"     # the workers read and write only this run's directory
        cat <<EOF
worker_processes $NGINX_WORKERS;
daemon off;
pid $ND/nginx.pid;
error_log $ND/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $ND/tmp/body;
    proxy_temp_path $ND/tmp/proxy;
    fastcgi_temp_path $ND/tmp/fastcgi;
    uwsgi_temp_path $ND/tmp/uwsgi;
    scgi_temp_path $ND/tmp/scgi;
    upstream vendor {
        server 127.0.0.1:$SIM_PORT;
        keepalive 128;
    }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            proxy_pass http://vendor;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_buffering off;
        }
    }
}
EOF
    } >"$ND/nginx.conf"
    cp "$ND/nginx.conf" "$RUN_DIR/"
    "$NGINX_BIN" -t -p "$ND" -c "$ND/nginx.conf" >"$WORK/nginx-check.log" 2>&1 || die "nginx rejected its config: $(cat "$WORK/nginx-check.log")"
    "$NGINX_BIN" -p "$ND" -c "$ND/nginx.conf" >"$WORK/nginx.log" 2>&1 &
    NGINX_PID=$!
    PIDS+=("$NGINX_PID")
    for _ in $(seq 100); do
        kill -0 "$NGINX_PID" 2>/dev/null || die "nginx exited: $(cat "$ND/error.log" 2>/dev/null)"
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$NGINX_URL/models" || true)" != 000 ] && break
        sleep 0.1
    done
    log "nginx $("$NGINX_BIN" -v 2>&1 | sed 's/.*: //') on $NGINX_URL (pid $NGINX_PID, worker_processes $NGINX_WORKERS)"
fi

# ---------------------------------------------------------------- gateway
# start_gateway <name> <audit-endpoints-yaml or empty>: sets GW_PID, GW_URL, GW_JOURNAL
start_gateway() {
    local name=$1 endpoints=$2 port hz cluster cfg
    port="$(new_port)"
    hz="$(new_port)"
    # Own embedded member on a free port, only itself as member, a cluster name of this region no
    # other process shares: the quota counters are this gateway's alone.
    cluster="regiongate-$REGION.bench$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
    GW_URL="http://127.0.0.1:$port/v1"
    GW_JOURNAL="$WORK/audit-$name"
    cfg="$WORK/regiongate-$name.yaml"
    {
        echo "# Written by bench/run.sh: one region, one OpenAI-compatible upstream (the standalone simulator)."
        echo "region: $REGION"
        echo "listen: {host: 127.0.0.1, port: $port}"
        echo "zones:"
        echo "  eu: [$REGION]"
        echo "upstreams:"
        echo "  - id: $UPSTREAM_ID"
        echo "    region: $REGION"
        echo "    type: openai"
        echo "    base-url: $SIM_URL"
        echo "    models: [$MODEL]"
        echo "tenants:"
        for t in $TENANTS; do tenant_yaml "$t"; done
        echo "hazelcast: {mode: embedded, port: $hz, members: [\"127.0.0.1:$hz\"], cluster-name: $cluster}"
        echo "audit:"
        [ -n "$endpoints" ] && echo "$endpoints"
        echo "  journal: $GW_JOURNAL"
    } >"$cfg"
    cp "$cfg" "$RUN_DIR/"
    local jfr_opts=""
    if [ "$PROFILE" != 0 ]; then
        # Recording from the start: a recording started later with jcmd JFR.start changes the JVMTI
        # state, which throws away compiled code (thousands of recompilations in the next seconds).
        mkdir -p "$WORK/jfr-$name"
        jfr_opts="-XX:FlightRecorderOptions=repository=$WORK/jfr-$name -XX:StartFlightRecording=name=bench,settings=profile,disk=true,maxage=2h,dumponexit=false"
        # async-profiler loaded from the start too (idle until profile_start), for the same reason
        if [ -n "$AP_LIB" ]; then jfr_opts+=" -agentpath:$AP_LIB"; fi
    fi
    # shellcheck disable=SC2086
    (cd "$WORK" && exec java $GATEWAY_JAVA_OPTS $jfr_opts -jar "$JAR" --config "$cfg") >"$WORK/gateway-$name.log" 2>&1 &
    GW_PID=$!
    PIDS+=("$GW_PID")
    local ready="" code
    for _ in $(seq 240); do
        kill -0 "$GW_PID" 2>/dev/null || die "the gateway ($name) exited during start-up"
        code="$(curl -s -o "$WORK/ready.json" -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true)"
        # The API listener's readiness names only status and region: our own gateway is the one whose
        # log names this port and our upstream id; anything else on this port is not ours.
        if [ "$code" = 200 ] && grep -q "127.0.0.1:$port/" "$WORK/gateway-$name.log" \
                && grep -q "$UPSTREAM_ID" "$WORK/gateway-$name.log"; then ready=1; break; fi
        sleep 0.25
    done
    [ -n "$ready" ] || die "the gateway ($name) did not become ready on port $port within 60 s (last answer $code: $(head -c 600 "$WORK/ready.json" 2>/dev/null))"
    log "gateway '$name' on $GW_URL (pid $GW_PID, hazelcast 127.0.0.1:$hz cluster $cluster) ready"
}

# smoke <url> <tenant>: one request must answer 200; the quota tenant must get x-ratelimit-* headers
# (the quota step ran), every other tenant none.
smoke() {
    local url=$1 t=$2 code
    code="$(curl -s -D "$WORK/smoke.headers" -o "$WORK/smoke.json" -w '%{http_code}' --max-time 30 "$url/chat/completions" \
        -H "Authorization: Bearer ${KEY[$t]}" -H 'Content-Type: application/json' -d "$BODY" || true)"
    [ "$code" = 200 ] || { cat "$WORK/smoke.json" >&2; die "smoke request ($t) to $url answered $code"; }
    if [ "$url" != "$SIM_URL" ]; then
        if [ "$t" = quota ]; then
            grep -qi '^x-ratelimit-limit-requests:' "$WORK/smoke.headers" || die "tenant quota got no x-ratelimit headers: the quota step did not run"
        else
            ! grep -qi '^x-ratelimit-' "$WORK/smoke.headers" || die "tenant $t got x-ratelimit headers"
        fi
    fi
}

# barrier: waits until the audit writer has written everything queued so far; prints the seconds.
barrier() {
    local start code
    start="$(now)"
    for _ in $(seq 20); do
        code="$(curl -s -o "$WORK/barrier.json" -w '%{http_code}' --max-time 30 "$GW_URL/chat/completions" \
            -H "Authorization: Bearer ${KEY[barrier]}" -H 'Content-Type: application/json' -d "$BODY" || true)"
        [ "$code" = 200 ] && break
        log "audit barrier answered $code ($(head -c 200 "$WORK/barrier.json")); again"
    done
    [ "$code" = 200 ] || die "the audit writer did not catch up (barrier request answered $code)"
    elapsed "$start"
}

# ---------------------------------------------------------------- wrk runs
wrk_threads() { if [ "$1" -lt "$THREADS" ]; then echo "$1"; else echo "$THREADS"; fi; }

# watched <url>: name=pid of the processes a request to <url> passes through (the load client aside)
watched() {
    case "$1" in
        "$SIM_URL") echo "simulator=$SIM_PID" ;;
        "$NGINX_URL") echo "nginx=$NGINX_PID simulator=$SIM_PID" ;;
        *) echo "gateway=$GW_PID simulator=$SIM_PID${KAFKA_PID:+ kafka=$KAFKA_PID}" ;;
    esac
}

# profile_start / profile_stop <name>: with PROFILE=1, the part of the gateway's JFR recording (which
# runs from the JVM's start, see start_gateway) from before the CPU snapshot to after it, dumped to
# <name>.jfr, and the CPU time of each of its threads from /proc; the CPU by thread kind and the
# recording's top frames in that window go to <name>.md beside the recording.
utc_now() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }
# async_profiler: AP_LIB, the path of async-profiler's agent for this machine, from its jar on Maven
# Central (resolved like the Kafka part's classpath), or empty with the reason in the notes.
async_profiler() {
    local arch jar
    AP_LIB=""
    case "$(uname -m)" in x86_64) arch=linux-x64 ;; aarch64) arch=linux-arm64 ;; *) arch="" ;; esac
    if [ -z "$arch" ]; then
        echo "- PROFILE=1: no async-profiler build for $(uname -m); JFR only" >>"$NOTES"
        return
    fi
    mkdir -p "$WORK/async-profiler"
    if ! mvn -q -B -f "$ROOT/bench/kafka/pom.xml" dependency:copy -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION" \
            -DoutputDirectory="$WORK/async-profiler" >"$WORK/async-profiler.log" 2>&1; then
        echo "- PROFILE=1: tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION could not be resolved; JFR only" >>"$NOTES"
        return
    fi
    jar="$WORK/async-profiler/async-profiler-$ASYNC_PROFILER_VERSION.jar"
    (cd "$WORK/async-profiler" && python3 -m zipfile -e "$jar" .) || { echo "- PROFILE=1: cannot unpack $jar; JFR only" >>"$NOTES"; return; }
    AP_LIB="$WORK/async-profiler/$arch/libasyncProfiler.so"
    [ -f "$AP_LIB" ] || { echo "- PROFILE=1: $jar holds no $arch agent; JFR only" >>"$NOTES"; AP_LIB=""; }
}
# ap_command <command>: runs an async-profiler command in the gateway (jcmd passes its options quoted)
ap_command() {
    jcmd "$GW_PID" JVMTI.agent_load "$AP_LIB" "\"$1\"" >"$WORK/ap.log" 2>&1 && grep -q "return code: 0" "$WORK/ap.log"
}
profile_start() {
    python3 "$ROOT/bench/lib/proccpu.py" threads "$GW_PID" >"$WORK/threads-before"
    PROFILE_BEGIN="$(utc_now)"
    if [ -n "$AP_LIB" ]; then
        ap_command "start,event=itimer,interval=1000000" || die "async-profiler did not start: $(cat "$WORK/ap.log")"
    fi
}
profile_stop() {
    local end
    end="$(utc_now)"
    python3 "$ROOT/bench/lib/proccpu.py" threads "$GW_PID" >"$WORK/threads-after"
    if [ -n "$AP_LIB" ]; then
        ap_command "stop,file=$RUN_DIR/$1.collapsed,collapsed" || die "async-profiler did not stop: $(cat "$WORK/ap.log")"
    fi
    jcmd "$GW_PID" JFR.dump name=bench filename="$RUN_DIR/$1.jfr" begin="$PROFILE_BEGIN" end="$end" >"$WORK/jfr.log" 2>&1 \
        || die "JFR.dump failed: $(cat "$WORK/jfr.log")"
    {
        python3 "$ROOT/bench/lib/proccpu.py" threads-delta "$WORK/threads-before" "$WORK/threads-after"
        python3 "$ROOT/bench/lib/jfr_top.py" "$RUN_DIR/$1.jfr" 15 "$PROFILE_BEGIN" "$end"
        [ -z "$AP_LIB" ] || python3 "$ROOT/bench/lib/collapsed_top.py" "$RUN_DIR/$1.collapsed" 20
    } >"$RUN_DIR/$1.md" || die "reading $RUN_DIR/$1.jfr failed"
}

# measure <part> <variant> <conns> <round> <url> <tenant> <duration> <after-barrier: 0|1>
# The CPU time of every process on the request's path is read from /proc before the run and after it
# (after the audit barrier where there is one, so that the audit records of the run are paid for in
# it); wrk's own from its rusage.
measure() {
    local part=$1 variant=$2 c=$3 round=$4 url=$5 t=$6 d=$7 after=$8 out result non2xx errs b="" name prof=""
    name="$part-${variant//\//-}-c$c-r$round"
    out="$RUN_DIR/wrk-$name.txt"
    log "  $part: $variant, $c connections, $d (round $round)"
    if [ "$PROFILE" != 0 ] && [ "$url" != "$SIM_URL" ] && [ "$url" != "$NGINX_URL" ]; then
        prof="profile-$name"
        profile_start "$prof"
    fi
    # shellcheck disable=SC2046
    python3 "$ROOT/bench/lib/proccpu.py" snap $(watched "$url") >"$WORK/cpu-before"
    python3 "$ROOT/bench/lib/proccpu.py" run "$WORK/cpu-wrk.json" \
        wrk -t"$(wrk_threads "$c")" -c"$c" -d"$d" --timeout "$WRK_TIMEOUT" --latency -s "$WORK/post-$t.lua" "$url/chat/completions" >"$out"
    [ "$after" = 1 ] && b="$(barrier)"
    # shellcheck disable=SC2046
    python3 "$ROOT/bench/lib/proccpu.py" snap $(watched "$url") >"$WORK/cpu-after"
    python3 "$ROOT/bench/lib/proccpu.py" delta "$WORK/cpu-before" "$WORK/cpu-after" "$WORK/cpu-wrk.json" "$RUN_DIR/cpu-$name.json" wrk
    [ -n "$prof" ] && profile_stop "$prof"
    result="$(grep '^RESULT ' "$out")" || die "no RESULT line in $out"
    non2xx="$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$out")"
    non2xx="${non2xx:-0}"
    errs="$(python3 -c 'import sys; kv=dict(p.split("=") for p in sys.argv[1].split()[1:]); print(sum(int(kv[k]) for k in ("connect","read","write","timeout")))' "$result")"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$part" "$variant" "$c" "$round" "$out" "$b" "$RUN_DIR/cpu-$name.json" \
        "${prof:+$RUN_DIR/$prof.md}" >>"$ROWS"
    if [ "$non2xx" != 0 ] || [ "$errs" != 0 ]; then
        log "$part $variant c=$c: $non2xx non-2xx responses, $errs socket errors; capturing bodies (3 s)"
        {
            echo "### $part, $variant, $c connections"
            wrk -t"$(wrk_threads "$c")" -c"$c" -d3s --timeout "$WRK_TIMEOUT" -s "$WORK/capture-$t.lua" "$url/chat/completions" \
                | grep -E '^NON2XX|Non-2xx|Socket errors' || echo "(none reproduced in the capture run)"
        } >>"$CAPTURES"
    fi
}

# split_duration <duration> <rounds>: the length of one round, in whole seconds (at least 1)
split_duration() {
    python3 - "$1" "$2" <<'PY'
import re, sys
m = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s|m|h)?", sys.argv[1])
if not m:
    raise SystemExit("bad duration " + sys.argv[1])
sec = float(m.group(1)) * {"ms": 0.001, "s": 1, None: 1, "m": 60, "h": 3600}[m.group(2)]
print("%ds" % max(1, round(sec / int(sys.argv[2]))))
PY
}

# compare <part> <variant=tenant ...>: warm-up per variant, then per connection count ROUNDS rounds
# in which the variants alternate (ABC, CBA, ABC, ...); each run starts with an empty audit queue.
# The warm-up uses the lowest connection count: it runs each variant's code paths without leaving
# an async backlog that would only cost waiting time.
compare() {
    local part=$1; shift
    local pairs=("$@") round_d min_c c r i n=$# order pair
    round_d="$(split_duration "$COST_DURATION" "$ROUNDS")"
    min_c="$(min_connections)"
    log "$part: warm-up $COST_WARMUP per variant at $min_c connections"
    for pair in "${pairs[@]}"; do
        wrk -t"$(wrk_threads "$min_c")" -c"$min_c" -d"$COST_WARMUP" --timeout "$WRK_TIMEOUT" \
            -s "$WORK/post-${pair#*=}.lua" "$GW_URL/chat/completions" >"$RUN_DIR/warmup-$part-${pair#*=}.txt"
        barrier >/dev/null
    done
    for c in $COST_CONNECTIONS; do
        for r in $(seq "$ROUNDS"); do
            order=()
            if [ $((r % 2)) = 1 ]; then for ((i = 0; i < n; i++)); do order+=("${pairs[i]}"); done
            else for ((i = n - 1; i >= 0; i--)); do order+=("${pairs[i]}"); done; fi
            for pair in "${order[@]}"; do
                measure "$part" "${pair%%=*}" "$c" "$r" "$GW_URL" "${pair#*=}" "$round_d" 1
            done
        done
    done
}

min_connections() {
    local m="" c
    for c in $COST_CONNECTIONS; do if [ -z "$m" ] || [ "$c" -lt "$m" ]; then m=$c; fi; done
    echo "$m"
}

# gateway_warmup <name>: a fresh gateway JVM gets WARMUP of load before the cost parts (at the lowest
# connection count, see compare); the overhead part has its own warm-up.
gateway_warmup() {
    local c
    c="$(min_connections)"
    log "$1: gateway warm-up $WARMUP at $c connections"
    wrk -t"$(wrk_threads "$c")" -c"$c" -d"$WARMUP" --timeout "$WRK_TIMEOUT" \
        -s "$WORK/post-plain.lua" "$GW_URL/chat/completions" >"$RUN_DIR/warmup-$1-gateway.txt"
}

audit_pairs() {
    AUDIT_PAIRS=()
    for m in $AUDIT_MODES; do AUDIT_PAIRS+=("$m=audit-${m%/*}-${m#*/}"); done
}

AP_LIB=""
[ "$PROFILE" = 0 ] || async_profiler

# ---------------------------------------------------------------- gateway with the journal
if has_part overhead || has_part ttft || has_part quota || has_part audit; then
    start_gateway journal ""
    smoke "$SIM_URL" plain
    for t in $TENANTS; do smoke "$GW_URL" "$t"; done
    JOURNAL_FS="$(df -T "$WORK" | awk 'NR==2 {print $2 " (" $1 ", mounted on " $7 ")"}')"

    if has_part overhead; then
        max_conn=0
        for c in $CONNECTIONS; do [ "$c" -gt "$max_conn" ] && max_conn=$c; done
        log "overhead: warm-up $WARMUP per target at $max_conn connections"
        wrk -t"$(wrk_threads "$max_conn")" -c"$max_conn" -d"$WARMUP" --timeout "$WRK_TIMEOUT" -s "$WORK/post-plain.lua" "$GW_URL/chat/completions" >"$RUN_DIR/warmup-gateway.txt"
        wrk -t"$(wrk_threads "$max_conn")" -c"$max_conn" -d"$WARMUP" --timeout "$WRK_TIMEOUT" -s "$WORK/post-quota.lua" "$GW_URL/chat/completions" >"$RUN_DIR/warmup-full.txt"
        wrk -t"$(wrk_threads "$max_conn")" -c"$max_conn" -d"$WARMUP" --timeout "$WRK_TIMEOUT" -s "$WORK/post-plain.lua" "$SIM_URL/chat/completions" >"$RUN_DIR/warmup-direct.txt"
        # "full": the full chain (tenant bench-quota: quota admission and settlement on the embedded
        # member, async audit with content hashes); "gateway": the same without quotas (bench-plain)
        targets="direct full gateway"
        if [ -n "$NGINX_URL" ]; then
            targets="direct nginx full gateway"
            wrk -t"$(wrk_threads "$max_conn")" -c"$max_conn" -d"$WARMUP" --timeout "$WRK_TIMEOUT" -s "$WORK/post-plain.lua" "$NGINX_URL/chat/completions" >"$RUN_DIR/warmup-nginx.txt"
        fi
        for c in $CONNECTIONS; do
            for target in $targets; do
                tenant=plain
                case "$target" in gateway) url="$GW_URL" ;; full) url="$GW_URL"; tenant=quota ;; nginx) url="$NGINX_URL" ;; *) url="$SIM_URL" ;; esac
                barrier >/dev/null
                measure overhead "$target" "$c" 1 "$url" "$tenant" "$DURATION" "$([ "$url" = "$GW_URL" ] && echo 1 || echo 0)"
            done
        done
    fi

    if ! has_part overhead; then
        gateway_warmup journal
    fi
    if has_part ttft && [ "$TTFT_REQUESTS" -gt 0 ]; then
        barrier >/dev/null
        log "ttft: $TTFT_REQUESTS sequential streaming requests per target, after ${TTFT_WARMUP}s of them"
        gw_port="${GW_URL#http://127.0.0.1:}"
        # the gateway twice: the full chain (tenant bench-quota) and without quotas (bench-plain)
        # shellcheck disable=SC2046
        TTFT_WARMUP_SECONDS="$TTFT_WARMUP" python3 "$ROOT/bench/lib/ttft.py" "$TTFT_REQUESTS" \
            "full=${KEY[quota]},gateway=${KEY[plain]}" "$MODEL" "$TTFT_JSON" \
            "full=${gw_port%/v1}:gateway=$GW_PID,simulator=$SIM_PID" \
            "gateway=${gw_port%/v1}:gateway=$GW_PID,simulator=$SIM_PID" "direct=$SIM_PORT:simulator=$SIM_PID" \
            ${NGINX_URL:+"nginx=$NGINX_PORT:nginx=$NGINX_PID,simulator=$SIM_PID"}
    fi

    if has_part quota; then
        compare quota "no-quotas=plain" "quotas=quota"
    fi

    if has_part audit; then
        audit_pairs
        compare audit "${AUDIT_PAIRS[@]}"
        echo "- audit (journal): $(wc -l <"$GW_JOURNAL/journal.jsonl") records in the journal at the end, $(du -h "$GW_JOURNAL/journal.jsonl" | cut -f1)" >>"$NOTES"
    fi
    stop_pid "$GW_PID"
fi

# ---------------------------------------------------------------- gateway with Kafka
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)"
if has_part kafka; then
    log "kafka: resolving the classpath of kafka_2.13 $KAFKA_VERSION (bench/kafka/pom.xml)"
    KCP_FILE="$WORK/kafka.classpath"
    if ! mvn -o -q -B -f "$ROOT/bench/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" dependency:build-classpath \
            -Dmdep.outputFile="$KCP_FILE" >"$WORK/kafka-mvn.log" 2>&1; then
        mvn -q -B -f "$ROOT/bench/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" dependency:build-classpath \
            -Dmdep.outputFile="$KCP_FILE" >"$WORK/kafka-mvn.log" 2>&1 || die "cannot resolve kafka_2.13 $KAFKA_VERSION (see above)"
    fi
    KCP="$(cat "$KCP_FILE")"
    KPORT="$(new_port)"
    KCTL="$(new_port)"
    KDIR="$WORK/kafka"
    mkdir -p "$KDIR"
    cat >"$KDIR/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KCTL
listeners=PLAINTEXT://127.0.0.1:$KPORT,CONTROLLER://127.0.0.1:$KCTL
advertised.listeners=PLAINTEXT://127.0.0.1:$KPORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$KDIR/logs
num.partitions=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
    [ "$KAFKA_FLUSH_EACH" = 1 ] && echo "log.flush.interval.messages=1" >>"$KDIR/server.properties"
    cluster_id="$(python3 -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(16)).decode().rstrip("="))')"
    java -cp "$KCP" kafka.tools.StorageTool format -t "$cluster_id" -c "$KDIR/server.properties" >"$WORK/kafka-format.log" 2>&1 \
        || die "formatting the Kafka log failed: $(cat "$WORK/kafka-format.log")"
    # shellcheck disable=SC2086
    java $KAFKA_JAVA_OPTS -cp "$KCP" kafka.Kafka "$KDIR/server.properties" >"$WORK/kafka.log" 2>&1 &
    KAFKA_PID=$!
    PIDS+=("$KAFKA_PID")
    for _ in $(seq 300); do
        kill -0 "$KAFKA_PID" 2>/dev/null || die "the Kafka broker exited during start-up"
        python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.5).close()' "$KPORT" 2>/dev/null && break
        sleep 0.2
    done
    log "kafka broker on 127.0.0.1:$KPORT (pid $KAFKA_PID, KRaft, $KAFKA_VERSION)"
    TOPIC="regiongate.audit.$REGION"
    start_gateway kafka "  endpoints:
    - {region: $REGION, kafka: {bootstrap-servers: \"127.0.0.1:$KPORT\", topic: $TOPIC}}"
    # The first records create the topic; go on only when a sync request is acknowledged quickly and
    # nothing waits in the spool (a spooled record would turn every later one into a spool write).
    for _ in $(seq 30); do
        b="$(barrier)"
        spool=$( (cat "$GW_JOURNAL"/spool-*.jsonl 2>/dev/null || true) | wc -c)
        python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) < 0.5 else 1)' "$b" && [ "$spool" = 0 ] && break
        sleep 1
    done
    for t in $TENANTS; do smoke "$GW_URL" "$t"; done
    gateway_warmup kafka
    audit_pairs
    compare kafka "${AUDIT_PAIRS[@]}"
    spool=$( (cat "$GW_JOURNAL"/spool-*.jsonl 2>/dev/null || true) | wc -c)
    if [ "$spool" != 0 ]; then
        echo "- **kafka: the spool is not empty at the end ($spool bytes): some records were not acknowledged in time and went to the spool; the kafka numbers are not valid.**" >>"$NOTES"
    else
        echo "- kafka: every record acknowledged by the broker, the spool stayed empty" >>"$NOTES"
    fi
    stop_pid "$GW_PID"
    stop_pid "$KAFKA_PID"
fi

# ---------------------------------------------------------------- report
JAVA_VERSION="$(java -version 2>&1 | head -n 3)"
WRK_VERSION="$(wrk -v 2>&1 | head -n 1 || true)"
CPU_MODEL="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
MEM_TOTAL="$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
GIT_REV="$(git -C "$ROOT" describe --always --dirty --abbrev=12 2>/dev/null || echo unknown)"
REPORT="$RUN_DIR/report.md"
ROUND_D="$(split_duration "$COST_DURATION" "$ROUNDS")"

set +e
python3 "$ROOT/bench/lib/report.py" "$ROWS" "$TTFT_JSON" "$CAPTURES" >"$WORK/tables.md" 2>"$WORK/report-errors.txt"
report_rc=$?
set -e
[ $report_rc = 0 ] || { cat "$WORK/report-errors.txt" >&2; die "building the report failed"; }

{
    echo "# RegionGate benchmark — $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo
    echo "Command (from the repository root):"
    echo
    echo '```'
    echo "$COMMAND"
    echo '```'
    echo
    echo "RegionGate git \`$GIT_REV\`; parts: $PARTS; total run time $(( $(date +%s) - STARTED )) s."
    echo
    echo "Every measured run: \`wrk -t$THREADS -c<connections> --timeout $WRK_TIMEOUT --latency\` (at most one thread per"
    echo "connection), POST /v1/chat/completions, non-streaming, model $MODEL, a bearer key per tenant, one simulated"
    echo "vendor (\`SimulatorMain --chunk-interval 0ms\`) behind an OpenAI-type upstream. Overhead: one run of $DURATION per"
    echo "target and connection count after $WARMUP of warm-up. Quota/audit: $COST_DURATION per variant and connection"
    echo "count, as $ROUNDS rounds of $ROUND_D in which the variants alternate, after $COST_WARMUP of warm-up per variant;"
    echo "percentiles are exact over all rounds (wrk's histogram, merged). Before each run the bench waits until"
    echo "the audit writer's queue is empty. Configs and raw wrk output: \`${RUN_DIR#"$ROOT"/}/\`."
    echo
    cat "$WORK/tables.md"
    echo
    if [ -s "$NOTES" ]; then
        echo "Notes:"
        echo
        cat "$NOTES"
        echo
    fi
    echo "## Machine"
    echo
    echo "- CPUs (nproc): $(nproc) — $CPU_MODEL; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- Memory: $MEM_TOTAL"
    echo "- Kernel: $(uname -sr)"
    echo "- Audit journal file system: ${JOURNAL_FS:-n/a} (\`BENCH_TMP=$BENCH_TMP\`)"
    has_part kafka && echo "- Kafka: kafka_2.13 $KAFKA_VERSION, one KRaft node (broker+controller) in its own JVM ($KAFKA_JAVA_OPTS), topic with 1 partition, replication factor 1, $( [ "$KAFKA_FLUSH_EACH" = 1 ] && echo 'fsync per message' || echo "Kafka's default flush (no fsync per message)")"
    echo "- wrk: $WRK_VERSION"
    echo "- RegionGate jar: ${JAR#"$ROOT"/} ($(date -u -r "$JAR" '+%Y-%m-%d %H:%M UTC'))"
    echo "- Simulator JVM flags: ${SIM_JAVA_OPTS:-(none)}; gateway JVM flags: ${GATEWAY_JAVA_OPTS:-(none)}"
    echo "- Java:"
    echo
    echo '```'
    echo "$JAVA_VERSION"
    echo '```'
    echo
    echo "wrk, the gateway, the simulator (and the Kafka broker) share these CPUs: absolute numbers are a lower"
    echo "bound for each component; compare rows measured in the same table with each other."
} >"$REPORT"

cp "$ROWS" "$RUN_DIR/rows.tsv"
cp "$TTFT_JSON" "$RUN_DIR/ttft.json"
cp "$REPORT" "$RESULTS_DIR/latest.md"
REPORT_WRITTEN=1
cat "$REPORT"
log "written to ${RESULTS_DIR#"$ROOT"/}/latest.md (and ${RUN_DIR#"$ROOT"/}/) in $(( $(date +%s) - STARTED )) s"
if [ -s "$WORK/report-errors.txt" ]; then
    log "$(cat "$WORK/report-errors.txt"): some runs had errors, see the report"
    exit 1
fi
