#!/usr/bin/env python3
"""Helpers of bench/cluster.sh (standard library only). Each prints to stdout; failures go to stderr.

Subcommands:
  port-busy PORT...              prints the ports among these that something on 127.0.0.1 already listens on
  ready URL                      one line about a node: "ready (cluster: 3 nodes)" or "NOT ready (503: ...)";
                                 exit 0 when /health/ready answered 200
  haproxy SOCKET                 HAProxy's view of the backends (its stats socket, "show stat"): one line per
                                 server; exit 0 when every server is UP
  haproxy-up SOCKET N TIMEOUT    waits until HAProxy reports N servers UP (exit 1 after TIMEOUT seconds)
  haproxy-state SOCKET           JSON {server: status} (for the fault test and the benchmark)
"""
import csv
import http.client
import json
import socket
import sys
import time


def port_busy(ports):
    busy = []
    for p in ports:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.settimeout(0.5)
            if s.connect_ex(("127.0.0.1", int(p))) == 0:
                busy.append(p)
                continue
        # Not listening, but perhaps bound (a server that has not listened yet): try to bind, as the servers do,
        # with SO_REUSEADDR (connections of a stopped server in TIME_WAIT do not keep its port).
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("127.0.0.1", int(p)))
            except OSError:
                busy.append(p)
    print(" ".join(busy))


def ready(url):
    host, rest = url.split("://", 1)[1].split("/", 1)
    name, port = host.split(":")
    conn = http.client.HTTPConnection(name, int(port), timeout=3)
    try:
        conn.request("GET", "/" + rest)
        r = conn.getresponse()
        body = r.read().decode(errors="replace")
    except OSError as e:
        print(f"not answering ({e.__class__.__name__}: {e})")
        return 1
    finally:
        conn.close()
    cluster = ""
    try:
        doc = json.loads(body)
        checks = {c.get("id"): c for c in doc.get("checks", [])}
        c = checks.get("cluster", {}).get("data", {})
        if c:
            nodes = c.get("nodes", [])
            cluster = f"cluster: {len(nodes)} node{'s' if len(nodes) != 1 else ''}, this one {c.get('nodeId', '?')[:8]}"
        down = [f"{k} {v.get('status')}" for k, v in checks.items() if v.get("status") != "UP"]
        if down:
            cluster += ("; " if cluster else "") + "failing: " + ", ".join(down)
    except (ValueError, AttributeError):
        cluster = body[:200]
    if r.status == 200:
        print(f"ready ({cluster})")
        return 0
    print(f"NOT ready ({r.status}: {cluster})")
    return 1


def show_stat(sock_path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(3)
    s.connect(sock_path)
    s.sendall(b"show stat\n")
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    text = data.decode(errors="replace").lstrip("# ")
    return [row for row in csv.DictReader(text.splitlines()) if row.get("svname") not in ("FRONTEND", "BACKEND")
            and row.get("pxname") == "nodes"]


def haproxy(sock_path):
    try:
        rows = show_stat(sock_path)
    except OSError as e:
        print(f"  HAProxy: no answer on its stats socket ({e})")
        return 1
    all_up = True
    for row in rows:
        status = row["status"]
        all_up &= status == "UP"
        check = row.get("check_status", "")
        print(f"  HAProxy backend {row['svname']:<7} {status:<10} check {check:<8} "
              f"{row.get('lastchg', '?')} s in this state, {row.get('stot', '0')} sessions served, "
              f"{row.get('scur', '0')} open now")
    return 0 if all_up and rows else 1


def haproxy_up(sock_path, n, timeout):
    deadline = time.monotonic() + float(timeout)
    last = ""
    while time.monotonic() < deadline:
        try:
            rows = show_stat(sock_path)
            up = [r["svname"] for r in rows if r["status"] == "UP"]
            last = ", ".join(f"{r['svname']} {r['status']}" for r in rows)
            if len(up) >= int(n):
                return 0
        except OSError as e:
            last = str(e)
        time.sleep(0.25)
    print(f"HAProxy did not see {n} servers UP within {timeout} s (last: {last})", file=sys.stderr)
    return 1


def haproxy_state(sock_path):
    print(json.dumps({r["svname"]: r["status"] for r in show_stat(sock_path)}))
    return 0


def main():
    args = sys.argv[1:]
    cmd = args[0] if args else ""
    if cmd == "port-busy":
        port_busy(args[1:])
    elif cmd == "ready":
        sys.exit(ready(args[1]))
    elif cmd == "haproxy":
        sys.exit(haproxy(args[1]))
    elif cmd == "haproxy-up":
        sys.exit(haproxy_up(args[1], args[2], args[3]))
    elif cmd == "haproxy-state":
        sys.exit(haproxy_state(args[1]))
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
