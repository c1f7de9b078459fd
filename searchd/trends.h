// Trends: how often queries or themes come up over time.
//
// Each series (a query or a theme, with the shared filters) is counted per
// month, quarter or year between `from` and `to` (default: the index's
// first and last meeting dates), as items, distinct papers, or the money the
// matching items mention. Every bucket is present, zeros included; undated
// items are counted apart. With `share`, each count is divided by the same
// count for all items (same filters, no query) in that bucket, so a year with
// more papers does not look like more discussion. `split` gives one series
// per council or committee.
#pragma once

#include <string>
#include <vector>

#include "analyzers/status.h"
#include "searchd/search_service.h"

namespace councilsearch {

enum class Interval { kMonth, kQuarter, kYear };
enum class Metric { kItems, kPapers, kAmount };
enum class Split { kNone, kCouncil, kCommittee };

inline constexpr size_t kMaxSeries = 6;
inline constexpr size_t kMaxSplitValues = 20;
inline constexpr size_t kMaxBuckets = 1200;

struct SeriesSpec {
  std::string q;      // a query, or
  std::string theme;  // a theme id or label
};

struct TrendRequest {
  std::vector<SeriesSpec> series;
  Interval interval = Interval::kYear;
  std::string from, to;  // YYYYMMDD, or "" for the index's range
  Filters filters;
  Metric metric = Metric::kItems;
  bool share = false;
  Split split = Split::kNone;
};

struct TrendSeries {
  std::string label;
  std::string q, theme;        // what it counts
  bool split = false;          // one of a split's series
  std::string split_value;     // its council or committee ("" when not known)
  std::vector<double> counts;  // aligned with the buckets
  std::vector<double> shares;  // with `share`
  double undated = 0;
};

struct TrendResult {
  Interval interval = Interval::kYear;
  std::vector<std::string> buckets;  // "2023", "2023-Q1", "2023-01"
  std::vector<TrendSeries> series;
  double took_ms = 0;
};

const char* IntervalName(Interval interval);
const char* MetricName(Metric metric);

class TrendService {
 public:
  explicit TrendService(SearchService& search) : search_(search) {}
  Result<TrendResult> Trends(const TrendRequest& request);

 private:
  SearchService& search_;
};

}  // namespace councilsearch
