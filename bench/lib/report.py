#!/usr/bin/env python3
"""Markdown tables for bench/run.sh, from the raw wrk output it kept.

usage: report.py ROWS.tsv TTFT.json CAPTURES.txt

ROWS.tsv, one line per measured wrk run:
    part  variant  connections  round  wrk-output-file  barrier-seconds  cpu-json  profile-md
(cpu-json: {process: [user_s, system_s]} over the run, from bench/lib/proccpu.py; profile-md: the
top frames of the run's JFR recording with PROFILE=1, else empty)
Each wrk output holds the RESULT line and the HIST line written by the Lua done() of bench/run.sh
(HIST: every distinct latency in microseconds with its count, so runs split into rounds merge
into exact percentiles). Percentiles are computed as wrk computes them.

Exit code 0; the tables go to stdout. A line "ERRORS <n>" goes to stderr when any run had non-2xx
responses or socket errors.
"""
import json
import re
import sys
from collections import OrderedDict, defaultdict

rows_file, ttft_file, captures_file = sys.argv[1:4]


class Agg:
    def __init__(self):
        self.requests = 0
        self.duration_us = 0
        self.hist = defaultdict(int)
        self.non2xx = 0
        self.sock = 0
        self.rounds = []          # per-round (p50_us, rps)
        self.barriers = []        # seconds the audit barrier waited after each run
        self.cpu = OrderedDict()  # process -> [user_s, system_s] summed over the runs
        self.profiles = []        # (round, markdown file) of PROFILE=1 runs

    def add(self, path, barrier, cpu_file="", profile=""):
        text = open(path).read()
        if cpu_file:
            for proc, (u, s) in json.load(open(cpu_file)).items():
                acc = self.cpu.setdefault(proc, [0.0, 0.0])
                acc[0] += u
                acc[1] += s
        if profile:
            self.profiles.append(profile)
        m = re.search(r"^RESULT (.*)$", text, re.M)
        if not m:
            raise SystemExit("no RESULT line in " + path)
        kv = {k: int(v) for k, v in (p.split("=") for p in m.group(1).split())}
        h = re.search(r"^HIST (.*)$", text, re.M)
        hist = defaultdict(int)
        if h and h.group(1).strip():
            for pair in h.group(1).split(","):
                v, c = pair.split(":")
                hist[int(float(v))] += int(float(c))
        n2 = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", text)
        self.non2xx += int(n2.group(1)) if n2 else 0
        self.sock += kv["connect"] + kv["read"] + kv["write"] + kv["timeout"]
        self.requests += kv["requests"]
        self.duration_us += kv["duration_us"]
        for v, c in hist.items():
            self.hist[v] += c
        self.rounds.append((percentile(hist, 50), kv["requests"] / (kv["duration_us"] / 1e6)))
        if barrier != "":
            self.barriers.append(float(barrier))

    @property
    def rps(self):
        return self.requests / (self.duration_us / 1e6) if self.duration_us else 0.0

    def p(self, q):
        return percentile(self.hist, q)

    @property
    def mean(self):
        n = sum(self.hist.values())
        return sum(v * c for v, c in self.hist.items()) / n if n else 0.0

    @property
    def max(self):
        return max(self.hist) if self.hist else 0


def percentile(hist, q):
    """wrk's stats_percentile: the smallest value whose cumulative count reaches round(q% * n + 0.5)."""
    n = sum(hist.values())
    if not n:
        return 0
    rank = int(q / 100.0 * n + 0.5)
    total = 0
    for v in sorted(hist):
        total += hist[v]
        if total >= rank:
            return v
    return max(hist)


data = OrderedDict()
for line in open(rows_file):
    if not line.strip():
        continue
    part, variant, conns, rnd, path, barrier, cpu_file, profile = (line.rstrip("\n").split("\t") + ["", "", ""])[:8]
    data.setdefault((part, variant, int(conns)), Agg()).add(path, barrier, cpu_file, profile)


def cpu_cell(cpu, count):
    """CPU µs per request (or stream) of each process: total (user + system)."""
    if not cpu or not count:
        return "–"
    return " · ".join("%s %.0f (%.0f+%.0f)" % (proc, 1e6 * (u + s) / count, 1e6 * u / count, 1e6 * s / count)
                      for proc, (u, s) in cpu.items())


CPU_NOTE = ("CPU per request: µs of CPU time each process used per completed request, total (user+system), "
            "from /proc/<pid>/stat before and after the run (the gateway's until its audit writer caught up "
            "after it); wrk's from its rusage. On a machine where all of them share the cores, this is the "
            "figure to compare across rows: it does not depend on who got the CPU first.")

ms = lambda us: "%.2f" % (us / 1000.0)
TARGETS = {"direct": "simulator direct", "nginx": "nginx → simulator",
           "full": "gateway, full chain → simulator", "gateway": "gateway, no quotas → simulator"}
errors = 0
for a in data.values():
    errors += a.non2xx + a.sock


def keys_of(part):
    return [k for k in data if k[0] == part]


def variants_of(part):
    return list(OrderedDict.fromkeys(k[1] for k in keys_of(part)))


def conns_of(part):
    return list(OrderedDict.fromkeys(k[2] for k in keys_of(part)))


def pace(a):
    """Records per second the audit writer managed when it fell behind: it was busy from the start of
    each run until the barrier after it returned, and wrote every request's record meanwhile."""
    if not a.barriers or max(a.barriers) < 0.1:
        return "kept up"
    return "≈ %.0f rec/s" % (a.requests / (a.duration_us / 1e6 + sum(a.barriers)))


def main_table(part, label, extra_barrier=False):
    head = "| %s | connections | req/s | CPU per request (µs: total (user+system)) | mean (ms) | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | requests | non-2xx | socket errors |" % label
    sep = "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    if extra_barrier:
        head += " p50 per round (ms) | writer backlog after a run (s) | audit writer pace |"
        sep += "---|---:|---:|"
    print(head)
    print(sep)
    for c in conns_of(part):
        for v in variants_of(part):
            a = data.get((part, v, c))
            if a is None:
                continue
            line = "| %s | %d | %.0f | %s | %s | %s | %s | %s | %s | %d | %d | %d |" % (
                v, c, a.rps, cpu_cell(a.cpu, a.requests), ms(a.mean), ms(a.p(50)), ms(a.p(90)), ms(a.p(99)), ms(a.max),
                a.requests, a.non2xx, a.sock)
            if extra_barrier:
                line += " %s | %s | %s |" % (" / ".join(ms(p50) for p50, _ in a.rounds),
                                               "%.2f" % max(a.barriers) if a.barriers else "–", pace(a))
            print(line)


def delta_table(part, baseline, unit_us=True):
    print("| variant | connections | req/s vs %s | Δ mean (µs) | Δ p50 (µs) | Δ p90 (µs) | Δ p99 (µs) |" % baseline)
    print("|---|---:|---:|---:|---:|---:|---:|")
    for c in conns_of(part):
        b = data.get((part, baseline, c))
        if b is None:
            continue
        for v in variants_of(part):
            if v == baseline or (part, v, c) not in data:
                continue
            a = data[(part, v, c)]
            print("| %s | %d | %.1f %% | %+.0f | %+d | %+d | %+d |" % (
                v, c, 100.0 * a.rps / b.rps if b.rps else 0.0, a.mean - b.mean,
                a.p(50) - b.p(50), a.p(90) - b.p(90), a.p(99) - b.p(99)))


# ------------------------------------------------------------------ overhead
if keys_of("overhead"):
    print("## Gateway overhead (gateway vs simulator direct vs nginx as a plain proxy)")
    print()
    print("| target | connections | req/s | share of nginx | CPU per request (µs: total (user+system)) | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | requests | non-2xx | socket errors |")
    print("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for c in conns_of("overhead"):
        n = data.get(("overhead", "nginx", c))
        for v in ("direct", "nginx", "full", "gateway"):
            a = data.get(("overhead", v, c))
            if a is None:
                continue
            name = TARGETS[v]
            share = "%.2f" % (a.rps / n.rps) if n is not None and n.rps else "–"
            print("| %s | %d | %.0f | %s | %s | %s | %s | %s | %s | %d | %d | %d |" % (
                name, c, a.rps, share, cpu_cell(a.cpu, a.requests), ms(a.p(50)), ms(a.p(90)), ms(a.p(99)), ms(a.max), a.requests, a.non2xx, a.sock))
    print()
    print(CPU_NOTE)
    print()
    for c in conns_of("overhead"):
        for v in ("full", "gateway"):
            g = data.get(("overhead", v, c))
            if g is not None and g.barriers and max(g.barriers) >= 0.1:
                print("After the %s run at %d connections the audit writer still had %.2f s of records queued "
                      "(writer pace %s): in a longer run the async audit queue (`regiongate.audit.queue-size`) fills "
                      "and the gateway slows to the writer's pace." % (TARGETS[v], c, max(g.barriers), pace(g)))
                print()
    print("Gateway overhead (gateway minus direct, same connection count):")
    print()
    print("| gateway | connections | req/s gateway / direct | Δ req/s | Δ p50 (ms) | Δ p99 (ms) |")
    print("|---|---:|---:|---:|---:|---:|")
    for c in conns_of("overhead"):
        for v in ("full", "gateway"):
            g, d = data.get(("overhead", v, c)), data.get(("overhead", "direct", c))
            if g is None or d is None:
                continue
            print("| %s | %d | %.1f %% | %+.0f | %+.2f | %+.2f |" % (TARGETS[v].split(" →")[0],
                c, 100.0 * g.rps / d.rps, g.rps - d.rps, (g.p(50) - d.p(50)) / 1000.0, (g.p(99) - d.p(99)) / 1000.0))
    print()

# ------------------------------------------------------------------ ttft
ttft = json.load(open(ttft_file))
if ttft:
    print("## Time to first token")
    print()
    print("Streaming (`\"stream\": true`), sequential requests on one keep-alive connection; "
          "time to first `data:` line and to `data: [DONE]`:")
    print()
    print("| target | requests | errors | CPU per stream (µs: total (user+system)) | TTFT p50 (ms) | TTFT p99 (ms) | full stream p50 (ms) | full stream p99 (ms) |")
    print("|---|---:|---:|---|---:|---:|---:|---:|")
    by = {r["target"]: r for r in ttft}
    for r in ttft:
        errors += r["errors"]
        name = TARGETS.get(r["target"], r["target"])
        cpu = cpu_cell(r.get("cpu"), r["requests"])
        if r["requests"]:
            print("| %s | %d | %d | %s | %.2f | %.2f | %.2f | %.2f |" % (name, r["requests"], r["errors"], cpu,
                  r["ttft_p50"], r["ttft_p99"], r["total_p50"], r["total_p99"]))
        else:
            print("| %s | 0 | %d | – | – | – | – | – |" % (name, r["errors"]))
    for v in ("nginx", "full", "gateway"):
        if v in by and "direct" in by and by[v]["requests"] and by["direct"]["requests"]:
            g, d = by[v], by["direct"]
            print("| **%s minus direct** | | | | %+.2f | %+.2f | %+.2f | %+.2f |" % (
                TARGETS.get(v, v).split(" →")[0], g["ttft_p50"] - d["ttft_p50"], g["ttft_p99"] - d["ttft_p99"],
                g["total_p50"] - d["total_p50"], g["total_p99"] - d["total_p99"]))
    print()
    print("CPU per stream: as CPU per request above, over the measured streams of each target; \"client\" is this")
    print("python client.")
    for r in ttft:
        for s in r["error_samples"]:
            print("\nStreaming error sample (%s): `%s`" % (r["target"], s))
    print()

# ------------------------------------------------------------------ quota
if keys_of("quota"):
    print("## Quota step cost")
    print()
    print("Same gateway, two tenants that differ only in `quotas`: `no-quotas` (the `admit-quota` step does")
    print("nothing) and `quotas` (generous limits, so every request is admitted by one entry processor on the")
    print("embedded Hazelcast member and settled by another one after the answer). Both tenants audit")
    print("`async`/`hash` to the journal and count the prompt's tokens; the difference is the admission, the")
    print("settlement and the `x-ratelimit-*` headers. The variants alternate in rounds.")
    print()
    main_table("quota", "tenant", extra_barrier=True)
    print()
    print("Difference (`quotas` minus `no-quotas`; Δ mean is the most stable figure for the per-request cost):")
    print()
    delta_table("quota", "no-quotas")
    print()

# ------------------------------------------------------------------ audit
for part, title in (("audit", "Audit cost — on-disk journal"),
                    ("kafka", "Audit cost — Kafka broker")):
    if not keys_of(part):
        continue
    print("## " + title)
    print()
    print("Same gateway, one tenant per `delivery/content` mode, no quotas. Every request leaves one record;")
    print("there is no audit-off mode, so compare against the cheapest mode. The variants alternate in rounds.")
    print("\"Writer backlog\": how long a `sync` request sent right after a run waited — the records the")
    print("single writer still had queued (0.00–0.01 s: none; the value includes one record of its own).")
    print("\"Audit writer pace\": when it fell behind, the records per second it wrote (requests / (run + backlog));")
    print("an `async` tenant sustains at most that rate once `regiongate.audit.queue-size` (10000) records wait.")
    print()
    main_table(part, "delivery/content", extra_barrier=True)
    print()
    vs = variants_of(part)
    base = "async/none" if "async/none" in vs else vs[0]
    print("Difference against `%s`:" % base)
    print()
    delta_table(part, base)
    print()

if any(keys_of(p) for p in ("quota", "audit", "kafka")):
    print(CPU_NOTE)
    print()

# ------------------------------------------------------------------ profiles
profiled = [(k, a) for k, a in data.items() if a.profiles]
if profiled:
    print("## Profile of the gateway (PROFILE=1)")
    print()
    print("The gateway JVM's JFR recording (settings=profile, running since its start), dumped for the window of")
    print("each measured gateway run; the CPU figures above include the recorder's own cost. The recordings")
    print("and these tables are in the run's directory.")
    print()
    for (part, variant, c), a in profiled:
        user = a.cpu.get("gateway", [0, 0])[0]
        system = a.cpu.get("gateway", [0, 0])[1]
        print("### %s, %s, %d connections" % (part, variant, c))
        print()
        if user + system:
            print("Gateway CPU: %.0f µs per request, %.0f %% user, %.0f %% system." % (
                1e6 * (user + system) / a.requests, 100 * user / (user + system), 100 * system / (user + system)))
            print()
        for path in a.profiles:
            print("Recording `%s`:" % path.rsplit("/", 1)[-1].replace(".md", ".jfr"))
            print()
            print(open(path).read())

# ------------------------------------------------------------------ errors
captures = open(captures_file).read().strip()
if captures:
    print("**Errors under load** — bodies captured in a short re-run:")
    print()
    print("```")
    print(captures)
    print("```")
elif errors == 0:
    print("No non-2xx responses and no socket errors in any measured run.")
if errors:
    print()
    print("**WARNING: %d non-2xx responses / socket errors / streaming errors in measured runs; the numbers above are not valid.**" % errors)
    print("ERRORS %d" % errors, file=sys.stderr)
