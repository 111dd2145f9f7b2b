#!/usr/bin/env python3
"""Time to first token, used by bench/run.sh (part "ttft").

usage: ttft.py N API_KEY MODEL OUT.json name=port[:proc=pid,proc=pid] ...

API_KEY is the bearer key of every target, or per target as name=key,name=key (a target not named
there sends none).

N sequential "stream": true requests per target on one keep-alive connection, after a warm-up of
every target, TTFT_WARMUP_SECONDS (environment, default 10) each of the same requests, not counted
(at least 20 of them): the stream's code path must be compiled by the JIT before it is measured, and
a gateway warmed up with whole answers has not compiled it. Time to the first `data:` line and to
`data: [DONE]`. The CPU time (user, system) the named processes and this client used during the N
measured streams, from /proc. Writes a JSON list.
"""
import http.client, json, os, sys, time
from proccpu import snapshot

n, key, model, out = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
warmup_seconds = float(os.environ.get("TTFT_WARMUP_SECONDS", "10"))
targets = []
for arg in sys.argv[5:]:
    target, _, procs = arg.partition(":")
    name, port = target.split("=")
    targets.append((name, port, dict(p.split("=") for p in procs.split(",")) if procs else {}))
body = json.dumps({"model": model, "stream": True,
                   "messages": [{"role": "user", "content": "Say hello from the benchmark"}]})
keys = dict(pair.split("=", 1) for pair in key.split(",")) if "=" in key else None

def headers_of(name):
    bearer = key if keys is None else keys.get(name)
    return {"Content-Type": "application/json", **({"Authorization": "Bearer " + bearer} if bearer else {})}

def one(conn, headers):
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
def client_cpu():
    t = os.times()
    return t.user, t.system

def connect(port):
    return http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)

# Every target is warmed up before any is measured: measured right after its own warm-up, the first
# target of a gateway still paid for the JIT (whichever of the gateway's two targets came first
# measured about 0.3 ms slower at p50).
conns = {}
for name, port, procs in targets:
    conn, warm_until, warmed, failed = connect(port), time.monotonic() + warmup_seconds, 0, 0
    while (warmed < 20 or time.monotonic() < warm_until) and failed <= 100:
        try:
            one(conn, headers_of(name))
            warmed += 1
        except Exception:
            failed += 1
            conn.close()
            conn = connect(port)
    conns[name] = conn

for name, port, procs in targets:
    conn = conns[name]
    firsts, totals, errors, samples = [], [], 0, []
    cpu_before, client_before = snapshot(procs), client_cpu()
    while len(firsts) + errors < n:
        try:
            f, t = one(conn, headers_of(name))
        except Exception as e:                   # count, reconnect, keep going
            errors += 1
            samples.append(str(e)[:300])
            conn.close()
            conn = connect(port)
            continue
        firsts.append(f * 1000)
        totals.append(t * 1000)
    cpu_after, client_after = snapshot(procs), client_cpu()
    conn.close()
    cpu = {p: [cpu_after[p][0] - cpu_before[p][0], cpu_after[p][1] - cpu_before[p][1]] for p in procs}
    cpu["client"] = [client_after[0] - client_before[0], client_after[1] - client_before[1]]
    r = {"target": name, "requests": len(firsts), "errors": errors, "error_samples": samples[:3], "cpu": cpu}
    if firsts:
        r.update(ttft_p50=pct(firsts, 50), ttft_p99=pct(firsts, 99),
                 total_p50=pct(totals, 50), total_p99=pct(totals, 99))
    results.append(r)
json.dump(results, open(out, "w"))
