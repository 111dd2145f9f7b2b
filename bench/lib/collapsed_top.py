#!/usr/bin/env python3
"""The top frames of an async-profiler profile in collapsed form, as Markdown, for bench/run.sh PROFILE=1.

usage: collapsed_top.py PROFILE.collapsed [N]

async-profiler samples every thread by CPU time (event itimer: a signal per millisecond of the
process's CPU), native and kernel-entry frames included, so unlike JFR's execution samples it also
shows the time spent in system calls (futex waits and wake-ups of thread hand-offs, socket writes,
the journal's pwrite) and in the JIT compiler:
  - self: the frame on top of each sample (where the CPU went);
  - total: every frame of the project, and the entry points of Camel's HTTP call and answer,
    its completion taps, Hazelcast's operations and Vert.x's worker hand-off, anywhere on the stack,
    once per sample (what it and its callees cost);
  - by thread pool: the sample's outermost frame that names its kind of thread.
"""
import sys
from collections import Counter

path = sys.argv[1]
top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 15

INTERESTING = ("io/regiongate/",
               "org/apache/camel/component/http/HttpProducer.process",
               "org/apache/camel/component/platform/http/vertx/VertxPlatformHttpSupport.writeResponse",
               "org/apache/camel/component/platform/http/vertx/VertxPlatformHttpConsumer.handleRequest",
               "org/apache/camel/processor/OnCompletionProcessor",
               "org/apache/camel/impl/engine/DefaultUnitOfWork.done",
               "com/hazelcast/spi/impl/operationexecutor/impl/OperationThread.process",
               "io/vertx/core/impl/ContextImpl.lambda$executeBlocking")
POOLS = (("io/vertx/core/impl/WorkerTask.run", "Vert.x worker pool (the routes)"),
         ("io/netty/channel/nio/NioEventLoop.run", "Vert.x event loops"),
         ("org/apache/camel/component/seda/SedaConsumer.run", "audit writer (seda)"),
         ("com/hazelcast/", "Hazelcast threads"),
         ("CompileBroker::", "JIT compiler"),
         ("GCTaskThread", "garbage collector"))

total = 0
self_counts, incl_counts, pools = Counter(), Counter(), Counter()
with open(path) as lines:
    for line in lines:
        stack, _, n = line.rstrip("\n").rpartition(" ")
        if not stack:
            continue
        n = int(n)
        total += n
        frames = stack.split(";")
        self_counts[frames[-1]] += n
        for frame in set(frames):
            if frame.startswith(INTERESTING):
                incl_counts[frame] += n
        pool = next((name for marker, name in POOLS if any(f.startswith(marker) for f in frames)), "other")
        pools[pool] += n

if not total:
    print("async-profiler took no samples.")
    sys.exit(0)
print("async-profiler (event itimer), %d samples of the gateway's CPU." % total)
print()
print("| thread pool | samples | share |")
print("|---|---:|---:|")
for name, n in pools.most_common():
    print("| %s | %d | %.1f %% |" % (name, n, 100.0 * n / total))
print()
print("| top of stack (self; native and system calls included) | samples | share |")
print("|---|---:|---:|")
for frame, n in self_counts.most_common(top_n):
    print("| `%s` | %d | %.1f %% |" % (frame.replace("/", ".")[:120], n, 100.0 * n / total))
print()
print("| anywhere on the stack (total) | samples | share |")
print("|---|---:|---:|")
for frame, n in incl_counts.most_common(top_n * 2):
    print("| `%s` | %d | %.1f %% |" % (frame.replace("/", ".")[:120], n, 100.0 * n / total))
print()
