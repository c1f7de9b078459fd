-- wrk script: the benchmark queries (QUERIES env: a file, one per line, #
-- comments) as /api/v1/search requests, rotated in order, or as trends with
-- MODE=trend. Prints requests/s, latency percentiles and errors at the end.
local mode = os.getenv("MODE") or "search"
local queries = {}
for line in io.lines(os.getenv("QUERIES")) do
  local q = line:match("^%s*(.-)%s*$")
  if q ~= "" and q:sub(1, 1) ~= "#" then table.insert(queries, q) end
end

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local paths = {}
for i, q in ipairs(queries) do
  if mode == "trend" then
    paths[i] = "/api/v1/trends?interval=month&q=" .. encode(q)
  else
    paths[i] = "/api/v1/search?q=" .. encode(q)
  end
end

local counter = 0
function setup(thread)
  thread:set("offset", counter * 37)
  counter = counter + 1
end

local n = 0
function request()
  n = n + 1
  return wrk.format("GET", paths[((n + (offset or 0)) % #paths) + 1])
end

function done(summary, latency, requests)
  io.write(string.format("{\"requests\": %d, \"seconds\": %.2f, \"rps\": %.1f, \"p50_ms\": %.3f, \"p99_ms\": %.3f, "
    .. "\"p999_ms\": %.3f, \"max_ms\": %.3f, \"errors\": %d, \"non_2xx\": %d}\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
