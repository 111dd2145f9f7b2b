#!/usr/bin/env python3
"""CPU time of processes from /proc, for bench/run.sh and bench/lib/ttft.py.

usage:
  proccpu.py snap name=pid [name=pid ...]      one line per name: "name user_s system_s"
                                               (the process and all its descendants, e.g. nginx's workers)
  proccpu.py run OUT.json cmd [args ...]       runs cmd (stdout/stderr passed through) and writes the user
                                               and system CPU time of it and its waited-for children to
                                               OUT.json (os.wait4's rusage); exits with cmd's status
  proccpu.py threads PID                      one line per thread kind (the thread's name with digits as #):
                                               "kind<TAB>user_s<TAB>system_s<TAB>threads"
  proccpu.py threads-delta BEFORE AFTER        Markdown table: CPU per thread kind between two `threads` outputs
  proccpu.py delta BEFORE AFTER CLIENT.json OUT.json client-name
                                               the CPU each process used between two snap outputs, plus the
                                               client's (from run), as JSON {name: [user_s, system_s]}

/proc/<pid>/stat holds utime and stime (fields 14 and 15, in clock ticks) summed over the process's
threads; the times of exited children are not in them, which is why a short-lived client such as wrk is
measured with `run`.
"""
import json
import os
import re
import subprocess
import sys

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid):
    with open("/proc/%d/stat" % pid) as f:
        text = f.read()
    fields = text[text.rindex(")") + 2:].split()   # after "pid (comm) ": field 3 is fields[0]
    return int(fields[11]), int(fields[12])          # utime, stime


def _children(pid):
    kids = []
    try:
        for task in os.listdir("/proc/%d/task" % pid):
            try:
                with open("/proc/%d/task/%s/children" % (pid, task)) as f:
                    kids += [int(k) for k in f.read().split()]
            except OSError:
                pass
    except OSError:
        pass
    return kids


def tree_cpu(pid):
    """(user_s, system_s) of pid and its descendants that are alive now; (0, 0) when pid is gone."""
    user = system = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            u, s = _stat(p)
        except (OSError, ValueError, IndexError):
            continue
        user += u
        system += s
        todo += _children(p)
    return user / TICK, system / TICK


def threads(pid):
    """{kind: [user_s, system_s, threads]} over the live threads of pid, by name with digits as #."""
    kinds = {}
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/comm" % (pid, tid)) as f:
                kind = re.sub(r"\d+", "#", f.read().strip())
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                text = f.read()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2:].split()
        acc = kinds.setdefault(kind, [0.0, 0.0, 0])
        acc[0] += int(fields[11]) / TICK
        acc[1] += int(fields[12]) / TICK
        acc[2] += 1
    return kinds


def _parse_threads(path):
    out = {}
    for line in open(path):
        kind, u, s, n = line.rstrip("\n").split("\t")
        out[kind] = (float(u), float(s), int(n))
    return out


def snapshot(named):
    """{name: (user_s, system_s)} for a {name: pid} mapping."""
    return {name: tree_cpu(int(pid)) for name, pid in named.items()}


def _parse_snap(path):
    out = {}
    for line in open(path):
        name, u, s = line.split()
        out[name] = (float(u), float(s))
    return out


def main(argv):
    if argv[0] == "snap":
        for name, (u, s) in snapshot(dict(a.split("=", 1) for a in argv[1:])).items():
            print("%s %.3f %.3f" % (name, u, s))
    elif argv[0] == "threads":
        for kind, (u, s, n) in sorted(threads(int(argv[1])).items()):
            print("%s\t%.3f\t%.3f\t%d" % (kind, u, s, n))
    elif argv[0] == "threads-delta":
        before, after = _parse_threads(argv[1]), _parse_threads(argv[2])
        rows = []
        for kind, (u, s, n) in after.items():
            b = before.get(kind, (0.0, 0.0, 0))
            rows.append((u - b[0] + s - b[1], u - b[0], s - b[1], n, kind))
        total = sum(r[0] for r in rows) or 1.0
        print("| thread kind (/proc, name truncated to 15 characters) | threads | CPU s | user s | system s | share |")
        print("|---|---:|---:|---:|---:|---:|")
        for cpu, u, s, n, kind in sorted(rows, reverse=True)[:12]:
            if cpu > 0:
                print("| `%s` | %d | %.2f | %.2f | %.2f | %.1f %% |" % (kind, n, cpu, u, s, 100 * cpu / total))
        print()
    elif argv[0] == "run":
        out, cmd = argv[1], argv[2:]
        proc = subprocess.Popen(cmd)
        _, status, usage = os.wait4(proc.pid, 0)
        json.dump({"user": usage.ru_utime, "system": usage.ru_stime}, open(out, "w"))
        return os.waitstatus_to_exitcode(status)
    elif argv[0] == "delta":
        before, after = _parse_snap(argv[1]), _parse_snap(argv[2])
        result = {name: [after[name][0] - b[0], after[name][1] - b[1]] for name, b in before.items() if name in after}
        if argv[3] != "-" and os.path.exists(argv[3]):
            client = json.load(open(argv[3]))
            result[argv[5]] = [client["user"], client["system"]]
        json.dump(result, open(argv[4], "w"))
    else:
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
