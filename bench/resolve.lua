-- wrk script for POST /v1/profiles/resolve (Profile Bridge) and the nginx baseline.
--
-- Environment (read by every wrk thread):
--   BENCH_MODE    cycle    : requests cycle through BENCH_COUNT identifiers (cache hits / stale)
--                 distinct : every request uses a new identifier, never repeated in the run (misses)
--   BENCH_BASE    the first identifier as a 10-digit NANP number; identifier i is "+1" .. (BENCH_BASE + i),
--                 e.g. 5552000000 -> +15552000000, +15552000001, ... (libphonenumber: "possible")
--   BENCH_COUNT   how many identifiers in cycle mode (default 1000)
--   BENCH_AUTH    the Authorization header value (default: Basic for ivr-demo:demo-ivr-secret)
--   BENCH_THREADS must equal wrk -t (threads stride through the identifiers by it; default 2)
--   BENCH_DELAY_MS if set, each connection waits this long before its next request (a paced load of
--                 about connections * 1000 / BENCH_DELAY_MS requests/s instead of as fast as possible)
--   BENCH_INTERACTION if 1, every request also names an interaction ("conversationId":"bench-<i>"), as
--                 the IVRs do: each answer then waits for its interaction link's commit (the issue-10
--                 read-your-writes path; one UPDATE per request in cycle mode)
--
-- done() prints one machine-readable line: "BENCH_RESULT key=value ...", latencies in microseconds.

local threads = {}
local counter = 1

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  mode = os.getenv("BENCH_MODE") or "cycle"
  base = tonumber(os.getenv("BENCH_BASE") or "5552000000")
  count = tonumber(os.getenv("BENCH_COUNT") or "1000")
  nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
  local auth = os.getenv("BENCH_AUTH") or "Basic aXZyLWRlbW86ZGVtby1pdnItc2VjcmV0"
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = auth }
  non2xx = 0
  fresh, cached, stale, none, other = 0, 0, 0, 0, 0
  -- thread t starts at offset t-1 and strides by the thread count: threads never share an identifier
  n = tid - 1
  if mode == "cycle" then
    prepared = {}
    for i = 0, count - 1 do
      prepared[i] = wrk.format("POST", "/v1/profiles/resolve", headers, body(i))
    end
  end
end

local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "")
if pause then
  function delay()
    return pause
  end
end

local with_interaction = os.getenv("BENCH_INTERACTION") == "1"

function body(i)
  if with_interaction then
    return string.format('{"identifier":"+1%.0f","channel":"voice","source":"bench","conversationId":"bench-%.0f"}',
      base + i, base + i)
  end
  return string.format('{"identifier":"+1%.0f","channel":"voice","source":"bench"}', base + i)
end

function request()
  local i = n
  n = n + nthreads
  if mode == "cycle" then
    return prepared[i % count]
  end
  return wrk.format("POST", "/v1/profiles/resolve", headers, body(i))
end

function response(status, hdrs, resp)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
  if resp == nil then
    other = other + 1
  elseif string.find(resp, '"profile_source":"CACHED"', 1, true) then
    cached = cached + 1
  elseif string.find(resp, '"profile_source":"STALE"', 1, true) then
    stale = stale + 1
  elseif string.find(resp, '"profile_source":"FRESH"', 1, true) then
    fresh = fresh + 1
  elseif string.find(resp, '"profile_source":"NONE"', 1, true) then
    none = none + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local agg = { non2xx = 0, fresh = 0, cached = 0, stale = 0, none = 0, other = 0 }
  for _, t in ipairs(threads) do
    for k, _ in pairs(agg) do
      agg[k] = agg[k] + (t:get(k) or 0)
    end
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d "
      .. "non2xx=%d sock_errors=%d fresh=%d cached=%d stale=%d none=%d other=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    agg.non2xx, e.connect + e.read + e.write + e.timeout,
    agg.fresh, agg.cached, agg.stale, agg.none, agg.other))
end
