// Request metrics in the Prometheus text exposition format (version 0.0.4):
// requests by route and status, and a latency histogram per route.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace councilsearch::http {

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 13> kBounds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                     0.25,  0.5,    1,     2.5,  5,     10};

  void Record(const std::string& route, int status, double seconds);

  struct Gauge {
    std::string name, help;
    std::vector<std::pair<std::string, double>> samples;  // labels ("" or `shard="0"`), value
  };
  // Everything recorded so far, then the gauges.
  std::string Render(const std::vector<Gauge>& gauges) const;

 private:
  struct Histogram {
    std::array<uint64_t, kBounds.size()> buckets{};  // not cumulative
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
};

}  // namespace councilsearch::http
