#include "searchd/facets.h"

#include <algorithm>

namespace councilsearch {
namespace {

constexpr uint32_t kUndated = 0;  // the "year" of an undated item

}  // namespace

const char* FacetName(Facet facet) {
  switch (facet) {
    case Facet::kCouncil: return "council";
    case Facet::kCommittee: return "committee";
    case Facet::kType: return "type";
    case Facet::kTheme: return "theme";
    case Facet::kPerson: return "person";
    case Facet::kYear: return "year";
  }
  return "";
}

FacetCounter::FacetCounter(const DocTable& table, std::vector<Facet> facets, bool by_paper)
    : table_(table), facets_(std::move(facets)), by_paper_(by_paper), counts_(facets_.size()), seen_(facets_.size()) {
  for (size_t f = 0; f < facets_.size(); ++f) {
    size_t values = 10000;  // years
    switch (facets_[f]) {
      case Facet::kCouncil: values = table.councils().names.size() + 1; break;
      case Facet::kCommittee: values = table.committees().names.size() + 1; break;
      case Facet::kType: values = table.types().names.size() + 1; break;
      case Facet::kTheme: values = table.theme_names().names.size() + 1; break;
      case Facet::kPerson: values = table.people_names().names.size() + 1; break;
      case Facet::kYear: break;
    }
    counts_[f].assign(values, 0);
  }
  if (by_paper_) paper_seen_.assign(table.papers().names.size() + 1, false);
}

void FacetCounter::Count(size_t f, uint32_t value, uint32_t paper) {
  if (by_paper_) {
    const uint64_t key = static_cast<uint64_t>(f) << 56 | static_cast<uint64_t>(value) << 28 | paper;
    if (!pairs_.insert(key).second) return;
  }
  if (counts_[f][value]++ == 0) seen_[f].push_back(value);
}

void FacetCounter::Add(Xapian::docid id) {
  if (!table_.Has(id)) return;  // newer than the table (cannot happen within a revision)
  ++items_;
  const uint32_t paper = table_.paper(id);
  if (by_paper_ && paper < paper_seen_.size() && !paper_seen_[paper]) {
    paper_seen_[paper] = true;
    ++papers_seen_;
  }
  for (size_t f = 0; f < facets_.size(); ++f) {
    switch (facets_[f]) {
      case Facet::kCouncil: Count(f, table_.council(id), paper); break;
      case Facet::kCommittee: Count(f, table_.committee(id), paper); break;
      case Facet::kType: Count(f, table_.type(id), paper); break;
      case Facet::kYear: Count(f, table_.date(id) / 10000, paper); break;
      case Facet::kTheme:
        for (uint32_t v : table_.themes(id)) Count(f, v, paper);
        break;
      case Facet::kPerson:
        for (uint32_t v : table_.people(id)) Count(f, v, paper);
        break;
    }
  }
}

std::map<std::string, uint64_t> FacetCounter::Counts(Facet facet) const {
  std::map<std::string, uint64_t> out;
  for (size_t f = 0; f < facets_.size(); ++f) {
    if (facets_[f] != facet) continue;
    // Only the values seen: a dictionary can be large (every person named).
    const std::vector<uint64_t>& counts = counts_[f];
    if (facet == Facet::kYear) {
      for (uint32_t y : seen_[f]) out[y == kUndated ? std::string("undated") : std::to_string(y)] = counts[y];
      return out;
    }
    const DocTable::Dictionary& dict = facet == Facet::kCouncil     ? table_.councils()
                                       : facet == Facet::kCommittee ? table_.committees()
                                       : facet == Facet::kType      ? table_.types()
                                       : facet == Facet::kTheme     ? table_.theme_names()
                                                                    : table_.people_names();
    for (uint32_t v : seen_[f])
      if (v != 0) out[dict.Name(v)] = counts[v];
  }
  return out;
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
