#include "searchd/facets.h"

#include <algorithm>

namespace councilsearch {

void MultiValueCountSpy::operator()(const Xapian::Document& doc, double) {
  const std::string values = doc.get_value(slot_);
  size_t start = 0;
  while (start < values.size()) {
    size_t end = values.find('\n', start);
    if (end == std::string::npos) end = values.size();
    if (end > start) ++counts_[values.substr(start, end - start)];
    start = end + 1;
  }
}

void YearCountSpy::operator()(const Xapian::Document& doc, double) {
  const std::string date = doc.get_value(slot_);
  ++counts_[date.size() >= 4 ? date.substr(0, 4) : std::string("undated")];
}

std::vector<FacetValue> TopValues(const std::map<std::string, uint64_t>& counts, size_t limit) {
  std::vector<FacetValue> out;
  for (const auto& [value, count] : counts) out.push_back({value, count});
  std::sort(out.begin(), out.end(), [](const FacetValue& a, const FacetValue& b) {
    return a.count > b.count || (a.count == b.count && a.value < b.value);
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::vector<FacetValue> TopValues(const Xapian::ValueCountMatchSpy& spy, size_t limit) {
  std::map<std::string, uint64_t> counts;
  for (auto v = spy.values_begin(); v != spy.values_end(); ++v) counts[*v] = v.get_termfreq();
  return TopValues(counts, limit);
}

}  // namespace councilsearch
