-- wrk script for POST /v1/interactions/track (bench/outcomes.sh): every request is a new
-- interaction outcome in the integration guide's Genesys shape, never repeated in the run.
--
-- Environment: BENCH_RUN (a prefix unique to the run), BENCH_THREADS (= wrk -t, default 2),
-- BENCH_DELAY_MS (optional: paced load, each connection pauses this long between requests),
-- BENCH_AUTH (Authorization header; default Basic for ivr-demo:demo-ivr-secret).
-- done() prints "BENCH_RESULT key=value ...", latencies in microseconds.

local counter = 1

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

function init(args)
  run = os.getenv("BENCH_RUN") or "run"
  nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
  local auth = os.getenv("BENCH_AUTH") or "Basic aXZyLWRlbW86ZGVtby1pdnItc2VjcmV0"
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = auth }
  n = tid - 1
  non202 = 0
end

local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "")
if pause then
  -- paced load: each connection waits this long before its next request
  function delay()
    return pause
  end
end

function request()
  local i = n
  n = n + nthreads
  local body = string.format(
    '{"conversationId":"%s-%d","userId":"cdp-%d","interactionType":"voice","outcome":"Resolved",' ..
    '"duration":180,"agentId":"agent-%d","timestamp":"2026-11-29T10:00:00Z"}', run, i, i, i % 50)
  return wrk.format("POST", "/v1/interactions/track", headers, body)
end

function response(status, hdrs, body)
  if status ~= 202 then
    non202 = non202 + 1
  end
end

function done(summary, latency, requests)
  local s = summary.duration / 1e6
  io.write(string.format(
    "BENCH_RESULT requests=%d seconds=%.2f rps=%.1f p50=%d p90=%d p99=%d max=%d errors=%d\n",
    summary.requests, s, summary.requests / s, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout +
      summary.errors.status))
end
