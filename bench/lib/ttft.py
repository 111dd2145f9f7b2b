#!/usr/bin/env python3
"""Time to first token, used by bench/run.sh (part "ttft").

usage: ttft.py N API_KEY MODEL OUT.json name=port [name=port ...]

N sequential "stream": true requests per target on one keep-alive connection (plus 20 warm-up
requests not counted); time to the first `data:` line and to `data: [DONE]`. Writes a JSON list.
"""
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
