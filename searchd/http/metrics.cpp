#include "searchd/http/metrics.h"

#include <cstdio>

namespace councilsearch::http {
namespace {

std::string Format(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

void Metrics::Record(const std::string& route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{route, status}];
  Histogram& h = latency_[route];
  size_t b = 0;
  while (b < kBounds.size() && seconds > kBounds[b]) ++b;
  if (b < kBounds.size()) ++h.buckets[b];
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::Render(const std::vector<Gauge>& gauges) const {
  std::string out;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    out += "# HELP councilsearch_http_requests_total HTTP requests by route and status.\n";
    out += "# TYPE councilsearch_http_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
      out += "councilsearch_http_requests_total{route=\"" + key.first + "\",status=\"" + std::to_string(key.second) +
             "\"} " + std::to_string(n) + "\n";
    }
    out += "# HELP councilsearch_http_request_duration_seconds Time to answer a request, by route.\n";
    out += "# TYPE councilsearch_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
      const std::string label = "route=\"" + route + "\"";
      uint64_t cumulative = 0;
      for (size_t b = 0; b < kBounds.size(); ++b) {
        cumulative += h.buckets[b];
        out += "councilsearch_http_request_duration_seconds_bucket{" + label + ",le=\"" + Format(kBounds[b]) +
               "\"} " + std::to_string(cumulative) + "\n";
      }
      out += "councilsearch_http_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " +
             std::to_string(h.count) + "\n";
      out += "councilsearch_http_request_duration_seconds_sum{" + label + "} " + Format(h.sum) + "\n";
      out += "councilsearch_http_request_duration_seconds_count{" + label + "} " + std::to_string(h.count) + "\n";
    }
  }
  for (const Gauge& g : gauges) {
    out += "# HELP " + g.name + " " + g.help + "\n";
    out += "# TYPE " + g.name + " gauge\n";
    for (const auto& [labels, value] : g.samples) {
      out += g.name + (labels.empty() ? "" : "{" + labels + "}") + " " + Format(value) + "\n";
    }
  }
  return out;
}

}  // namespace councilsearch::http
