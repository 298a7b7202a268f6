-- wrk script of bench/compare.sh. The request is fixed once (no per-request Lua, which would cost wrk CPU
-- on the 2 cores it shares with the server): method and JSON body come from the environment
-- (WRK_METHOD, WRK_BODY); headers such as Authorization are passed with wrk -H.
-- At the end it prints one line "BENCH_JSON {...}" with the counts the benchmark checks and reports.
-- wrk's "status" error counter is its "Non-2xx or 3xx responses" figure (responses with a status >= 400).
local method = os.getenv("WRK_METHOD")
if method ~= nil and method ~= "" then
  wrk.method = method
end
local body = os.getenv("WRK_BODY")
if body ~= nil and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"durationUs":%d,"requests":%d,"bytes":%d,"connectErrors":%d,"readErrors":%d,' ..
    '"writeErrors":%d,"timeouts":%d,"statusErrors":%d,"latencyP50Us":%d,"latencyP99Us":%d,"latencyMaxUs":%d}\n',
    summary.duration, summary.requests, summary.bytes, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency.max))
end
