#include "searchd/trends.h"

#include <chrono>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "analyzers/knowledge.h"
#include "indexer/schema.h"
#include "searchd/match_set.h"

namespace councilsearch {
namespace {

using namespace schema;

// Buckets between two YYYYMMDD dates: their labels, and a month's bucket.
class Buckets {
 public:
  Buckets(Interval interval, const std::string& from, const std::string& to) : interval_(interval) {
    const int from_year = std::stoi(from.substr(0, 4)), from_month = std::stoi(from.substr(4, 2));
    const int to_year = std::stoi(to.substr(0, 4)), to_month = std::stoi(to.substr(4, 2));
    first_ = Index(from_year, from_month);
    last_ = Index(to_year, to_month);
    for (int b = first_; b <= last_; ++b) labels_.push_back(Label(b));
    // Every month of the first to the last bucket (whole quarters and years).
    first_code_ = DocTable::MonthCode(static_cast<uint32_t>(from_year), 1);
    for (int year = from_year; year <= to_year; ++year) {
      for (int month = 1; month <= 12; ++month) {
        const int b = Index(year, month);
        bucket_of_month_.push_back(b < first_ || b > last_ ? -1 : b - first_);
      }
    }
  }
  // The bucket of a DocTable::MonthCode, or -1 outside the range.
  int Of(uint16_t month_code) const {
    const size_t i = static_cast<size_t>(month_code - first_code_);
    return i < bucket_of_month_.size() ? bucket_of_month_[i] : -1;
  }
  const std::vector<std::string>& labels() const { return labels_; }

 private:
  // Months, quarters or years since year 0.
  int Index(int year, int month) const {
    switch (interval_) {
      case Interval::kMonth: return year * 12 + month - 1;
      case Interval::kQuarter: return year * 4 + (month - 1) / 3;
      case Interval::kYear: return year;
    }
    return year;
  }
  // "2023-01", "2023-Q1" or "2023" (written by hand: a monthly range over
  // decades has hundreds of labels, and snprintf was a tenth of a trend).
  std::string Label(int b) const {
    const auto digits = [](std::string& out, int v, int width) {
      char buf[8];
      int n = 0;
      do {
        buf[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
      } while (v > 0 && n < 8);
      while (n < width) buf[n++] = '0';
      while (n > 0) out.push_back(buf[--n]);
    };
    std::string label;
    switch (interval_) {
      case Interval::kMonth:
        digits(label, b / 12, 4);
        label.push_back('-');
        digits(label, b % 12 + 1, 2);
        break;
      case Interval::kQuarter:
        digits(label, b / 4, 4);
        label += "-Q";
        digits(label, b % 4 + 1, 1);
        break;
      case Interval::kYear: digits(label, b, 4); break;
    }
    return label;
  }
  Interval interval_;
  int first_ = 0, last_ = -1;
  std::vector<std::string> labels_;
  int first_code_ = 0;
  std::vector<int> bucket_of_month_;  // from January of the first year
};

// Counts matching items into buckets (per split value): items, distinct
// papers, or money. Every attribute comes from the DocTable, so a match costs
// an array lookup: one pass over the matches gives every bucket.
class TrendCounter {
 public:
  TrendCounter(const DocTable& table, const Buckets& buckets, Metric metric, Split split)
      : table_(table), buckets_(buckets), metric_(metric), split_(split) {
    const DocTable::Dictionary& dict = split_ == Split::kCommittee ? table_.committees() : table_.councils();
    by_key_.resize(split_ == Split::kNone ? 1 : dict.names.size() + 1);
  }

  struct Counts {
    std::vector<double> values;
    double undated = 0;
    std::unordered_set<uint64_t> papers;  // (bucket + 1, paper) pairs seen, bucket 0 = undated
  };

  void Add(Xapian::docid id) {
    if (!table_.Has(id)) return;
    const uint32_t key = split_ == Split::kCouncil     ? table_.council(id)
                         : split_ == Split::kCommittee ? table_.committee(id)
                                                       : 0;
    Counts& c = by_key_[key];
    const uint16_t month = table_.month(id);
    const int b = month == 0 ? -1 : buckets_.Of(month);
    if (month != 0 && b < 0) return;  // outside the range
    if (c.values.empty()) c.values.assign(buckets_.labels().size() * kLanes, 0);
    double add = 1;
    if (metric_ == Metric::kAmount) {
      add = table_.amount(id);
    } else if (metric_ == Metric::kPapers) {
      const uint64_t pair = static_cast<uint64_t>(b + 1) << 32 | table_.paper(id);
      if (!c.papers.insert(pair).second) return;
    }
    if (b < 0) {
      c.undated += add;
    } else {
      c.values[static_cast<size_t>(b) * kLanes + (id & (kLanes - 1))] += add;
    }
  }

  // The counts by split value name ("" when none).
  std::map<std::string, Counts> ByName() {
    std::map<std::string, Counts> out;
    const DocTable::Dictionary& dict = split_ == Split::kCommittee ? table_.committees() : table_.councils();
    for (uint32_t key = 0; key < by_key_.size(); ++key) {
      Counts& c = by_key_[key];
      if (c.values.empty()) continue;
      for (size_t b = 0; b < c.values.size() / kLanes; ++b) {
        double sum = 0;
        for (size_t lane = 0; lane < kLanes; ++lane) sum += c.values[b * kLanes + lane];
        c.values[b] = sum;
      }
      c.values.resize(c.values.size() / kLanes);
      out[key == 0 ? std::string() : dict.Name(key)] = std::move(c);
    }
    return out;
  }

 private:
  const DocTable& table_;
  const Buckets& buckets_;
  Metric metric_;
  Split split_;
  // Consecutive docids mostly fall in one bucket: adding them to one cell
  // chains every add on the previous store. Four cells per bucket (by docid)
  // break the chain; ByName sums them.
  static constexpr size_t kLanes = 4;
  std::vector<Counts> by_key_;  // by council or committee id; [0] when not split
};

// Counts the items `query` matches. Most chart queries are words and filters,
// whose matches come straight from the posting lists; the rest (phrases,
// open money ranges) go through the matcher (ForEachMatch chooses).
std::map<std::string, TrendCounter::Counts> Count(Index& index, const Xapian::Query& query, const Buckets& b,
                                                  Metric metric, Split split) {
  TrendCounter counter(index.table(), b, metric, split);
  ForEachMatch(index.shards(), query, [&counter](Xapian::docid id) { counter.Add(id); });
  return counter.ByName();
}

}  // namespace

const char* IntervalName(Interval interval) {
  switch (interval) {
    case Interval::kMonth: return "month";
    case Interval::kQuarter: return "quarter";
    case Interval::kYear: return "year";
  }
  return "year";
}

const char* MetricName(Metric metric) {
  switch (metric) {
    case Metric::kItems: return "items";
    case Metric::kPapers: return "papers";
    case Metric::kAmount: return "amount";
  }
  return "items";
}

Result<TrendResult> TrendService::Trends(const TrendRequest& r) {
  const auto start = std::chrono::steady_clock::now();
  if (r.series.empty()) return Status::InvalidArgument("give at least one series: q=... or theme=...");
  if (r.series.size() > kMaxSeries)
    return Status::InvalidArgument("at most " + std::to_string(kMaxSeries) + " series (q and theme together)");
  for (const SeriesSpec& s : r.series) {
    if (!s.theme.empty() && !KnownTheme(search_.knowledge(), s.theme))
      return Status::InvalidArgument("unknown theme '" + s.theme + "' (see /api/v1/facets)");
  }
  return search_.indexes().Run<TrendResult>([&](Index& index) -> Result<TrendResult> {
    std::string from = r.from, to = r.to;
    if (from.empty()) from = index.db().get_value_lower_bound(kSlotDate);
    if (to.empty()) to = index.db().get_value_upper_bound(kSlotDate);
    TrendResult result;
    result.interval = r.interval;
    if (from.empty() || to.empty()) {  // nothing dated in the index
      from = to = "20000101";
    }
    if (from > to) return Status::InvalidArgument("'from' is after 'to'");
    const Buckets buckets(r.interval, from, to);
    if (buckets.labels().size() > kMaxBuckets)
      return Status::InvalidArgument("the range has " + std::to_string(buckets.labels().size()) + " " +
                                     IntervalName(r.interval) + "s; at most " + std::to_string(kMaxBuckets));
    result.buckets = buckets.labels();
    // The filters without their date bounds: the buckets are the bounds,
    // and undated items are counted apart.
    Filters filters = r.filters;
    filters.from.clear();
    filters.to.clear();
    std::map<std::string, TrendCounter::Counts> all;
    if (r.share) {
      auto everything = search_.BuildQuery(index, "", filters);
      if (!everything.ok()) return everything.status();
      all = Count(index, *everything, buckets, r.metric, r.split);
    }
    for (const SeriesSpec& spec : r.series) {
      Filters series_filters = filters;
      if (!spec.theme.empty()) series_filters.themes.push_back(spec.theme);
      auto query = search_.BuildQuery(index, spec.q, series_filters);
      if (!query.ok()) return query.status();
      const std::string label = !spec.q.empty()       ? spec.q
                                : !spec.theme.empty() ? search_.knowledge().FindTheme(spec.theme)->label
                                                      : std::string("all items");
      auto counts = Count(index, *query, buckets, r.metric, r.split);
      // Split values, most counted first, at most kMaxSplitValues.
      std::vector<std::pair<double, std::string>> keys;
      for (const auto& [key, c] : counts) {
        double total = c.undated;
        for (double v : c.values) total += v;
        // A split value with nothing in the range is not a series.
        if (total > 0 || r.split == Split::kNone) keys.emplace_back(total, key);
      }
      std::sort(keys.rbegin(), keys.rend());
      if (keys.size() > kMaxSplitValues) keys.resize(kMaxSplitValues);
      if (keys.empty()) keys.emplace_back(0, "");
      for (const auto& [total, key] : keys) {
        TrendSeries s;
        s.q = spec.q;
        s.theme = spec.theme.empty() ? "" : search_.knowledge().FindTheme(spec.theme)->id;
        s.split = r.split != Split::kNone;
        s.split_value = key;
        s.label = r.split == Split::kNone ? label : label + " - " + (key.empty() ? std::string("(none)") : key);
        const auto it = counts.find(key);
        s.counts = it != counts.end() ? it->second.values : std::vector<double>(buckets.labels().size(), 0);
        s.undated = it != counts.end() ? it->second.undated : 0;
        if (r.share) {
          const auto denominator = all.find(key);
          s.shares.assign(s.counts.size(), 0);
          for (size_t b = 0; b < s.counts.size(); ++b) {
            const double d = denominator != all.end() ? denominator->second.values[b] : 0;
            s.shares[b] = d > 0 ? s.counts[b] / d : 0;
          }
        }
        result.series.push_back(std::move(s));
      }
    }
    result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return result;
  });
}

}  // namespace councilsearch
