#!/usr/bin/env python3
"""The driver of bench/cluster-fault.sh (standard library only): a crash under load, and what it cost.

It starts an SMTP sink of its own (it records every message's Message-ID), a fresh local cluster with
bench/cluster.sh (PostgreSQL, N nodes, HAProxy; the nodes mail the sink), makes an admin with create-admin, then
for --duration seconds runs --clients concurrent clients through HAProxy. Each client, from a documentation
address of its own (X-Forwarded-For: 192.0.2.x, which the nodes believe from HAProxy, so that the rate limits
count each client apart, as they would real users), loops over sessions: register a new account, the admin
grants it the editor role, sign in, then write articles and comments (on any client's articles) with a few
reads in between, then sign out. Every request is recorded: start, end, status or connection error, the node
that served it (HAProxy's X-Served-By header).
At --kill-at seconds node --node gets SIGKILL (bench/cluster.sh kill); at --restart-at it is started again, and
the load goes on at least --after-restart seconds (default 10) after it is ready, so that it serves again (a
slow start on a busy machine makes the run longer than --duration).
After the load, a drain period lets the outbox send everything (a dead node's claims are retaken after their
2-minute claim expires). Then it checks:
  lost writes     every write that got a 2xx exists afterwards, through the API (GET, on the nodes through
                  HAProxy) and in the database (psql): accounts, role grants, articles, comments, and sign-outs
                  (the signed-out access token must be refused); must be 0
  mails twice     the same Message-ID at the sink more than once; must be 0
  mails never     outbox rows (email) not 'sent' at the end with no message at the sink, rows 'sent' with no
                  message at the sink, and acknowledged sign-ups without a verification mail row; must be 0
  client errors   every non-2xx answer and connection error, with its time, the node that answered (HAProxy's
                  X-Served-By, also on its own 502s) and whether it was in flight at the killed node (sent to it
                  before it died, answered after); the others are listed one by one
  recovery        from the kill to the end of the last failed request before the restart: the time until the
                  survivors served all traffic (0 when nothing failed)
It prints a summary (and a per-second timeline around the faults), writes a JSON report, and exits 1 when a
must-be-0 figure is not 0 or the run did not measure what it claims, 0 otherwise.
"""
import argparse
import collections
import http.client
import json
import os
import random
import re
import socket
import socketserver
import statistics
import subprocess
import sys
import threading
import time

JSON_TYPE = {"Content-Type": "application/json"}
T0 = time.monotonic()


def now():
    return time.monotonic() - T0


def log(message):
    print(f"fault: [{now():7.2f} s] {message}", flush=True)


# ---------------------------------------------------------------------------------------------------------
# The SMTP sink: just enough of RFC 5321 for a client without TLS or AUTH; records each message.

class Sink:
    def __init__(self, drop_nth=0):
        self.messages = []  # {t, messageId, to, subject}
        self.lock = threading.Lock()
        self.drop_nth = drop_nth  # --break drop-mail: answer 250 to the n-th message but record nothing
        self.seen = 0
        self.dropped = None

    def record(self, data, rcpts):
        headers = {}
        text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
        head = text.split("\n\n", 1)[0]
        unfolded = re.sub(r"\n[ \t]+", " ", head)
        for line in unfolded.split("\n"):
            if ":" in line:
                k, v = line.split(":", 1)
                headers.setdefault(k.strip().lower(), v.strip())
        with self.lock:
            self.seen += 1
            if self.drop_nth and self.seen == self.drop_nth:
                self.dropped = headers.get("message-id")
                return
            self.messages.append({"t": round(now(), 3), "messageId": headers.get("message-id"), "to": rcpts,
                                  "subject": headers.get("subject")})


def sink_handler(sink):
    class Handler(socketserver.StreamRequestHandler):
        def handle(self):
            def reply(line):
                self.wfile.write(line.encode() + b"\r\n")
                self.wfile.flush()

            reply("220 gerbang-fault-sink ESMTP")
            rcpts = []
            while True:
                line = self.rfile.readline(65536)
                if not line:
                    return
                cmd = line.decode(errors="replace").strip()
                verb = cmd.split(" ", 1)[0].upper()
                if verb == "EHLO":
                    reply("250-gerbang-fault-sink")
                    reply("250 SIZE 10485760")
                elif verb == "HELO":
                    reply("250 gerbang-fault-sink")
                elif verb == "MAIL":
                    rcpts = []
                    reply("250 OK")
                elif verb == "RCPT":
                    rcpts.append(cmd.split(":", 1)[1].strip().strip("<>") if ":" in cmd else cmd)
                    reply("250 OK")
                elif verb == "DATA":
                    reply("354 End data with <CR><LF>.<CR><LF>")
                    data = bytearray()
                    while True:
                        chunk = self.rfile.readline(1 << 20)
                        if not chunk:
                            return
                        if chunk in (b".\r\n", b".\n"):
                            break
                        data += chunk[1:] if chunk.startswith(b"..") else chunk
                    sink.record(bytes(data), rcpts)
                    reply("250 OK queued")
                elif verb in ("RSET", "NOOP"):
                    rcpts = [] if verb == "RSET" else rcpts
                    reply("250 OK")
                elif verb == "QUIT":
                    reply("221 Bye")
                    return
                else:
                    reply("502 Command not implemented")
    return Handler


class ThreadingServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


# ---------------------------------------------------------------------------------------------------------
# HTTP: one connection per request (no keep-alive, so that no error is a stale connection's).

class Result:
    __slots__ = ("client", "method", "what", "start", "end", "status", "error", "node", "body", "request_id")

    def __init__(self, client, method, what):
        self.client, self.method, self.what = client, method, what
        self.start = self.end = None
        self.status = self.error = self.node = self.body = self.request_id = None

    @property
    def ok(self):
        return self.status is not None and 200 <= self.status < 300

    def json(self):
        return {"client": self.client, "method": self.method, "what": self.what, "start": round(self.start, 3),
                "end": round(self.end, 3), "status": self.status, "error": self.error, "node": self.node,
                "requestId": self.request_id}


def request(port, method, path, what, client, body=None, token=None, forwarded=None, timeout=35.0):
    r = Result(client, method, what)
    headers = {}
    if body is not None:
        headers.update(JSON_TYPE)
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if forwarded:
        headers["X-Forwarded-For"] = forwarded
    r.start = now()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        resp = conn.getresponse()
        raw = resp.read()
        r.status = resp.status
        r.node = resp.getheader("X-Served-By")
        r.request_id = resp.getheader("X-Request-Id")
        try:
            r.body = json.loads(raw) if raw else None
        except ValueError:
            r.body = raw[:300].decode(errors="replace")
    except (OSError, http.client.HTTPException) as e:
        r.error = f"{e.__class__.__name__}: {e}"[:200]
    finally:
        conn.close()
        r.end = now()
    return r


# ---------------------------------------------------------------------------------------------------------
# The workload

class World:
    def __init__(self, port, admin_token, deadline, seed):
        self.port = port
        self.admin_token = admin_token
        self.deadline = deadline
        self.results = []
        self.lock = threading.Lock()
        self.articles = []  # acknowledged: {id, slug, author}
        self.writes = collections.defaultdict(list)  # kind -> acknowledged writes
        self.rng = random.Random(seed)

    def add(self, r):
        with self.lock:
            self.results.append(r)
        return r

    def ack(self, kind, **fields):
        with self.lock:
            self.writes[kind].append(fields)
            if kind == "article":
                self.articles.append(fields)

    def some_article(self, rng):
        with self.lock:
            return rng.choice(self.articles) if self.articles else None


def client_loop(world, index, run_id, pace):
    rng = random.Random(f"{run_id}-{index}")
    address = f"192.0.2.{10 + index}"
    session_no = 0
    port = world.port

    def call(method, path, what, body=None, token=None, as_admin=False):
        return world.add(request(port, method, path, what, index, body,
                                 world.admin_token if as_admin else token,
                                 "192.0.2.200" if as_admin else address))

    while now() < world.deadline:
        session_no += 1
        email = f"c{index}-s{session_no}-{run_id}@fault.example.com"
        password = f"fault test passphrase {run_id} {index}"
        r = call("POST", "/api/auth/register", "register",
                 {"email": email, "password": password, "name": f"Client {index} session {session_no}"})
        if not r.ok:
            time.sleep(pace)
            continue
        user_id = r.body["user"]["id"]
        world.ack("user", id=user_id, email=email, t=r.end)
        r = call("PATCH", f"/api/admin/users/{user_id}", "grant editor", {"roles": ["user", "editor"]}, as_admin=True)
        if r.ok:
            world.ack("role", userId=user_id, role="editor", t=r.end)
        token = None
        for _ in range(5):  # a sign-in that failed is tried again (it is not a write a client relies on)
            if now() >= world.deadline:
                break
            r = call("POST", "/api/auth/login", "login", {"email": email, "password": password})
            if r.ok:
                token = r.body["accessToken"]
                world.ack("session", id=r.body.get("sessionId"), userId=user_id, t=r.end)
                break
            time.sleep(pace)
        if token is None:
            continue
        session_end = now() + rng.uniform(8, 14)
        while now() < min(session_end, world.deadline):
            time.sleep(pace * rng.uniform(0.7, 1.3))
            roll = rng.random()
            target = world.some_article(rng)
            if roll < 0.35 or target is None:
                n = rng.randrange(1_000_000)
                r = call("POST", "/api/articles", "write article", {
                    "title": f"Fault test {run_id} c{index} {n}", "summary": "Written during the fault test.",
                    "body": f"# Article {n}\n\nBy client {index} in session {session_no}.\n", "status": "published"},
                    token=token)
                if r.ok:
                    world.ack("article", id=r.body["id"], slug=r.body["slug"], author=user_id, t=r.end)
            elif roll < 0.75:
                r = call("POST", f"/api/articles/{target['slug']}/comments", "write comment",
                         {"body": f"Comment by client {index}, session {session_no}, {rng.randrange(10**6)}"}, token=token)
                if r.ok:
                    world.ack("comment", id=r.body["id"], slug=target["slug"], author=user_id,
                              articleAuthor=target["author"], t=r.end)
            elif roll < 0.9:
                call("GET", "/api/articles?limit=5", "list articles", token=None)
            else:
                call("GET", "/api/me", "me", token=token)
        r = call("POST", "/api/auth/logout", "logout", token=token)
        if r.ok:
            world.ack("logout", token=token, userId=user_id, t=r.end)


# ---------------------------------------------------------------------------------------------------------
# Helpers around bench/cluster.sh

class Cluster:
    def __init__(self, script, state, base_port, env):
        self.script = script
        self.env = dict(os.environ, CLUSTER_DIR=state, CLUSTER_BASE_PORT=str(base_port), **env)
        self.base_port = base_port

    def run(self, *args, check=True, quiet=False, input=None):
        p = subprocess.run([self.script, *args], env=self.env, text=True, input=input,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if not quiet or p.returncode != 0:
            for line in p.stdout.rstrip().splitlines():
                print(f"    {line}", flush=True)
        if check and p.returncode != 0:
            raise RuntimeError(f"bench/cluster.sh {' '.join(args[:1])} exited {p.returncode}")
        return p

    def sql(self, query):
        p = subprocess.run([self.script, "psql", "-tA", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-f", "-"], env=self.env,
                           text=True, input=query, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            raise RuntimeError(f"psql failed: {p.stderr.strip()}")
        return [line.split("\t") for line in p.stdout.splitlines() if line]


# ---------------------------------------------------------------------------------------------------------

def pct(values, q):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cluster-sh", required=True)
    ap.add_argument("--state", required=True)
    ap.add_argument("--base-port", type=int, default=28080)
    ap.add_argument("--nodes", type=int, default=3)
    ap.add_argument("--node", type=int, default=2, help="the node to kill")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--kill-at", type=float, default=20)
    ap.add_argument("--restart-at", type=float, default=40)
    ap.add_argument("--pace", type=float, default=0.5, help="seconds between a client's requests (about)")
    ap.add_argument("--after-restart", type=float, default=10,
                    help="the load goes on at least this long after the restarted node is ready (so that it serves)")
    ap.add_argument("--drain", type=float, default=240, help="most seconds to wait for the outbox after the load")
    ap.add_argument("--break", dest="breaks", default="", help="lose-write | duplicate-mail | drop-mail (checks the checks)")
    ap.add_argument("--report", required=True, help="JSON report file")
    ap.add_argument("--no-kill", action="store_true", help="no fault at all (a control run)")
    ap.add_argument("--graceful", action="store_true",
                    help="stop the node with SIGTERM (bench/cluster.sh stop), as a rolling upgrade does, not SIGKILL")
    a = ap.parse_args()
    if not (0 < a.kill_at < a.restart_at < a.duration) and not a.no_kill:
        sys.exit("fault: need 0 < --kill-at < --restart-at < --duration")
    if not 1 <= a.node <= a.nodes or a.nodes < 2:
        sys.exit("fault: --node must name one of at least 2 nodes")
    run_id = time.strftime("%H%M%S")
    load_before = open("/proc/loadavg").read().split()[:3]

    sink = Sink(drop_nth=5 if a.breaks == "drop-mail" else 0)
    server = ThreadingServer(("127.0.0.1", 0), sink_handler(sink))
    smtp_port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    log(f"SMTP sink on 127.0.0.1:{smtp_port}")

    cluster = Cluster(a.cluster_sh, a.state, a.base_port, {
        "GERBANG_SMTP_HOST": "127.0.0.1", "GERBANG_SMTP_PORT": str(smtp_port), "GERBANG_SMTP_START_TLS": "DISABLED",
        "GERBANG_SMTP_FROM": "Gerbang fault test <no-reply@fault.example.com>"})
    port = a.base_port
    log(f"starting a fresh cluster: {a.nodes} nodes behind HAProxy on 127.0.0.1:{port} (bench/cluster.sh up)")
    cluster.run("down", "--purge", quiet=True)
    cluster.run("up", "--nodes", str(a.nodes))
    admin_email, admin_password = "admin@fault.example.com", f"fault test admin passphrase {run_id}"
    cluster.env["GERBANG_ADMIN_PASSWORD"] = admin_password
    cluster.run("create-admin", "--email", admin_email, "--name", "Fault admin")
    del cluster.env["GERBANG_ADMIN_PASSWORD"]
    r = request(port, "POST", "/api/auth/login", "admin login", -1,
                {"email": admin_email, "password": admin_password}, forwarded="192.0.2.200")
    if not r.ok:
        sys.exit(f"fault: the admin could not sign in: {r.status} {r.error} {r.body}")
    admin_token = r.body["accessToken"]

    # --- The load, and the faults on schedule ---
    start = now()
    planned_end = start + a.duration
    # With a restart to come, the load runs until it is known how long the restart took (see do_restart).
    world = World(port, admin_token, planned_end if a.no_kill or a.after_restart <= 0 else float("inf"), run_id)
    events = {}
    log(f"load: {a.clients} clients for {a.duration:.0f} s" + ("" if a.no_kill else
        f"; {'SIGTERM' if a.graceful else 'SIGKILL'} to node {a.node} at {a.kill_at:.0f} s, restart at {a.restart_at:.0f} s"))
    threads = [threading.Thread(target=client_loop, args=(world, i, run_id, a.pace), daemon=True)
               for i in range(a.clients)]
    for t in threads:
        t.start()
    restart = {}

    def do_restart():
        restart["launched"] = now()
        p = cluster.run("start", str(a.node), check=False)
        restart["ready"] = now()
        restart["rc"] = p.returncode
        # The restarted node must serve a while before the load ends: a slow start lengthens the run. (Until
        # then the clients run on: the deadline is open while the restart is pending.)
        with world.lock:
            world.deadline = planned_end
            if p.returncode == 0 and restart["ready"] + a.after_restart > planned_end:
                world.deadline = restart["ready"] + a.after_restart
                log(f"the load goes on until {world.deadline - start:.0f} s ({a.after_restart:.0f} s after the "
                    f"restarted node is ready)")

    restarter = None
    if not a.no_kill:
        time.sleep(max(0.0, start + a.kill_at - now()))
        t_before = now()
        cluster.run("stop" if a.graceful else "kill", str(a.node))
        events["kill"] = (t_before, now())
        log(f"node {a.node} {'stopped (SIGTERM)' if a.graceful else 'killed'} (the command ran from "
            f"{t_before - start:.3f} s to {events['kill'][1] - start:.3f} s)")
        time.sleep(max(0.0, start + a.restart_at - now()))
        log(f"starting node {a.node} again")
        restarter = threading.Thread(target=do_restart)
        restarter.start()
    if restarter:
        restarter.join(timeout=300)  # the restart decides whether the load goes on
    for t in threads:
        t.join(timeout=max(60.0, world.deadline - now() + 60))
    end = now()
    log(f"load over ({len(world.results)} requests)")
    if restarter:
        if restart.get("rc") != 0:
            log("node restart FAILED (see its log)")
        else:
            log(f"node {a.node} was ready {restart['ready'] - start:.1f} s into the run "
                f"({restart['ready'] - restart['launched']:.1f} s after its start)")

    # --- Breaking on purpose (checks the checks) ---
    broken = None
    if a.breaks == "lose-write" and world.writes["comment"]:
        victim = world.writes["comment"][len(world.writes["comment"]) // 2]
        cluster.sql(f"DELETE FROM comments WHERE id = '{victim['id']}';")
        broken = f"deleted acknowledged comment {victim['id']} from the database"
    elif a.breaks == "duplicate-mail":
        rows = cluster.sql("SELECT id FROM outbox WHERE channel = 'email' AND status = 'sent' ORDER BY created_at LIMIT 1;")
        if rows:
            cluster.sql(f"UPDATE outbox SET status = 'pending', next_attempt_at = 0 WHERE id = '{rows[0][0]}';")
            broken = f"set sent outbox row {rows[0][0]} back to pending (the cluster sends it again)"
    elif a.breaks == "drop-mail":
        broken = "the SMTP sink accepted its 5th message without recording it"
    if broken:
        log(f"--break {a.breaks}: {broken}")

    # --- Drain: until every email row is 'sent' and at the sink, or the drain limit ---
    log(f"drain: waiting up to {a.drain:.0f} s for the outbox (a dead node's claims are retaken after 2 minutes)")
    drain_start = now()
    drained = False
    status_counts = {}
    while now() - drain_start < a.drain:
        rows = cluster.sql("SELECT status, count(*) FROM outbox WHERE channel = 'email' GROUP BY status;")
        status_counts = {s: int(n) for s, n in rows}
        with sink.lock:
            at_sink = len({m["messageId"] for m in sink.messages})
        unsent = sum(n for s, n in status_counts.items() if s != "sent")
        if unsent == 0 and at_sink >= status_counts.get("sent", 0) - (1 if sink.dropped else 0):
            drained = True
            break
        time.sleep(2)
    time.sleep(3)  # a late duplicate would arrive now
    drain_seconds = now() - drain_start
    log(f"drain {'done' if drained else 'NOT done'} after {drain_seconds:.1f} s: outbox {status_counts}")

    # --- Checks ---
    # Lost writes: the database first (one query per kind), then the API.
    def ids_in(table):
        return {row[0] for row in cluster.sql(f"SELECT id FROM {table};")}

    lost = {}  # the write (kind and id) -> what is wrong with it: a write missing in both places counts once

    def lose(key, reason):
        lost.setdefault(key, []).append(reason)

    db_users, db_articles, db_comments = ids_in("users"), ids_in("articles"), ids_in("comments")
    editors = {row[0] for row in cluster.sql("SELECT user_id FROM user_roles WHERE role = 'editor';")}
    sessions = {row[0]: row[1] for row in cluster.sql("SELECT id, coalesce(revoked_at::text, '') FROM sessions;")}
    for w in world.writes["user"]:
        if w["id"] not in db_users:
            lose(("user", w["id"]), f"account {w['id']} ({w['email']}), acknowledged at {w['t'] - start:.2f} s: not in the database")
    for w in world.writes["role"]:
        if w["userId"] not in editors:
            lose(("role", w["userId"]), f"editor role of {w['userId']}, acknowledged at {w['t'] - start:.2f} s: not in the database")
    for w in world.writes["article"]:
        if w["id"] not in db_articles:
            lose(("article", w["id"]), f"article {w['id']} ({w['slug']}), acknowledged at {w['t'] - start:.2f} s: not in the database")
    for w in world.writes["comment"]:
        if w["id"] not in db_comments:
            lose(("comment", w["id"]), f"comment {w['id']} on {w['slug']}, acknowledged at {w['t'] - start:.2f} s: not in the database")
    for w in world.writes["session"]:
        if w["id"] not in sessions:
            lose(("session", w["id"]), f"session {w['id']}, acknowledged (sign-in) at {w['t'] - start:.2f} s: not in the database")
    # Through the API (HAProxy spreads these over the nodes): each article, each article's comments, each account
    # with its roles, each signed-out token.
    api_checks = 0
    api_errors = []
    check_no = [0]

    def addr():  # each check from another documentation address: the checks must not meet the rate limits
        check_no[0] += 1
        return f"203.0.113.{check_no[0] % 250 + 1}"

    by_slug = collections.defaultdict(set)
    for w in world.writes["comment"]:
        by_slug[w["slug"]].add(w["id"])
    for w in world.writes["article"]:
        r = request(port, "GET", f"/api/articles/{w['slug']}", "check", -1, forwarded=addr())
        api_checks += 1
        if r.status == 404:
            lose(("article", w["id"]), f"article {w['slug']} answers 404 through the API")
        elif not r.ok:
            api_errors.append(f"GET /api/articles/{w['slug']}: {r.status or r.error}")
    for slug, wanted in by_slug.items():
        found, cursor = set(), None
        while True:
            path = f"/api/articles/{slug}/comments?limit=100" + (f"&cursor={cursor}" if cursor else "")
            r = request(port, "GET", path, "check", -1, forwarded=addr())
            api_checks += 1
            if not r.ok:
                api_errors.append(f"GET {path}: {r.status or r.error}")
                break
            found |= {c["id"] for c in r.body["items"]}
            cursor = r.body.get("nextCursor")
            if not cursor:
                break
        for cid in sorted(wanted - found):
            if r.ok:
                lose(("comment", cid), f"comment {cid} on {slug} is missing from the API's list")
    for w in world.writes["user"]:
        r = request(port, "GET", f"/api/admin/users/{w['id']}", "check", -1, token=admin_token, forwarded=addr())
        api_checks += 1
        if r.status == 404:
            lose(("user", w["id"]), f"account {w['id']} answers 404 through the admin API")
        elif not r.ok:
            api_errors.append(f"GET /api/admin/users/{w['id']}: {r.status or r.error}")
        elif (any(x["userId"] == w["id"] for x in world.writes["role"])
              and "editor" not in (r.body.get("user") or {}).get("roles", [])):
            lose(("role", w["id"]), f"account {w['id']} lacks the editor role it was granted (API)")
    for w in world.writes["logout"]:
        r = request(port, "GET", "/api/me", "check", -1, token=w["token"], forwarded=addr())
        api_checks += 1
        if r.ok:
            lose(("logout", w["token"][-12:]), f"a signed-out token of {w['userId']} (sign-out acknowledged at {w['t'] - start:.2f} s) still works")
        elif r.status != 401:
            api_errors.append(f"GET /api/me with a signed-out token: {r.status or r.error}")

    # Mails
    outbox = cluster.sql("SELECT id, template, recipient, status, attempts, coalesce(last_error, '') FROM outbox "
                         "WHERE channel = 'email';")
    retried = [row for row in outbox if int(row[4]) > 1]  # claimed more than once: retaken from a dead node, or retried
    by_id = collections.Counter()
    with sink.lock:
        messages = list(sink.messages)
    for m in messages:
        by_id[m["messageId"]] += 1
    twice = {mid: n for mid, n in by_id.items() if n > 1}
    never = []
    outbox_ids = set()
    for oid, template, recipient, status, attempts, err in outbox:
        outbox_ids.add(oid)
        mid = f"<{oid}@gerbang>"
        if mid not in by_id:
            never.append(f"outbox {oid} ({template} to {recipient}): status {status}, {attempts} attempt(s)"
                         + (f", last error {err}" if err else "") + ", no message at the sink")
    verify_to = {row[2] for row in outbox if row[1] == "verify-email"}
    for w in world.writes["user"]:
        if w["email"] not in verify_to:
            never.append(f"no verification mail row for the acknowledged sign-up {w['email']}")
    strangers = sorted(mid for mid in by_id if not (mid or "").startswith("<") or
                       (mid or "")[1:].split("@")[0] not in outbox_ids)

    # Client errors
    kill_from, kill_to = events.get("kill", (None, None))
    restart_at = restart.get("launched")
    failures = [r for r in world.results if not r.ok]
    in_flight, others = [], []
    killed_name = f"node{a.node}"
    for r in failures:
        # In flight at the kill: sent to the killed node (HAProxy names it, on its own 502 too) before it died, and
        # answered after.
        overlaps = kill_from is not None and r.start <= kill_to and r.end >= kill_from
        (in_flight if overlaps and r.node == killed_name else others).append(r)
    # Recovery: the end of the last failed request that started after the kill and before the restart.
    recovery = None
    after_kill = []
    if kill_from is not None:
        after_kill = [r for r in failures if r.end >= kill_from and (restart_at is None or r.start < restart_at)]
        recovery = max(r.end for r in after_kill) - kill_from if after_kill else 0.0

    # Per-second timeline and latencies
    seconds = collections.defaultdict(lambda: {"n": 0, "failed": 0, "maxMs": 0.0, "nodes": collections.Counter()})
    for r in world.results:
        s = int(r.start - start)
        b = seconds[s]
        b["n"] += 1
        b["failed"] += 0 if r.ok else 1
        b["maxMs"] = max(b["maxMs"], (r.end - r.start) * 1000)
        b["nodes"][r.node or ("-" if r.ok else "none")] += 1

    def lat(rs):
        v = [(r.end - r.start) * 1000 for r in rs if r.ok]
        return {"n": len(v), "p50Ms": pct(v, 0.5), "p99Ms": pct(v, 0.99), "maxMs": max(v) if v else None}

    phases = {}
    if kill_from is not None:
        phases = {
            "before the kill": lat([r for r in world.results if r.end < kill_from]),
            "kill to restart": lat([r for r in world.results if kill_from <= r.start < (restart_at or end)]),
            "after the restart": lat([r for r in world.results if restart_at and r.start >= restart_at]),
        }
    else:
        phases = {"whole run": lat(world.results)}
    served = collections.Counter(r.node for r in world.results if r.ok)
    acked = {k: len(v) for k, v in world.writes.items()}

    load_after = open("/proc/loadavg").read().split()[:3]
    ok_run = len(world.results) > 0 and acked.get("article", 0) > 0 and acked.get("comment", 0) > 0 and drained
    must = {"lostWrites": len(lost), "mailsTwice": sum(n - 1 for n in twice.values()), "mailsNever": len(never)}

    # --- Report ---
    def t(x):
        return f"{x - start:7.3f} s"

    print()
    print(f"Fault test, {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}: {a.nodes} nodes behind HAProxy, "
          f"{a.clients} clients for {end - start:.0f} s, " + ("no fault (control run)" if a.no_kill else
          f"{'SIGTERM (graceful stop)' if a.graceful else 'SIGKILL'} to node {a.node} at {kill_from - start:.2f} s"
          f"{f' (stopped at {kill_to - start:.2f} s)' if a.graceful else ''}, restarted at {restart_at - start:.2f} s "
          f"(ready at {restart.get('ready', float('nan')) - start:.2f} s)"))
    print(f"load average (1/5/15 min) before: {' '.join(load_before)}  after: {' '.join(load_after)}  "
          f"({os.cpu_count()} cores shared with other work)")
    if broken:
        print(f"BROKEN ON PURPOSE (--break {a.breaks}): {broken}")
    print(f"requests: {len(world.results)}, {len(failures)} failed; served by {dict(sorted(served.items(), key=str))}")
    print("acknowledged writes: " + ", ".join(f"{acked.get(k, 0)} {k}s" for k in
                                              ("user", "role", "session", "article", "comment", "logout")))
    print(f"checked afterwards: {api_checks} API requests and the database"
          + (f"; {len(api_errors)} check request(s) failed: {api_errors[:5]}" if api_errors else ""))
    print(f"mails: {len(outbox)} outbox rows (email) {status_counts}, {len(messages)} messages at the sink, "
          f"{len(by_id)} distinct Message-IDs; drain took {drain_seconds:.1f} s after the load; "
          f"{len(retried)} row(s) claimed more than once (a dead node's claim retaken, or a retry)")
    if strangers:
        print(f"  messages at the sink that match no outbox row: {strangers[:5]}")
    for name, p in phases.items():
        if p["n"]:
            print(f"latency of successful requests, {name}: p50 {p['p50Ms']:.0f} ms, p99 {p['p99Ms']:.0f} ms, "
                  f"max {p['maxMs']:.0f} ms ({p['n']} requests)")
    print()
    print("Client errors (every non-2xx answer and connection error):")
    if not failures:
        print("  none")
    for r in sorted(failures, key=lambda r: r.start):
        overlaps = kill_from is not None and r.start <= kill_to and r.end >= kill_from
        where = ("IN FLIGHT AT THE KILLED NODE" if r in in_flight else
                 "other, overlaps the kill" if overlaps else "other, does not overlap the kill")
        print(f"  {t(r.start)} -> {t(r.end)}  client {r.client}  {r.method} {r.what}: "
              f"{r.status if r.status is not None else r.error}  node {r.node or '-'}  [{where}]"
              + (f" {json.dumps(r.body)[:160]}" if r.status and isinstance(r.body, dict) else ""))
    print()
    print("Timeline around the faults and of every second with a failure (per second of the load: requests, "
          "failed, slowest ms, nodes that answered; every second in the JSON report):")
    marks = {}
    if kill_from is not None:
        marks[int(kill_from - start)] = "<- SIGTERM" if a.graceful else "<- SIGKILL"
    if restart_at is not None:
        marks[int(restart_at - start)] = "<- restart launched"
    if restart.get("ready"):
        marks.setdefault(int(restart["ready"] - start), "<- restarted node ready")
    shown = set(s for s in seconds if seconds[s]["failed"])
    for m in marks:
        shown |= set(range(m - 2, m + 6))
    if not marks:
        shown = set(seconds)
    last = None
    for s in sorted(x for x in seconds if x in shown):
        if last is not None and s > last + 1:
            print("  ...")
        last = s
        b = seconds[s]
        nodes = " ".join(f"{k}:{v}" for k, v in sorted(b["nodes"].items()))
        print(f"  {s:3d}s {b['n']:4d} {b['failed']:3d} {b['maxMs']:7.0f}  {nodes}  {marks.get(s, '')}")
    print()
    w = 52
    print("| figure" + " " * (w - 6) + "| value")
    print("|" + "-" * (w + 1) + "|------")
    rows = [
        ("acknowledged writes lost (must be 0)", str(must["lostWrites"])),
        ("mails sent twice (same Message-ID; must be 0)", str(must["mailsTwice"])),
        ("mails never sent (must be 0)", str(must["mailsNever"])),
        ("client errors in flight at the killed node", str(len(in_flight))),
        ("client errors, others", str(len(others))),
        ("time until the survivors served all traffic", "-" if recovery is None else
         (f"{recovery * 1000:.0f} ms" if after_kill else "0 ms (no request failed after the kill)")),
    ]
    for k, v in rows:
        print(f"| {k:<{w}}| {v}")
    for (kind, _), reasons in list(lost.items())[:20]:
        print(f"LOST ({kind}): " + "; ".join(reasons))
    for mid, n in list(twice.items())[:20]:
        print(f"TWICE: {mid} arrived {n} times")
    for line in never[:20]:
        print(f"NEVER: {line}")

    report = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "nodes": a.nodes, "clients": a.clients,
        "durationSeconds": a.duration, "killedNode": None if a.no_kill else a.node, "graceful": a.graceful,
        "killAt": None if kill_from is None else round(kill_from - start, 3),
        "restartLaunchedAt": None if restart_at is None else round(restart_at - start, 3),
        "restartReadyAt": round(restart["ready"] - start, 3) if restart.get("ready") else None,
        "loadBefore": load_before, "loadAfter": load_after, "break": a.breaks or None, "broken": broken,
        "requests": len(world.results), "failed": len(failures), "servedBy": dict(served), "acknowledged": acked,
        "mustBeZero": must, "lost": [{"kind": k, "id": i, "why": v} for (k, i), v in lost.items()], "mailsTwice": twice, "mailsNever": never, "strangers": strangers,
        "outbox": status_counts, "sinkMessages": len(messages), "drainSeconds": round(drain_seconds, 1), "drained": drained,
        "errorsInFlightAtKill": [r.json() for r in in_flight], "errorsOther": [r.json() for r in others],
        "recoveryMs": None if recovery is None else round(recovery * 1000),
        "latency": phases, "apiCheckErrors": api_errors, "outboxRowsClaimedMoreThanOnce": len(retried),
        "timeline": {str(k): {"requests": v["n"], "failed": v["failed"], "maxMs": round(v["maxMs"]),
                              "nodes": dict(v["nodes"])} for k, v in sorted(seconds.items())},
    }
    os.makedirs(os.path.dirname(a.report), exist_ok=True)
    with open(a.report, "w") as f:
        json.dump(report, f, indent=2)
    print(f"\nJSON report: {a.report}")
    server.shutdown()
    if not ok_run:
        print("FAIL: the run did not measure what it claims (no articles or comments acknowledged, or the outbox "
              "did not drain within --drain)")
        return 1
    if any(must.values()):
        print("FAIL: a must-be-0 figure is not 0")
        return 1
    print("PASS: no acknowledged write lost, no mail sent twice or never")
    return 0


if __name__ == "__main__":
    sys.exit(main())
