// Searches for words ranked in the walk that counts their facets.
//
// Xapian's matcher ranks matches by BM25, reading each match's length from
// the database's length list: a chunk decoded from its start for every match
// in a new chunk, 28% of a one-word search's time at 100k items
// (docs/benchmarks.md). Facets already walk the words' posting lists once;
// with the lengths in memory (DocTable, local databases) that walk can weigh
// each match too, and the matcher is not needed. The weights are Xapian's
// own: the same formula (BM25Weight's defaults, Enquire's default scheme) on
// the same statistics, in the same order (weight, then docid). For one word
// they are identical bit for bit (QueryBuilderTest.OneWordRankingIsTheMatchers,
// every word of a database); for words joined by AND and OR, Xapian may add
// the same per-word weights in another order
// (QueryBuilderTest.CompoundRankingIsTheMatchers: within 1e-12). Filters
// (FILTER, AND_NOT, whatever is scaled by 0) are walked along, weightless.
// Phrases, wildcards (a synonym of stems, weighted as one word) and value
// ranges keep the matcher (search_service.cpp).
#pragma once

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "searchd/match_set.h"

namespace councilsearch {

struct RankedMatch {
  Xapian::docid id;
  double weight;
};

// BM25Weight() as Xapian 1.4 computes it for one term of a query
// (weight/bm25weight.cc: init and get_sumpart; k1 1, k2 0, k3 1, b 0.5,
// min_normlen 0.5), with the statistics the matcher gathers: the documents,
// their average length and the term's frequency over every shard.
class Bm25Term {
 public:
  Bm25Term(const Xapian::Database& db, const std::string& term, Xapian::termcount wqf);
  double Weight(Xapian::termcount wdf, Xapian::termcount length) const {
    const double normlen = std::max(length * len_factor_, kMinNormlen);
    const double wdf_double = wdf;
    const double denom = kK1 * (normlen * kB + (1 - kB)) + wdf_double;
    return termweight_ * (wdf_double / denom);
  }

 private:
  static constexpr double kK1 = 1, kK3 = 1, kB = 0.5, kMinNormlen = 0.5;
  double termweight_ = 0, len_factor_ = 0;
};

// The best `top` matches so far: weight descending, then docid ascending
// (Xapian's order for equal weights).
class TopMatches {
 public:
  explicit TopMatches(size_t top) : top_(top) { heap_.reserve(top); }
  void Offer(Xapian::docid id, double weight) {
    if (top_ == 0) return;
    const RankedMatch m{id, weight};
    if (heap_.size() < top_) {
      heap_.push_back(m);
      std::push_heap(heap_.begin(), heap_.end(), Better);
    } else if (Better(m, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), Better);
      heap_.back() = m;
      std::push_heap(heap_.begin(), heap_.end(), Better);
    }
  }
  // Best first.
  std::vector<RankedMatch> Take() {
    std::sort_heap(heap_.begin(), heap_.end(), Better);
    return std::move(heap_);
  }

 private:
  // "a ranks above b"; as the heap's order it keeps the worst kept match on top.
  static bool Better(const RankedMatch& a, const RankedMatch& b) {
    return a.weight > b.weight || (a.weight == b.weight && a.id < b.id);
  }
  size_t top_;
  std::vector<RankedMatch> heap_;
};

// Whether RankOneWord can rank `query` itself: a single term (a word).
inline bool IsOneWord(const Xapian::Query& query) { return query.get_type() == Xapian::Query::LEAF_TERM; }

// Calls f(docid) for every match of the one-term `query` (IsOneWord) and
// returns the best `top` of them by BM25, as Enquire::get_mset ranks them;
// `lengths` are the documents' lengths by docid (DocTable::lengths()).
// `matches` receives how many matched.
template <typename F>
std::vector<RankedMatch> RankOneWord(const Shards& shards, const Xapian::Query& query,
                                     std::span<const uint32_t> lengths, size_t top, Xapian::doccount& matches,
                                     F&& f) {
  const std::string term = LeafTerm(query);
  const Bm25Term bm25(shards.combined(), term, query.get_length());  // a term's length is its wqf
  TopMatches best(top);
  matches = 0;
  shards.ForEachPart([&](const Xapian::Database& db, auto&& to_combined) {
    for (auto p = db.postlist_begin(term), end = db.postlist_end(term); p != end; ++p) {
      const Xapian::docid id = to_combined(*p);
      ++matches;
      f(id);
      best.Offer(id, bm25.Weight(p.get_wdf(), id < lengths.size() ? lengths[id] : 0));
    }
  });
  return best.Take();
}

// Words combined with AND and OR (the query parser's default operator, an
// abbreviation's long form OR its concept term), or one word: at most
// kMaxRankedWords distinct terms, each once; filtered (FILTER, AND_NOT, the
// API's filters, `type:` fields) by anything MatchSet evaluates. Not filters
// alone: with nothing weighted the matcher stops at the page's end, and
// ForEachMatch counts them without it. Weights are
// Xapian's sums of the same per-term weights, which it may add in another
// order (within an ulp or two). A phrase is ranked in the walk when it is
// ORed with something, or when `walk_phrase(phrase)` says so (its document
// set kept: KeepsMatches).
inline constexpr size_t kMaxRankedWords = 8;
using PhraseRule = std::function<bool(const Xapian::Query& phrase)>;
bool CanRankCompound(const Xapian::Query& query, const PhraseRule& walk_phrase = nullptr);

// RankOneWord for CanRankCompound queries: walks the terms' posting lists
// together, a document at a time (AND skipping forward from its rarest
// term), calling each(docid) for every match.
std::vector<RankedMatch> RankCompound(const Shards& shards, const Xapian::Query& query,
                                      std::span<const uint32_t> lengths, size_t top, Xapian::doccount& matches,
                                      const std::function<void(Xapian::docid)>& each);

}  // namespace councilsearch
