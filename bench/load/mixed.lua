-- wrk script: a mix of searches and trend queries, as the web page sends
-- them, cycled in order so every run asks the same things. At the end it
-- prints latency percentiles and every error wrk counted.
local paths = {
  "/api/v1/search?q=children",
  "/api/v1/search?q=%22family+hubs%22&sort=newest",
  "/api/v1/search?q=fostering+OR+adoption&group=paper",
  "/api/v1/search?q=budget&committee=Children+and+Young+People+Scrutiny+Committee",
  "/api/v1/search?q=CiC&from=2020&to=2025",
  "/api/v1/search?q=early+help&sort=recent&limit=20",
  "/api/v1/search?q=fosterring",
  "/api/v1/search?q=amount:1m..",
  "/api/v1/trends?q=early+help&q=children+in+care&interval=year",
  "/api/v1/trends?theme=family-hubs&interval=quarter&normalize=share",
  "/api/v1/trends?q=budget&split=council&interval=month&from=2019&to=2025",
  "/api/v1/facets",
}
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

done = function(summary, latency, requests)
  io.write(string.format("requests: %d in %.1f s = %.0f requests/s\n", summary.requests,
    summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("latency p%s: %.2f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("latency max: %.2f ms\n", latency.max / 1000))
  local e = summary.errors
  io.write(string.format("errors: connect %d, read %d, write %d, timeout %d, non-2xx/3xx %d\n",
    e.connect, e.read, e.write, e.timeout, e.status))
end
