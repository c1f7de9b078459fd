#include "searchd/facets.h"

#include <algorithm>
#include <array>
#include <mutex>

namespace councilsearch {
namespace {

constexpr uint32_t kUndated = 0;  // the "year" of an undated item

// Zeroed count arrays that finished counters gave back, per facet (sized
// by that facet's dictionary). Shared by every thread: at most --query-slots
// requests count at once, so a few arrays a facet serve them all.
class SpareCounts {
 public:
  std::vector<uint32_t> Take(Facet facet, size_t size) {
    std::vector<uint32_t> counts;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto& spare = spare_[Slot(facet)];
      if (!spare.empty()) {
        counts = std::move(spare.back());
        spare.pop_back();
      }
    }
    if (counts.size() < size) counts.resize(size, 0);
    return counts;
  }
  void Give(Facet facet, std::vector<uint32_t> counts) {
    constexpr size_t kMaxSpare = 32;
    std::lock_guard<std::mutex> lock(mutex_);
    auto& spare = spare_[Slot(facet)];
    if (spare.size() < kMaxSpare) spare.push_back(std::move(counts));
  }

 private:
  static size_t Slot(Facet facet) { return static_cast<size_t>(facet); }
  std::mutex mutex_;
  static constexpr size_t kFacets = static_cast<size_t>(Facet::kYear) + 1;  // the last of the enum
  std::array<std::vector<std::vector<uint32_t>>, kFacets> spare_;
};

SpareCounts& Spares() {
  static SpareCounts spares;
  return spares;
}

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
    counts_[f] = Spares().Take(facets_[f], values);
  }
  if (by_paper_) paper_seen_.assign(table.paper_count() + 1, false);
}

FacetCounter::~FacetCounter() {
  for (size_t f = 0; f < counts_.size(); ++f) {
    for (uint32_t v : seen_[f]) counts_[f][v] = 0;
    Spares().Give(facets_[f], std::move(counts_[f]));
  }
}

template <typename CountValue>
void FacetCounter::ForEachValue(Xapian::docid id, CountValue&& count) const {
  for (size_t f = 0; f < facets_.size(); ++f) {
    switch (facets_[f]) {
      case Facet::kCouncil: count(f, table_.council(id)); break;
      case Facet::kCommittee: count(f, table_.committee(id)); break;
      case Facet::kType: count(f, table_.type(id)); break;
      case Facet::kYear: count(f, table_.year(id)); break;
      case Facet::kTheme:
        for (uint32_t v : table_.themes(id)) count(f, v);
        break;
      case Facet::kPerson:
        for (uint32_t v : table_.people(id)) count(f, v);
        break;
    }
  }
}

void FacetCounter::CountPending() const {
  const size_t n = pending_size_;
  pending_size_ = 0;
  for (size_t i = 0; i < n; ++i)
    if (table_.Has(pending_[i])) table_.Prefetch(pending_[i]);
  for (size_t i = 0; i < n; ++i) Count(pending_[i]);
}

void FacetCounter::Count(Xapian::docid id) const {
  if (!table_.Has(id)) return;  // newer than the table (cannot happen within a revision)
  ++items_;
  if (!by_paper_) {
    // The common case, per match: a lookup and an increment a value.
    ForEachValue(id, [this](size_t f, uint32_t v) {
      if (counts_[f][v]++ == 0) seen_[f].push_back(v);
    });
    return;
  }
  const uint32_t paper = table_.paper(id);
  if (paper < paper_seen_.size() && !paper_seen_[paper]) {
    paper_seen_[paper] = true;
    ++papers_seen_;
  }
  ForEachValue(id, [this, paper](size_t f, uint32_t v) {
    const uint64_t key = static_cast<uint64_t>(f) << 56 | static_cast<uint64_t>(v) << 28 | paper;
    if (pairs_.insert(key).second && counts_[f][v]++ == 0) seen_[f].push_back(v);
  });
}

const DocTable::Dictionary& FacetCounter::DictionaryOf(Facet facet) const {
  return facet == Facet::kCouncil     ? table_.councils()
         : facet == Facet::kCommittee ? table_.committees()
         : facet == Facet::kType      ? table_.types()
         : facet == Facet::kTheme     ? table_.theme_names()
                                      : table_.people_names();
}

std::string FacetCounter::Label(Facet facet, uint32_t value) const {
  if (facet == Facet::kYear) return value == kUndated ? std::string("undated") : std::to_string(value);
  return DictionaryOf(facet).Name(value);
}

std::map<std::string, uint64_t> FacetCounter::Counts(Facet facet) const {
  CountPending();
  std::map<std::string, uint64_t> out;
  for (size_t f = 0; f < facets_.size(); ++f) {
    if (facets_[f] != facet) continue;
    // Only the values seen: a dictionary can be large (every person named).
    for (uint32_t v : seen_[f])
      if (v != 0 || facet == Facet::kYear) out[Label(facet, v)] = counts_[f][v];
  }
  return out;
}

namespace {
bool MoreFrequent(const FacetValue& a, const FacetValue& b) {
  return a.count > b.count || (a.count == b.count && a.value < b.value);
}
}  // namespace

std::vector<FacetValue> FacetCounter::Top(Facet facet, size_t limit) const {
  CountPending();
  std::vector<FacetValue> out;
  for (size_t f = 0; f < facets_.size(); ++f) {
    if (facets_[f] != facet) continue;
    std::vector<std::pair<uint32_t, uint32_t>> cells;  // count, value
    for (uint32_t v : seen_[f])
      if (v != 0 || facet == Facet::kYear) cells.emplace_back(counts_[f][v], v);
    // Names only for the values counted at least as often as the limit-th
    // (ties are ordered by name): a search's person facet sees thousands.
    if (cells.size() > limit) {
      if (limit == 0) return out;
      std::nth_element(cells.begin(), cells.begin() + static_cast<std::ptrdiff_t>(limit - 1), cells.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      const uint32_t least = cells[limit - 1].first;
      std::erase_if(cells, [least](const auto& c) { return c.first < least; });
    }
    out.reserve(cells.size());
    for (const auto& [count, v] : cells) out.push_back({Label(facet, v), count});
  }
  std::sort(out.begin(), out.end(), MoreFrequent);
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::vector<FacetValue> TopValues(const std::map<std::string, uint64_t>& counts, size_t limit) {
  std::vector<FacetValue> out;
  for (const auto& [value, count] : counts) out.push_back({value, count});
  std::sort(out.begin(), out.end(), MoreFrequent);
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace councilsearch
