"""The measuring half of bench/notify-latency.sh: port, comments, admin email, admin password."""
import http.client
import json
import statistics
import sys
import threading
import time

HOST, PORT, N = "127.0.0.1", int(sys.argv[1]), int(sys.argv[2])
ADMIN_EMAIL, ADMIN_PASSWORD = sys.argv[3], sys.argv[4]


def call(method, path, body=None, token=None):
    conn = http.client.HTTPConnection(HOST, PORT, timeout=10)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request(method, path, json.dumps(body) if body is not None else None, headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, (json.loads(data) if data else None)


def login(email, password):
    return call("POST", "/api/auth/login", {"email": email, "password": password})[1]["accessToken"]


author = login(ADMIN_EMAIL, ADMIN_PASSWORD)
call("POST", "/api/auth/register", {"email": "bench-reader@example.com", "password": "bench reader passphrase", "name": "Reader"})
reader = login("bench-reader@example.com", "bench reader passphrase")
slug = call("POST", "/api/articles", {"title": "Latency", "body": "x", "status": "published"}, author)[1]["slug"]

arrivals = []


def listen():
    conn = http.client.HTTPConnection(HOST, PORT, timeout=120)
    conn.request("GET", "/api/notifications/stream", headers={"Authorization": "Bearer " + author})
    stream = conn.getresponse()
    while True:
        line = stream.fp.readline()
        if not line:
            return
        if line.startswith(b"event: notification"):
            arrivals.append(time.perf_counter())


threading.Thread(target=listen, daemon=True).start()
time.sleep(1)
sent, posts = [], []
for i in range(N):
    started = time.perf_counter()
    status, _ = call("POST", "/api/articles/%s/comments" % slug, {"body": "comment %d" % i}, reader)
    assert status == 201, status
    posts.append((time.perf_counter() - started) * 1000)
    sent.append(started)
    time.sleep(0.25)
time.sleep(1)
if len(arrivals) != N:
    sys.exit("only %d of %d notifications arrived" % (len(arrivals), N))
latency = sorted((a - s) * 1000 for s, a in zip(sent, arrivals))
posts.sort()


def line(name, xs):
    p95 = xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]
    print("%-34s n=%-3d median=%7.2f ms  p95=%7.2f ms  max=%7.2f ms" % (name, len(xs), statistics.median(xs), p95, xs[-1]))


line("comment POST (baseline)", posts)
line("comment sent -> SSE notification", latency)
print("ratio of medians (notification / POST): %.2f" % (statistics.median(latency) / statistics.median(posts)))
