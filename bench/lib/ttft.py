#!/usr/bin/env python3
"""Time to first token, used by bench/run.sh (part "ttft").

usage: ttft.py N API_KEY MODEL OUT.json name=port[:proc=pid,proc=pid] ...

N sequential "stream": true requests per target on one keep-alive connection (plus 20 warm-up
requests not counted); time to the first `data:` line and to `data: [DONE]`. The CPU time (user,
system) the named processes and this client used during the N measured streams, from /proc.
Writes a JSON list.
"""
import http.client, json, os, sys, time
from proccpu import snapshot

n, key, model, out = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
targets = []
for arg in sys.argv[5:]:
    target, _, procs = arg.partition(":")
    name, port = target.split("=")
    targets.append((name, port, dict(p.split("=") for p in procs.split(",")) if procs else {}))
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
def client_cpu():
    t = os.times()
    return t.user, t.system

for name, port, procs in targets:
    conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
    firsts, totals, errors, samples = [], [], 0, []
    for i in range(n + 20):                      # the first 20 are warm-up
        if i == 20:
            cpu_before, client_before = snapshot(procs), client_cpu()
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
