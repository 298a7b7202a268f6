#!/usr/bin/env python3
"""Helpers of bench/compare.sh: start a server and time it to ready, run one wrk round with CPU accounting,
read resident memory, and turn the recorded measurements into the final table and JSON summary.

Subcommands (each prints JSON on stdout; human lines and failures go to stderr):
  free-port                                  a free TCP port on 127.0.0.1
  start LOG PIDFILE URL STATUS TIMEOUT -- CMD...
                                             start CMD (stdout+stderr to LOG, its pid to PIDFILE at once), poll
                                             URL every 10 ms until it answers STATUS; wall clock from just before
                                             the process is created; the server keeps running after this exits;
                                             for Gerbang (URL .../health/ready) also its log's "started in N ms"
  rss PID                                    VmRSS of a process, KiB
  round FIGURE SERVER PHASE ROUND PID PID_DIR -- WRK_ARGS...
                                             one wrk run against the server PID: requests, req/s, the server's
                                             utime+stime from /proc/PID/stat before and after, wrk's own CPU,
                                             the CPU of the benchmark's other servers (pid files in PID_DIR)
                                             and of everything else on the machine meanwhile;
                                             exits 1 (saying why) on any wrk error or non-2xx/3xx response
  timed PID -- CMD...                        run CMD (one JSON line out) and add the share of the cores used by
                                             everything but CMD and the (idle) server PID meanwhile
  report RESULTS_JSONL SUMMARY_JSON          the table, and the JSON summary file
"""
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")  # the same value as `getconf CLK_TCK`

# Third-party figures quoted by issue 15. Recorded earlier on this machine, NOT re-run by this benchmark.
REALWORLD_REFERENCES = [("RealWorld Vert.x 3.8 + Spring on H2", 770.0), ("RealWorld Quarkus 3.33 on H2", 260.0)]
KEYCLOAK_LOGINS = 29.0


def fail(message):
    print(f"compare: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


def http_status(url, timeout=1.0):
    m = re.match(r"http://([^:/]+):(\d+)(/.*)", url)
    conn = http.client.HTTPConnection(m.group(1), int(m.group(2)), timeout=timeout)
    try:
        conn.request("GET", m.group(3))
        return conn.getresponse().status
    finally:
        conn.close()


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


def start(log, pidfile, url, status, timeout, cmd):
    want = int(status)
    self0 = os.times()
    _, busy0 = machine_ticks()
    with open(log, "ab") as out:
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    with open(pidfile, "w") as f:
        f.write(str(proc.pid))
    deadline = t0 + float(timeout)
    last = "no answer"
    while True:
        if proc.poll() is not None:
            fail(f"{cmd[0]} exited with {proc.returncode} before answering {want} at {url}; see {log}")
        try:
            got = http_status(url)
            if got == want:
                break
            last = f"status {got}"
        except OSError as e:
            last = str(e)
        if time.monotonic() > deadline:
            fail(f"no {want} from {url} within {timeout} s (last: {last}); see {log}")
        time.sleep(0.01)
    ready_ms = (time.monotonic() - t0) * 1000
    rss = rss_kib(proc.pid)
    _, busy1 = machine_ticks()
    self1 = os.times()
    # The share of the cores that processes other than the server and this poller used while it started.
    other = ((busy1 - busy0 - cpu_ticks(proc.pid)) / CLK_TCK - (self1.user - self0.user) - (self1.system - self0.system))
    other_share = round(max(0.0, other) / (os.cpu_count() * ready_ms / 1000), 3)
    # Gerbang's own figure: "Gerbang is ready at ... (started in N ms)", logged as its deployment completes
    # (looked for only when the URL is Gerbang's readiness check).
    started_in = None
    wait_until = time.monotonic() + (5 if url.endswith("/health/ready") else 0)
    while started_in is None and time.monotonic() < wait_until:
        with open(log, errors="replace") as f:
            found = re.findall(r"started in (\d+) ms", f.read())
        if found:
            started_in = int(found[-1])
        else:
            time.sleep(0.02)
    print(json.dumps({"pid": proc.pid, "readyMs": round(ready_ms, 1), "rssAtReadyKib": rss, "startedInMs": started_in,
                      "otherCpuShare": other_share}))


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime (fields 14 and 15 of proc(5))


def machine_ticks():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]  # user nice system idle iowait irq softirq steal
    return sum(v), sum(v) - v[3] - v[4]


def load1():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def timed(pid, cmd):
    """Runs cmd (which prints one JSON object), adds the share of the cores that processes other than cmd and
    the idle server `pid` used meanwhile, and the 1-minute load average before."""
    pid = int(pid)
    load_before = load1()
    total0, busy0 = machine_ticks()
    cpu0 = cpu_ticks(pid)
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    output = proc.stdout.read().decode()
    _, code, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - t0
    total1, busy1 = machine_ticks()
    cpu1 = cpu_ticks(pid)
    if os.waitstatus_to_exitcode(code) != 0:
        fail(f"{cmd} failed:\n{output}")
    result = json.loads(output)
    other = (busy1 - busy0 - (cpu1 - cpu0)) / CLK_TCK - usage.ru_utime - usage.ru_stime
    result.update(otherCpuShare=round(max(0.0, other) / (os.cpu_count() * wall), 3), load1Before=load_before)
    print(json.dumps(result))


def own_pids(pid_dir, measured):
    pids = []
    for name in os.listdir(pid_dir):
        try:
            p = int(open(os.path.join(pid_dir, name)).read())
        except (OSError, ValueError):
            continue
        if p != measured and os.path.exists(f"/proc/{p}"):
            pids.append(p)
    return pids


def ticks_of(pids):
    total = 0
    for p in pids:
        try:
            total += cpu_ticks(p)
        except OSError:
            pass
    return total


def run_round(figure, server, phase, round_no, pid, pid_dir, wrk_args):
    pid = int(pid)
    idle = own_pids(pid_dir, pid)  # the benchmark's other server(s), idle meanwhile: not counted as "others"
    load_before = load1()
    total0, busy0 = machine_ticks()
    idle0 = ticks_of(idle)
    cpu0 = cpu_ticks(pid)
    t0 = time.monotonic()
    proc = subprocess.Popen(["wrk"] + wrk_args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = proc.stdout.read().decode(errors="replace")
    _, code, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - t0
    try:
        cpu1 = cpu_ticks(pid)
    except FileNotFoundError:
        fail(f"{server} (pid {pid}) died during the {figure} {phase}")
    idle1 = ticks_of(idle)
    total1, busy1 = machine_ticks()
    code = os.waitstatus_to_exitcode(code)
    found = [line[len("BENCH_JSON "):] for line in output.splitlines() if line.startswith("BENCH_JSON ")]
    if code != 0 or not found:
        fail(f"wrk failed (exit {code}) for {figure} on {server}:\n{output}")
    w = json.loads(found[0])
    server_cpu = (cpu1 - cpu0) / CLK_TCK
    wrk_cpu = usage.ru_utime + usage.ru_stime
    idle_cpu = (idle1 - idle0) / CLK_TCK
    machine_busy = (busy1 - busy0) / CLK_TCK
    cores = os.cpu_count()
    seconds = w["durationUs"] / 1e6
    result = {
        "figure": figure, "server": server, "phase": phase, "round": int(round_no),
        "requests": w["requests"], "seconds": round(seconds, 3), "reqPerSec": round(w["requests"] / seconds, 1),
        "serverCpuSeconds": round(server_cpu, 2),
        "reqPerCpuSecond": round(w["requests"] / server_cpu, 1) if server_cpu > 0 else None,
        "wrkCpuSeconds": round(wrk_cpu, 2),
        # The benchmark's other (idle) server meanwhile, e.g. Gerbang's timers and JIT during a bare round.
        "idleServerCpuSeconds": round(idle_cpu, 2),
        # Everything else on the machine (other engineers' builds and tests), as a share of all cores over the
        # round: how busy the machine was apart from the benchmark's own processes.
        "otherCpuShare": round(max(0.0, machine_busy - server_cpu - wrk_cpu - idle_cpu) / (cores * wall), 3),
        "load1Before": load_before,
        "latencyP50Ms": w["latencyP50Us"] / 1000, "latencyP99Ms": w["latencyP99Us"] / 1000,
        "wrk": w,
    }
    errors = {k: w[k] for k in ("connectErrors", "readErrors", "writeErrors", "timeouts", "statusErrors") if w[k]}
    label = f"{figure:<9} {server:<8} {phase} {round_no}"
    print(f"  {label:<30} {result['reqPerSec']:>10,.1f} req/s  {result['reqPerCpuSecond'] or 0:>9,.0f} req/CPU-s  "
          f"p99 {result['latencyP99Ms']:.1f} ms  (others used {result['otherCpuShare']:.0%} of the cores, load {load_before})",
          file=sys.stderr)
    if w["requests"] == 0:
        fail(f"{label}: wrk completed no request")
    if errors:
        detail = ", ".join(f"{v} {k}" for k, v in errors.items())
        why = " (statusErrors = responses with a status of 400 or more, e.g. 401 or 429)" if "statusErrors" in errors else ""
        fail(f"{label}: {detail}{why} out of {w['requests']} requests: this round did not measure what it claims, "
             f"so nothing is reported.\n{output}")
    print(json.dumps(result))


# ---------------------------------------------------------------------------------------------------------
# Report

def fmt(n, unit=""):
    if n is None:
        return "-"
    return (f"{n:,.0f}" if abs(n) >= 100 else f"{n:,.1f}") + unit


def rounds_of(s):
    """The mean of the rounds and, in brackets, each round: '939 (681 / 1,198)'."""
    return f"{fmt(s['mean'])} ({' / '.join(fmt(x) for x in s['rounds'])})"


def cpu_rounds_of(s):
    """Requests per CPU-second over all rounds and, in brackets, each round."""
    return f"{fmt(s['perCpuSecond'])} ({' / '.join(fmt(x) for x in s['roundsPerCpuSecond'])})"


def report(results_path, summary_path):
    rows = [json.loads(line) for line in open(results_path) if line.strip()]
    meta = {}
    for r in rows:
        if r.get("kind") == "meta":
            meta.update({k: v for k, v in r.items() if k != "kind"})
    rounds = [r for r in rows if "figure" in r and r.get("phase") == "round"]
    warmups = [r for r in rows if "figure" in r and r.get("phase") == "warm-up"]

    def series(figure, server):
        rs = [r for r in rounds if r["figure"] == figure and r["server"] == server]
        if not rs:
            return None
        return {
            "rounds": [r["reqPerSec"] for r in rs],
            "mean": statistics.mean(r["reqPerSec"] for r in rs),
            "roundsPerCpuSecond": [r["reqPerCpuSecond"] for r in rs],
            # all the rounds' requests over all the rounds' server CPU time
            "perCpuSecond": sum(r["requests"] for r in rs) / sum(r["serverCpuSeconds"] for r in rs),
            "otherCpuShare": [r["otherCpuShare"] for r in rs],
        }

    summary = {"meta": meta, "figures": {}, "rounds": rounds, "warmups": warmups}
    table = []  # (figure, gerbang, reference, ratio, goal, met)
    notes = []

    def met(ok):
        return "yes" if ok else "NO"

    # Only the figures asked for (--only memory runs the Gerbang loads too, for the memory "after the load" figure:
    # their rounds stay in the JSON, not in the table).
    only = set(meta.get("only", "me,articles,login,startup,memory").split(","))
    g, b = (series("me", "gerbang"), series("me", "bare")) if "me" in only else (None, None)
    if g:
        fig = {"gerbang": g, "bare": b}
        if b:
            ratio = g["mean"] / b["mean"]
            cpu_ratio = g["perCpuSecond"] / b["perCpuSecond"]
            fig.update(ratio=ratio, perCpuSecondRatio=cpu_ratio, goal=">= 0.50 of bare", met=ratio >= 0.5)
            table.append(("GET /api/me (authenticated), req/s", rounds_of(g), f"bare Vert.x + HS256: {rounds_of(b)}",
                          f"{ratio:.1%}", ">= 50%", met(ratio >= 0.5)))
            table.append(("  same, requests per CPU-second", cpu_rounds_of(g), f"bare: {cpu_rounds_of(b)}",
                          f"{cpu_ratio:.1%}", "(context)", ""))
        else:
            table.append(("GET /api/me (authenticated), req/s", rounds_of(g), "bare server not run", "-", ">= 50%", "-"))
        summary["figures"]["me"] = fig

    a = series("articles", "gerbang") if "articles" in only else None
    if a:
        fig = {"gerbang": a, "references": [], "referencesAreRecorded": True}
        for name, value in REALWORLD_REFERENCES:
            ratio = a["mean"] / value
            fig["references"].append({"name": name, "reqPerSec": value, "ratio": ratio, "met": ratio >= 10})
            table.append(("GET /api/articles (20 published), req/s", rounds_of(a), f"{name}: {value:.0f} (recorded)",
                          f"{ratio:.1f}x", ">= 10x", met(ratio >= 10)))
        fig["met"] = all(x["met"] for x in fig["references"])
        summary["figures"]["articles"] = fig

    l = series("login", "gerbang") if "login" in only else None
    hash_rows = [r for r in rows if r.get("kind") == "hash"]
    if l:
        fig = {"gerbang": l}
        if hash_rows:
            h = hash_rows[-1]
            cores = meta.get("cores")
            ceiling = cores * 1000.0 / h["medianMs"]
            pct = l["mean"] / ceiling
            fig.update(hash=h, cores=cores, ceiling=ceiling, ofCeiling=pct, ceilingMet=pct >= 0.9)
            if "minMs" in h and h["medianMs"] > 1.3 * h["minMs"]:
                notes.append(f"One hash took {h['minMs']:.1f}-{h['maxMs']:.1f} ms (median {h['medianMs']:.1f}): hashes were "
                             f"slowed by other work, so the ceiling is low and the share of it high; with the fastest hash "
                             f"the ceiling would be {cores * 1000.0 / h['minMs']:,.1f}/s ({l['mean'] / (cores * 1000.0 / h['minMs']):.0%}).")
            table.append(("POST /api/auth/login, 4 conns, logins/s", rounds_of(l),
                          f"ceiling {cores} cores / one hash {h['medianMs']:.1f} ms (measured) = {fmt(ceiling)}/s", f"{pct:.0%}", ">= 90%",
                          met(pct >= 0.9)))
        kc = l["mean"] / KEYCLOAK_LOGINS
        fig.update(keycloak=KEYCLOAK_LOGINS, keycloakRatio=kc, keycloakMet=kc >= 1.5, keycloakIsRecorded=True)
        table.append(("  same, against Keycloak 26.5", fmt(l["mean"]), f"Keycloak: {KEYCLOAK_LOGINS:.0f}/s (recorded)",
                      f"{kc:.2f}x", ">= 1.5x", met(kc >= 1.5)))
        summary["figures"]["login"] = fig
    elif hash_rows:
        summary["figures"]["hash"] = hash_rows[-1]

    starts = [r for r in rows if r.get("kind") == "startup"]
    if starts:
        fig = {}
        for mode in ("fresh", "restart"):
            rs = [r for r in starts if r["mode"] == mode]
            if not rs:
                continue
            ready = statistics.median(r["readyMs"] for r in rs)
            started = [r["startedInMs"] for r in rs if r["startedInMs"] is not None]
            fig[mode] = {"readyMs": [r["readyMs"] for r in rs], "medianReadyMs": ready,
                         "startedInMs": started, "medianStartedInMs": statistics.median(started) if started else None,
                         "rssAtReadyKib": [r["rssAtReadyKib"] for r in rs], "met": ready < 2000}
            label = "fresh data dir" if mode == "fresh" else "restart, same data dir"
            table.append((f"java -jar to /health/ready, {label}", fmt(ready, " ms"),
                          f"log's 'started in': {fmt(fig[mode]['medianStartedInMs'], ' ms')}", f"median of {len(rs)}",
                          "< 2,000 ms", met(ready < 2000)))
        summary["figures"]["startup"] = fig

    mem = {r["when"]: r for r in rows if r.get("kind") == "memory"}
    if mem:
        fig = {}
        if "idle" in mem:
            mib = mem["idle"]["rssKib"] / 1024
            fig["idleMiB"] = mib
            fig["idleMet"] = mib < 200
            table.append(("resident memory, idle after start", fmt(mib, " MiB"), "-", "-", "< 200 MiB", met(mib < 200)))
        if "after-load" in mem:
            mib = mem["after-load"]["rssKib"] / 1024
            fig["afterLoadMiB"] = mib
            fig["afterLoadMet"] = mib < 512
            served = [r for r in rows if r.get("server") == "gerbang"]
            load = (f"after {sum(r['requests'] for r in served):,} requests in {sum(r['seconds'] for r in served):.0f} s "
                    f"({', '.join(sorted(set(r['figure'] for r in served)))})")
            fig["load"] = load
            table.append(("resident memory, after the load", fmt(mib, " MiB"), load, "-", "< 512 MiB", met(mib < 512)))
        summary["figures"]["memory"] = fig

    # Anything measured while other processes used more than a tenth of the cores is named: a figure taken while
    # other work ran is not a quiet-machine figure (the load average alone cannot tell: it counts this run too).
    measured = [(f"{r['figure']} {r['server']} round {r['round']}", r["otherCpuShare"]) for r in rounds]
    measured += [(f"start-up {r['mode']} {r['run']}", r["otherCpuShare"]) for r in starts if "otherCpuShare" in r]
    measured += [("the hash timing", r["otherCpuShare"]) for r in hash_rows if "otherCpuShare" in r]
    disturbed = [(name, share) for name, share in measured if share > 0.10]
    summary["disturbed"] = [{"what": n, "otherCpuShare": v} for n, v in disturbed]
    summary["notes"] = notes
    with open(summary_path, "w") as f:
        json.dump(summary, f, indent=2)

    print()
    print(f"Gerbang {meta.get('commit', '?')}, {meta.get('date', '?')}; {meta.get('cores')} cores; {meta.get('java', '')}; "
          f"{meta.get('wrk', '')}")
    if rounds:
        print(f"wrk -t1 -c8 (login -c4), warm-up {meta.get('warmupSeconds')} s per server, "
              f"{meta.get('roundSeconds')} s rounds, interleaved; rate limiter and request log off; loopback")
    print(f"load average (1/5/15 min) before: {meta.get('loadBefore')}  after: {meta.get('loadAfter')}")
    if meta.get("quick"):
        print("QUICK RUN (--quick): a smoke test of the instrument, not figures to quote")
    if measured:
        shares = [v for _, v in measured]
        print(f"CPU used by other processes while measuring: {min(shares):.0%}-{max(shares):.0%} of the cores "
              f"(median {statistics.median(shares):.0%})")
    if disturbed:
        print(f"BUSY MACHINE: other processes used more than 10 % of the cores during {len(disturbed)} of "
              f"{len(measured)} measurements: " + ", ".join(f"{n} ({v:.0%})" for n, v in disturbed)
              + ". Those figures are not quiet-machine figures.")
    print("References marked (recorded) are the figures quoted in issue 15, measured earlier: they are NOT re-run here.")
    print()
    head = ("figure", "Gerbang", "reference", "ratio", "goal", "met?")
    widths = [max(len(str(r[i])) for r in table + [head]) for i in range(6)]
    print("| " + " | ".join(h.ljust(widths[i]) for i, h in enumerate(head)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in table:
        print("| " + " | ".join(str(c).ljust(widths[i]) for i, c in enumerate(r)) + " |")
    for n in notes:
        print(f"Note: {n}")
    print()
    print(f"JSON summary: {summary_path}")


def main():
    args = sys.argv[1:]
    cmd = args[0] if args else ""
    if cmd == "free-port":
        free_port()
    elif cmd == "rss":
        print(rss_kib(int(args[1])))
    elif cmd == "start":
        sep = args.index("--")
        start(*args[1:sep], args[sep + 1:])
    elif cmd == "round":
        sep = args.index("--")
        run_round(*args[1:sep], args[sep + 1:])
    elif cmd == "timed":
        sep = args.index("--")
        timed(args[1], args[sep + 1:])
    elif cmd == "report":
        report(args[1], args[2])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
