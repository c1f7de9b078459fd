// The set of documents a query matches, found by walking posting lists into a
// bitset over docids, without the matcher: no weights, no Document objects,
// no per-match virtual calls. Counting (trends) needs only which documents
// match, and for the queries people chart — words, synonyms, boolean
// operators, filter terms and wildcards (the OR of their stems,
// WildcardQuery) — that is a union, intersection or difference of posting
// lists. Queries that need positions or values (phrases, NEAR, money ranges
// with an open end) are not evaluated here: the caller runs the matcher.
#pragma once

#include <xapian.h>

#include <bit>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "searchd/match_cache.h"

namespace councilsearch {

// The databases a search covers: one Xapian handle over them all, and, when
// there are several and each is one Xapian database, those parts in the
// order they were combined. Xapian numbers the documents of the combined
// handle round robin (document d of part i of n is (d - 1) * n + i + 1), so
// walking each part on its own and numbering as Xapian does gives the same
// ids, without Xapian merging the parts' posting lists on every posting
// (+50% on a trend over two shards), and lets a match spy see ids it can
// number (a spy on a combined handle gets each part's own ids).
class Shards {
 public:
  // One handle, walked as it is. Implicit: any database is a set of shards.
  Shards(const Xapian::Database& db) : combined_(db) {}  // NOLINT(google-explicit-constructor)
  // `parts` (which must outlive this) are the databases `combined` holds, in
  // order; `cache` (optional) keeps their long posting lists and costly
  // queries' matches.
  Shards(const Xapian::Database& combined, const std::vector<Xapian::Database>& parts, MatchCache* cache = nullptr)
      : combined_(combined), parts_(parts.size() > 1 ? &parts : nullptr), cache_(cache) {}

  const Xapian::Database& combined() const { return combined_; }
  // Where walks find kept matches (null: Xapian each time).
  MatchCache* cache() const { return cache_; }
  // The parts to walk one by one; empty: walk combined().
  size_t part_count() const { return parts_ == nullptr ? 0 : parts_->size(); }
  const Xapian::Database& part(size_t i) const { return (*parts_)[i]; }
  // The combined id of part `i`'s document `local`.
  Xapian::docid CombinedId(size_t i, Xapian::docid local) const {
    return static_cast<Xapian::docid>((local - 1) * parts_->size() + i + 1);
  }
  // Calls walk(database, to_combined) for each part in turn (or once for the
  // combined handle when there are none); to_combined(id in that database)
  // gives the combined id.
  template <typename W>
  void ForEachPart(W&& walk) const {
    if (part_count() == 0) {
      walk(combined(), [](Xapian::docid id) { return id; });
      return;
    }
    for (size_t i = 0; i < part_count(); ++i)
      walk(part(i), [this, i](Xapian::docid local) { return CombinedId(i, local); });
  }

 private:
  const Xapian::Database& combined_;
  const std::vector<Xapian::Database>* parts_ = nullptr;
  MatchCache* cache_ = nullptr;
};

class MatchSet {
 public:
  // The documents that `query` matches, or nothing when the query uses an
  // operator this evaluator does not handle.
  static std::optional<MatchSet> Evaluate(const Shards& shards, const Xapian::Query& query);
  // Whether Evaluate handles every operator of `query`.
  static bool Supports(const Xapian::Query& query);
  // The documents of one database that any query matches: evaluated here
  // when Supports(query), else found by the matcher (unranked: what a phrase
  // matches, for a walk to rank); kept in `cache` (optional) when it takes
  // them, or found there.
  static MatchSet InDatabase(const Xapian::Database& db, const Xapian::Query& query, MatchCache* cache = nullptr);
  // The matches of `query` kept by the shards' cache (evaluated and kept
  // now if it takes them), a set for each part in order, or for the
  // combined handle when there are no parts; empty when the cache does not
  // keep them (no cache, a cheap query, a database with no revision).
  static std::vector<std::shared_ptr<const DocSet>> Kept(const Shards& shards, const Xapian::Query& query);

  // Calls f(docid) for each matching document, in docid order.
  template <typename F>
  void ForEach(F&& f) const {
    for (size_t w = 0; w < words_.size(); ++w) {
      for (uint64_t bits = words_[w]; bits != 0; bits &= bits - 1) {
        f(static_cast<Xapian::docid>(w * 64 + static_cast<size_t>(std::countr_zero(bits))));
      }
    }
  }
  size_t Count() const;
  // The first matching document at or after `id`, or 0 (no docid is 0).
  Xapian::docid NextFrom(Xapian::docid id) const;

 private:
  explicit MatchSet(size_t words) : words_(words, 0) {}
  static std::optional<MatchSet> Eval(const Xapian::Database& db, const Xapian::Query& query, size_t words,
                                      MatchCache* cache);
  // InDatabase's matches as ids in ascending order, never kept.
  static std::vector<Xapian::docid> SortedIds(const Xapian::Database& db, const Xapian::Query& query,
                                              MatchCache* cache);

  std::vector<uint64_t> words_;  // bit d is docid d
};

// Whether the shards' cache keeps what `query` matches, in every part: the
// cache takes sets that cost enough to evaluate (they are kept on first use).
bool KeepsMatches(const Shards& shards, const Xapian::Query& query);

// How many databases `db` searches as one (every shard, each database a
// multi-database file lists, remote ones): Xapian joins their UUIDs with ':'.
size_t SubDatabaseCount(const Xapian::Database& db);

// A spy calling f(docid) for each match the matcher checks. Only for a
// single database: with several, the Document a spy gets knows its id within
// its own database, not the combined id (Xapian documents this).
class MatchCallbackSpy final : public Xapian::MatchSpy {
 public:
  explicit MatchCallbackSpy(std::function<void(Xapian::docid)> f) : f_(std::move(f)) {}
  void operator()(const Xapian::Document& doc, double) override { f_(doc.get_docid()); }

 private:
  std::function<void(Xapian::docid)> f_;
};

// The matcher's way to every match, for the queries MatchSet leaves alone:
// an unranked Enquire with a spy on each database, or, where a spy cannot go
// (a remote shard, a part that itself combines several databases), the
// result pages' docids in docid order. Returns the number of matches.
// `page` is how many ids a result page holds (small in tests).
Xapian::doccount ForEachMatchThroughMatcher(const Shards& shards, const Xapian::Query& query,
                                            const std::function<void(Xapian::docid)>& f,
                                            Xapian::doccount page = 65536);

// Whether `q` is one term or every document (MatchAll), and that term ("" for
// MatchAll, whose posting list is every document).
bool IsLeafTerm(const Xapian::Query& q);
std::string LeafTerm(const Xapian::Query& q);

// Calls f(docid) once for every document that `query` matches (in no
// particular order) and returns how many there were: what facets, trends and
// totals count.
template <typename F>
Xapian::doccount ForEachMatch(const Shards& shards, const Xapian::Query& query, F&& f) {
  // One word (or every item): its posting lists are the answer, without
  // duplicates, so no bitset is needed between the walk and the count.
  if (IsLeafTerm(query)) {
    const std::string term = LeafTerm(query);
    Xapian::doccount n = 0;
    shards.ForEachPart([&](const Xapian::Database& db, auto&& to_combined) {
      ForEachPosting(shards.cache(), db, term, [&](Xapian::docid id) {
        f(to_combined(id));
        ++n;
      });
    });
    return n;
  }
  if (const auto kept = MatchSet::Kept(shards, query); !kept.empty()) {
    Xapian::doccount n = 0;
    size_t i = 0;
    shards.ForEachPart([&](const Xapian::Database&, auto&& to_combined) {
      kept[i]->ForEach([&](Xapian::docid id) { f(to_combined(id)); });
      n += kept[i++]->size();
    });
    return n;
  }
  if (!MatchSet::Supports(query)) return ForEachMatchThroughMatcher(shards, query, std::ref(f));
  const auto matches = MatchSet::Evaluate(shards, query);
  matches->ForEach(f);
  return static_cast<Xapian::doccount>(matches->Count());
}

}  // namespace councilsearch
