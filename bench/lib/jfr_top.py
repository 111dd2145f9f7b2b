#!/usr/bin/env python3
"""The top frames of a JFR recording, as Markdown, for bench/run.sh PROFILE=1.

usage: jfr_top.py RECORDING.jfr [N [BEGIN END]]

BEGIN and END (UTC instants, e.g. 2026-12-02T13:47:34.848Z) keep only the samples taken between them
(a dump of a running recording holds whole chunks, which may begin earlier).

Reads the recording with the JDK's `jfr print --json` (JDK 17 has no `jfr view`) and counts the
jdk.ExecutionSample events (threads running Java code, sampled every 10 ms with settings=profile):
  - self: the method on top of each sampled stack (where the CPU went);
  - total: every method anywhere on the stack, once per sample (what it and its callees cost),
    for the methods of the project, Camel, Vert.x/Netty, Hazelcast, Jackson and the JDK's I/O;
  - per thread kind: the thread names with their numbers taken out (which pools do the work).
jdk.NativeMethodSample events (threads inside native code: waiting in epoll, or in a system call)
are counted by their top Java frame, separately: they are not CPU time, but show where threads wait.
"""
import json
import re
import subprocess
import sys
from collections import Counter

path = sys.argv[1]
top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 15
window = (sys.argv[3], sys.argv[4]) if len(sys.argv) > 4 else None


def instant(text):
    """An ISO instant as (seconds string, nanoseconds), comparable: '2026-...T13:47:34.848062090Z'."""
    whole, _, frac = text.rstrip("Z").partition(".")
    return whole, int((frac + "000000000")[:9])

raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64",
                      "--events", "jdk.ExecutionSample,jdk.NativeMethodSample,jdk.CompilerStatistics", path],
                     check=True, capture_output=True).stdout
events = json.loads(raw)["recording"]["events"]

INTERESTING = ("io.regiongate.", "org.apache.camel.", "io.vertx.", "io.netty.", "com.hazelcast.",
               "com.fasterxml.jackson.", "org.apache.hc.", "sun.nio.", "java.util.concurrent.")


def method_name(frame):
    m = frame["method"]
    return "%s.%s" % (m["type"]["name"].replace("/", "."), m["name"])


def thread_kind(thread):
    if not thread:
        return "?"
    name = thread.get("javaName") or thread.get("osName") or "?"
    return re.sub(r"\d+", "#", name)


self_counts, total_counts, threads, native_top = Counter(), Counter(), Counter(), Counter()
samples = native = 0
compile_counts = []
if window:
    low, high = instant(window[0]), instant(window[1])
    events = [e for e in events if low <= instant(e["values"]["startTime"]) <= high]
for e in events:
    values = e["values"]
    if e["type"] == "jdk.CompilerStatistics":
        compile_counts.append(values["compileCount"])
        continue
    frames = (values.get("stackTrace") or {}).get("frames") or []
    if e["type"] == "jdk.NativeMethodSample":
        native += 1
        if frames:
            native_top[method_name(frames[0])] += 1
        continue
    samples += 1
    threads[thread_kind(values.get("sampledThread"))] += 1
    if not frames:
        continue
    self_counts[method_name(frames[0])] += 1
    for name in {method_name(f) for f in frames}:
        if name.startswith(INTERESTING) and "$$Lambda" not in name:
            total_counts[name] += 1


def table(title, counter, total, n=top_n):
    print("| %s | samples | share |" % title)
    print("|---|---:|---:|")
    for name, count in counter.most_common(n):
        print("| `%s` | %d | %.1f %% |" % (name, count, 100.0 * count / total if total else 0))
    print()


print("%d execution samples (threads running Java code), %d native-method samples (threads in native code)."
      % (samples, native))
if len(compile_counts) > 1:
    print("JIT compilations in the window (jdk.CompilerStatistics, sampled every second): %d."
          % (max(compile_counts) - min(compile_counts)))
print()
table("top of stack (self)", self_counts, samples)
table("anywhere on the stack (total)", total_counts, samples)
table("thread kind", threads, samples, 10)
if native:
    table("native-method samples by top frame (waiting or in a system call, not CPU)", native_top, native, 8)
