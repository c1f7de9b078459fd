// Facet counting: fed every matching item (see ForEachMatch), it counts the
// values of several fields at once, by item or by paper, from the shared
// DocTable (an array lookup per match, no document read).
#pragma once

#include <xapian.h>

#include <array>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "searchd/doc_table.h"

namespace councilsearch {

struct FacetValue {
  std::string value;
  uint64_t count = 0;
  bool operator==(const FacetValue&) const = default;
};

enum class Facet { kCouncil, kCommittee, kType, kTheme, kPerson, kYear };

// The facet's name in the API: council, committee, type, theme, person, year.
const char* FacetName(Facet facet);

class FacetCounter {
 public:
  // With `by_paper`, each value counts the distinct papers of the matching
  // items (what a search grouped by paper shows), else the items.
  FacetCounter(const DocTable& table, std::vector<Facet> facets, bool by_paper = false);
  ~FacetCounter();
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;
  // Counts one matching item (in a batch: see pending_).
  void Add(Xapian::docid id) {
    pending_[pending_size_++] = id;
    if (pending_size_ == kBatch) CountPending();
  }

  // The counts of one facet's values (items without a value left out, but
  // for years, where they count as "undated").
  std::map<std::string, uint64_t> Counts(Facet facet) const;
  // TopValues(Counts(facet), limit), naming only the values that can make it.
  std::vector<FacetValue> Top(Facet facet, size_t limit) const;
  // Distinct papers seen (by paper), else items seen.
  uint64_t total() const {
    CountPending();
    return by_paper_ ? papers_seen_ : items_;
  }

 private:
  const DocTable::Dictionary& DictionaryOf(Facet facet) const;  // not for years
  std::string Label(Facet facet, uint32_t value) const;        // a value's name ("2019", "undated")
  // Calls count(facet index, value id) for every value of the item.
  template <typename CountValue>
  void ForEachValue(Xapian::docid id, CountValue&& count) const;
  void CountPending() const;
  void Count(Xapian::docid id) const;

  const DocTable& table_;
  std::vector<Facet> facets_;
  bool by_paper_;
  // Matches are counted 32 at a time, their table rows fetched first: a
  // match's row is a cache miss (the matches are scattered over a table of
  // megabytes), and asking for a batch at once overlaps the waits. The
  // counts below are mutable because reading them counts what is pending.
  static constexpr size_t kBatch = 32;
  mutable std::array<Xapian::docid, kBatch> pending_;
  mutable size_t pending_size_ = 0;
  mutable uint64_t items_ = 0, papers_seen_ = 0;
  mutable std::vector<bool> paper_seen_;
  // Per facet, per value id (years: year). The arrays come from a shared
  // pool and go back with only the counted cells zeroed: sized by dictionary
  // (every person named, every year), allocating and zeroing them for each
  // request cost more than counting a typical query's matches.
  mutable std::vector<std::vector<uint32_t>> counts_;
  mutable std::vector<std::vector<uint32_t>> seen_;  // per facet, the value ids counted (in first-seen order)
  mutable std::unordered_set<uint64_t> pairs_;       // by paper: (facet, value, paper) seen
};

// The values of a count map, most frequent first (then by value), at most `limit`.
std::vector<FacetValue> TopValues(const std::map<std::string, uint64_t>& counts, size_t limit);

}  // namespace councilsearch
