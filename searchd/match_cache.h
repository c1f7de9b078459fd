// The documents that long posting lists and costly queries match, kept in
// memory for the walks that only ask which documents match: trends, facet
// totals, the document sets of filters. Reading a list through Xapian costs a
// virtual call and a varint decode per posting and a pread per 8 KB block;
// a phrase costs its words' positions as well. At a million items a monthly
// trend of `council` (595,000 postings) spent two thirds of its 8 ms reading
// the list, and the 71 phrases of the benchmark's queries two thirds of all
// trend time. The words and phrases people chart repeat (the same query again
// by council, by quarter, as a share, on a published page), so their matches
// are kept, as Lucene's query cache and Solr's filter cache keep the document
// sets of frequent filters: within a memory budget, least recently used out
// first. What is cheap to evaluate (fewer postings than a threshold) is
// never kept.
//
// Shared by every thread's handle: entries are keyed by the database's UUID
// and revision, so a handle on a new revision never sees the old one's sets
// (those age out). Only for one database at a time (a shard): the ids of a
// combination of databases depend on the combination.
#pragma once

#include <xapian.h>

#include <bit>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "searchd/kept_by_budget.h"

namespace councilsearch {

// Document ids in ascending order: a bitset when they are an eighth of the
// database or more, else the gaps between them as varints (a byte each while
// one document in 128 or more is in the set).
class DocSet {
 public:
  // `ids` ascending, none above `last`.
  static DocSet FromSorted(const std::vector<Xapian::docid>& ids, Xapian::docid last);

  template <typename F>
  void ForEach(F&& f) const {
    if (!bits_.empty()) {
      for (size_t w = 0; w < bits_.size(); ++w) {
        for (uint64_t bits = bits_[w]; bits != 0; bits &= bits - 1)
          f(static_cast<Xapian::docid>(w * 64 + static_cast<size_t>(std::countr_zero(bits))));
      }
      return;
    }
    Xapian::docid id = 0;
    const uint8_t* p = gaps_.data();
    const uint8_t* const end = p + gaps_.size();
    while (p != end) {
      uint32_t gap = 0;
      for (int shift = 0;; shift += 7) {
        const uint8_t byte = *p++;
        gap |= static_cast<uint32_t>(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) break;
      }
      id += gap;
      f(id);
    }
  }
  Xapian::doccount size() const { return size_; }
  size_t MemoryBytes() const { return sizeof(*this) + bits_.capacity() * sizeof(uint64_t) + gaps_.capacity(); }

 private:
  std::vector<uint64_t> bits_;  // bit d is docid d (dense sets)
  std::vector<uint8_t> gaps_;   // else: docid gaps, varint
  Xapian::doccount size_ = 0;
};

class MatchCache {
 public:
  static constexpr Xapian::doccount kDefaultMinCost = 4096;

  // `budget_bytes` 0 keeps nothing. Sets whose evaluation reads fewer than
  // `min_cost` postings are evaluated every time.
  explicit MatchCache(size_t budget_bytes, Xapian::doccount min_cost = kDefaultMinCost)
      : min_cost_(min_cost), kept_(budget_bytes) {}

  // The documents of `term` in `db`, read and kept when the list is long
  // enough (and fits the budget); null when it is not kept (short, the
  // budget 0, or a database with no revision to key it by, such as a
  // combination): then the caller reads Xapian's list.
  std::shared_ptr<const DocSet> Term(const Xapian::Database& db, const std::string& term);

  // The documents `query` matches in `db`: kept, or made by `evaluate` (ids
  // ascending) and kept when evaluating reads `min_cost` postings or more.
  // Null when the query is cheaper than that, or `db` has no revision to key
  // it by (then nothing was evaluated: the caller evaluates it as usual).
  template <typename E>
  std::shared_ptr<const DocSet> Query(const Xapian::Database& db, const Xapian::Query& query, E&& evaluate) {
    std::string key = Key(db, 'q', query.serialise());
    if (key.empty()) return nullptr;
    if (auto kept = Find(key)) return kept;
    if (Cost(db, query) < min_cost_) return nullptr;
    auto set = std::make_shared<const DocSet>(DocSet::FromSorted(evaluate(), db.get_lastdocid()));
    Keep(std::move(key), set);
    return set;
  }

  // Whether Query() keeps the matches of `query` in `db` (evaluating them
  // on first use): keyed and costly enough.
  bool Keeps(const Xapian::Database& db, const Xapian::Query& query) const {
    return !Key(db, 'q', std::string()).empty() && Cost(db, query) >= min_cost_;
  }

  struct Stats {
    size_t bytes = 0, sets = 0;
    uint64_t hits = 0, kept = 0;
  };
  Stats stats() const;
  size_t budget() const { return kept_.budget(); }
  bool enabled() const { return kept_.enabled(); }

  // How many postings evaluating `query` reads: its terms' frequencies
  // summed (every document for wildcards, ranges and other leaves that are
  // not terms, whose cost Xapian does not tell beforehand).
  static Xapian::doccount Cost(const Xapian::Database& db, const Xapian::Query& query);

 private:
  // "<uuid>@<revision>\0<kind><what>", or "" when `db` has no revision.
  std::string Key(const Xapian::Database& db, char kind, const std::string& what) const;
  std::shared_ptr<const DocSet> Find(const std::string& key) { return kept_.Find(key); }
  void Keep(std::string key, std::shared_ptr<const DocSet> set);

  const Xapian::doccount min_cost_;
  KeptByBudget<DocSet> kept_;
};

// Where a walk reads a term's documents: the cache when it keeps the list,
// else Xapian's posting list. f(docid) in docid order.
template <typename F>
void ForEachPosting(MatchCache* cache, const Xapian::Database& db, const std::string& term, F&& f) {
  if (cache != nullptr) {
    if (auto set = cache->Term(db, term)) {
      set->ForEach(f);
      return;
    }
  }
  for (auto p = db.postlist_begin(term), end = db.postlist_end(term); p != end; ++p) f(*p);
}

}  // namespace councilsearch
