#include "searchd/facets.h"

#include <algorithm>

namespace councilsearch {

FacetSpy::FacetSpy(std::vector<FacetField> fields, Xapian::valueno paper_slot)
    : fields_(std::move(fields)), paper_slot_(paper_slot), counts_(fields_.size()), by_paper_(fields_.size()) {}

void FacetSpy::Add(size_t field, const std::string& value, const std::string& paper) {
  if (value.empty()) return;
  if (paper_slot_ == Xapian::BAD_VALUENO) {
    ++counts_[field][value];
  } else {
    by_paper_[field][value].insert(paper);
  }
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  ++items_;
  std::string paper;
  if (paper_slot_ != Xapian::BAD_VALUENO) {
    paper = doc.get_value(paper_slot_);
    papers_.insert(paper);
  }
  for (size_t f = 0; f < fields_.size(); ++f) {
    const std::string value = doc.get_value(fields_[f].slot);
    switch (fields_[f].kind) {
      case FacetKind::kValue:
        Add(f, value, paper);
        break;
      case FacetKind::kYear:
        Add(f, value.size() >= 4 ? value.substr(0, 4) : std::string("undated"), paper);
        break;
      case FacetKind::kMultiValue: {
        size_t start = 0;
        while (start < value.size()) {
          size_t end = value.find('\n', start);
          if (end == std::string::npos) end = value.size();
          Add(f, value.substr(start, end - start), paper);
          start = end + 1;
        }
        break;
      }
    }
  }
}

std::map<std::string, uint64_t> FacetSpy::Counts(const std::string& field) const {
  for (size_t f = 0; f < fields_.size(); ++f) {
    if (fields_[f].name != field) continue;
    if (paper_slot_ == Xapian::BAD_VALUENO) return counts_[f];
    std::map<std::string, uint64_t> out;
    for (const auto& [value, papers] : by_paper_[f]) out[value] = papers.size();
    return out;
  }
  return {};
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

}  // namespace councilsearch
