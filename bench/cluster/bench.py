#!/usr/bin/env python3
"""Helpers of bench/cluster-bench.sh (standard library only). Each prints JSON on stdout; human lines and failures
go to stderr.

Subcommands:
  round CONFIG FIGURE PHASE N PIDS -- WRK_ARGS...
        one wrk run (bench/compare/wrk.lua prints its counts); PIDS is "nodes=1,2,3;haproxy=4;postgres=5" (the
        postgres entry is the postmaster: its children are counted too). Reports req/s, latency, and the CPU
        each part used meanwhile (utime+stime from /proc), wrk's own, and everything else on the machine
        (other engineers' work) as a share of the cores. Exits 1 on any wrk error or non-2xx/3xx answer.
  revocation A_URL B_URLS EMAIL PASSWORD N
        N times: sign in through node A, GET /api/me on node B (warms B's session cache: 200), log out on A,
        then poll GET /api/me on B until it answers 401. The latency is from A's answer to the logout to B's
        first 401 (B_URLS: comma-separated, used in turn). Keep-alive connections straight to the nodes.
  report RESULTS_JSONL SUMMARY_JSON
        the table and the JSON summary
"""
import http.client
import json
import os
import statistics
import subprocess
import sys
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")


def fail(message):
    print(f"cluster-bench: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def children(pid):
    kids = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        kids.append(int(name))
            except (OSError, ValueError, IndexError):
                pass
    return kids


def machine_busy():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    return sum(v) - v[3] - v[4]


def parts_of(spec):
    """'nodes=1,2;haproxy=3;postgres=4' -> {'nodes': [1, 2], 'haproxy': [3], 'postgres': [4, its children...]}"""
    parts = {}
    for item in filter(None, spec.split(";")):
        name, pids = item.split("=", 1)
        pids = [int(p) for p in pids.split(",") if p]
        if name == "postgres":
            pids = pids + [k for p in pids for k in children(p)]
        parts[name] = pids
    return parts


def ticks(parts):
    out = {}
    for name, pids in parts.items():
        total = 0
        for p in pids:
            try:
                total += cpu_ticks(p)
            except OSError:
                if name == "nodes":
                    fail(f"node pid {p} died during the round")
        out[name] = total
    return out


def run_round(config, figure, phase, n, spec, wrk_args):
    parts = parts_of(spec)
    with open("/proc/loadavg") as f:
        load_before = float(f.read().split()[0])
    busy0, t0 = machine_busy(), time.monotonic()
    c0 = ticks(parts)
    proc = subprocess.Popen(["wrk"] + wrk_args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = proc.stdout.read().decode(errors="replace")
    _, code, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - t0
    c1 = ticks(parts)
    busy1 = machine_busy()
    code = os.waitstatus_to_exitcode(code)
    found = [line[len("BENCH_JSON "):] for line in output.splitlines() if line.startswith("BENCH_JSON ")]
    if code != 0 or not found:
        fail(f"wrk failed (exit {code}) for {figure} on {config}:\n{output}")
    w = json.loads(found[0])
    cpu = {name: (c1[name] - c0[name]) / CLK_TCK for name in parts}
    wrk_cpu = usage.ru_utime + usage.ru_stime
    ours = sum(cpu.values()) + wrk_cpu
    others = max(0.0, (busy1 - busy0) / CLK_TCK - ours)
    seconds = w["durationUs"] / 1e6
    server_cpu = sum(cpu.values())
    result = {
        "config": config, "figure": figure, "phase": phase, "round": int(n), "requests": w["requests"],
        "seconds": round(seconds, 3), "reqPerSec": round(w["requests"] / seconds, 1),
        "cpuSeconds": {k: round(v, 2) for k, v in cpu.items()}, "wrkCpuSeconds": round(wrk_cpu, 2),
        "reqPerCpuSecond": round(w["requests"] / server_cpu, 1) if server_cpu > 0 else None,
        "otherCpuShare": round(others / (os.cpu_count() * wall), 3), "load1Before": load_before,
        "latencyP50Ms": w["latencyP50Us"] / 1000, "latencyP99Ms": w["latencyP99Us"] / 1000, "wrk": w,
    }
    cpu_text = ", ".join(f"{k} {v:.1f}" for k, v in cpu.items())
    print(f"  {config:<22} {figure:<8} {phase} {n}  {result['reqPerSec']:>9,.1f} req/s  p99 {result['latencyP99Ms']:.1f} ms  "
          f"CPU-s: {cpu_text}, wrk {wrk_cpu:.1f}  (others used {result['otherCpuShare']:.0%} of the cores, load {load_before})",
          file=sys.stderr)
    errors = {k: w[k] for k in ("connectErrors", "readErrors", "writeErrors", "timeouts", "statusErrors") if w[k]}
    if w["requests"] == 0:
        fail(f"{config} {figure}: wrk completed no request")
    if errors:
        fail(f"{config} {figure} {phase} {n}: {errors} out of {w['requests']} requests (statusErrors = answers of 400 or "
             f"more): this round did not measure what it claims, so nothing is reported.\n{output}")
    print(json.dumps(result))


class Conn:
    """A keep-alive connection to one node."""

    def __init__(self, url):
        host, port = url.split("://", 1)[1].rstrip("/").split(":")
        self.host, self.port = host, int(port)
        self.c = None

    def call(self, method, path, body=None, token=None):
        headers = {}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Bearer {token}"
        for attempt in (1, 2):
            if self.c is None:
                self.c = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                self.c.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
                r = self.c.getresponse()
                data = r.read()
                return r.status, (json.loads(data) if data else None)
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A keep-alive connection the server closed meanwhile: once more on a new one (these calls are a
                # sign-in, a logout before any answer, or reads).
                self.c.close()
                self.c = None
                if attempt == 2:
                    raise


def revocation(a_url, b_urls, email, password, n):
    a = Conn(a_url)
    bs = [Conn(u) for u in b_urls.split(",")]
    samples, polls, first_poll = [], [], 0
    for i in range(int(n)):
        b = bs[i % len(bs)]
        status, body = a.call("POST", "/api/auth/login", {"email": email, "password": password})
        if status != 200:
            fail(f"sign-in on A answered {status}: {body}")
        token = body["accessToken"]
        status, _ = b.call("GET", "/api/me", token=token)
        if status != 200:
            fail(f"GET /api/me on B (warming its cache) answered {status}")
        status, _ = b.call("GET", "/api/me", token=token)
        if status != 200:
            fail(f"GET /api/me on B (second, cached) answered {status}")
        status, _ = a.call("POST", "/api/auth/logout", token=token)
        t_ack = time.perf_counter()
        if status not in (200, 204):
            fail(f"logout on A answered {status}")
        k = 0
        while True:
            k += 1
            status, _ = b.call("GET", "/api/me", token=token)
            if status == 401:
                break
            if status != 200:
                fail(f"GET /api/me on B after the logout answered {status}")
            if time.perf_counter() - t_ack > 30:
                fail("node B still accepted a signed-out token 30 s after the logout: revocation did not propagate")
        samples.append((time.perf_counter() - t_ack) * 1000)
        polls.append(k)
        first_poll += k == 1
    samples.sort()
    q = lambda p: samples[min(len(samples) - 1, int(round(p * (len(samples) - 1))))]
    result = {"n": len(samples), "medianMs": statistics.median(samples), "p99Ms": q(0.99), "maxMs": samples[-1],
              "minMs": samples[0], "refusedAtFirstPoll": first_poll, "maxPolls": max(polls), "b": b_urls}
    print(f"  revocation: {len(samples)} logouts on A; B refused after median {result['medianMs']:.1f} ms, p99 "
          f"{result['p99Ms']:.1f} ms, max {result['maxMs']:.1f} ms ({first_poll} at the first poll)", file=sys.stderr)
    print(json.dumps(result))


# ---------------------------------------------------------------------------------------------------------

def fmt(n):
    return "-" if n is None else (f"{n:,.0f}" if abs(n) >= 100 else f"{n:,.1f}")


def report(results_path, summary_path):
    rows = [json.loads(line) for line in open(results_path) if line.strip()]
    meta = {}
    for r in rows:
        if r.get("kind") == "meta":
            meta.update({k: v for k, v in r.items() if k != "kind"})
    rounds = [r for r in rows if r.get("phase") == "round"]
    revs = {r["config"]: r for r in rows if r.get("kind") == "revocation"}
    configs = []
    for r in rows:
        if r.get("kind") == "config" and r["config"] not in [c["config"] for c in configs]:
            configs.append(r)
    baseline = meta.get("baseline")

    def series(config, figure):
        rs = [r for r in rounds if r["config"] == config and r["figure"] == figure]
        if not rs:
            return None
        cpu = sum(sum(r["cpuSeconds"].values()) for r in rs)
        return {"rounds": [r["reqPerSec"] for r in rs], "mean": statistics.mean(r["reqPerSec"] for r in rs),
                "perCpuSecond": sum(r["requests"] for r in rs) / cpu if cpu else None,
                "p99Ms": [r["latencyP99Ms"] for r in rs], "otherCpuShare": [r["otherCpuShare"] for r in rs],
                "cpuByPart": {k: round(sum(r["cpuSeconds"].get(k, 0) for r in rs), 1) for k in rs[0]["cpuSeconds"]}}

    summary = {"meta": meta, "configs": {}}
    table = []
    for c in configs:
        name = c["config"]
        entry = {"description": c["description"]}
        line = [c["description"]]
        for figure in ("articles", "me"):
            s = series(name, figure)
            entry[figure] = s
            if s is None:
                line += ["-", "-"]
                continue
            b = series(baseline, figure) if baseline else None
            ratio = s["mean"] / b["mean"] if b else None
            entry[figure + "Ratio"] = ratio
            line.append(f"{fmt(s['mean'])} ({' / '.join(fmt(x) for x in s['rounds'])})")
            line.append("baseline" if name == baseline else (f"{ratio:.0%}" if ratio else "-"))
        for figure in ("articles", "me"):
            s = entry[figure]
            line.append(fmt(s["perCpuSecond"]) if s else "-")
        rv = revs.get(name)
        entry["revocation"] = rv
        line.append(f"{rv['medianMs']:.1f} / {rv['p99Ms']:.1f} ms" if rv else "-")
        summary["configs"][name] = entry
        table.append(line)

    measured = [(f"{r['config']} {r['figure']} round {r['round']}", r["otherCpuShare"]) for r in rounds]
    disturbed = [(n, v) for n, v in measured if v > 0.10]
    summary["disturbed"] = [{"what": n, "otherCpuShare": v} for n, v in disturbed]
    with open(summary_path, "w") as f:
        json.dump(summary, f, indent=2)

    print()
    print(f"Gerbang {meta.get('commit', '?')}, {meta.get('date', '?')}; {meta.get('cores')} cores; {meta.get('java', '')}; "
          f"{meta.get('wrk', '')}; {meta.get('haproxy', '')}; PostgreSQL {meta.get('postgres', '')}")
    print(f"wrk {meta.get('wrkArgs')}, warm-up {meta.get('warmupSeconds')} s, {meta.get('rounds')} x "
          f"{meta.get('roundSeconds')} s rounds per figure; rate limiter and request logs off; node JVM options: "
          f"{meta.get('javaOpts') or '(none)'}; loopback; every part (wrk, HAProxy, nodes, PostgreSQL) on the same 2 cores")
    print(f"load average (1/5/15 min) before: {meta.get('loadBefore')}  after: {meta.get('loadAfter')}")
    if meta.get("quick"):
        print("QUICK RUN (--quick): a smoke test of the instrument, not figures to quote")
    if measured:
        shares = [v for _, v in measured]
        print(f"CPU used by other processes while measuring: {min(shares):.0%}-{max(shares):.0%} of the cores "
              f"(median {statistics.median(shares):.0%})")
    if disturbed:
        print(f"BUSY MACHINE: other processes used more than 10 % of the cores during {len(disturbed)} of {len(measured)} "
              f"rounds: " + ", ".join(f"{n} ({v:.0%})" for n, v in disturbed) + ". Those are not quiet-machine figures.")
    print()
    head = ["configuration", "GET /api/articles req/s (rounds)", "vs baseline", "GET /api/me req/s (rounds)",
            "vs baseline", "articles req/CPU-s", "me req/CPU-s", "revocation median / p99"]
    widths = [max(len(str(r[i])) for r in table + [head]) for i in range(len(head))]
    print("| " + " | ".join(h.ljust(widths[i]) for i, h in enumerate(head)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in table:
        print("| " + " | ".join(str(x).ljust(widths[i]) for i, x in enumerate(r)) + " |")
    print()
    print("req/CPU-s: requests per CPU-second of the servers (the nodes, HAProxy and PostgreSQL together; wrk not counted).")
    print("vs baseline: req/s against the baseline's req/s on the same cores; issue 14's target is 2 nodes within 20 % "
          "(>= 80 %) of 1 node.")
    for name, entry in summary["configs"].items():
        for figure in ("articles", "me"):
            s = entry.get(figure)
            if s:
                print(f"  CPU-seconds by part, {entry['description']}, {figure}: "
                      + ", ".join(f"{k} {v}" for k, v in s["cpuByPart"].items()))
    for name, rv in revs.items():
        desc = next((c["description"] for c in configs if c["config"] == name), name)
        target = "met" if rv["p99Ms"] < 50 else "NOT met"
        print(f"Revocation across nodes, {desc}: {rv['n']} logouts on node A, node B ({rv['b']}) refused the token after "
              f"median {rv['medianMs']:.1f} ms, p99 {rv['p99Ms']:.1f} ms, max {rv['maxMs']:.1f} ms "
              f"({rv['refusedAtFirstPoll']} of {rv['n']} at the first poll; target p99 < 50 ms: {target})")
    print()
    print(f"JSON summary: {summary_path}")


def main():
    args = sys.argv[1:]
    cmd = args[0] if args else ""
    if cmd == "round":
        sep = args.index("--")
        run_round(*args[1:sep], args[sep + 1:])
    elif cmd == "revocation":
        revocation(*args[1:6])
    elif cmd == "report":
        report(args[1], args[2])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
