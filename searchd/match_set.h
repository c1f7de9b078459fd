// The set of documents a query matches, found by walking posting lists into a
// bitset over docids, without the matcher: no weights, no Document objects,
// no per-match virtual calls. Counting (trends) needs only which documents
// match, and for the queries people chart — words, synonyms, boolean
// operators and filter terms — that is a union, intersection or difference
// of posting lists. Queries that need positions or values (phrases, NEAR,
// wildcards, ranges) are not evaluated here: the caller runs the matcher.
#pragma once

#include <xapian.h>

#include <bit>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace councilsearch {

class MatchSet {
 public:
  // The documents of `db` that `query` matches, or nothing when the query
  // uses an operator this evaluator does not handle.
  static std::optional<MatchSet> Evaluate(const Xapian::Database& db, const Xapian::Query& query);
  // Whether Evaluate handles every operator of `query`.
  static bool Supports(const Xapian::Query& query);

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

 private:
  explicit MatchSet(size_t words) : words_(words, 0) {}
  static std::optional<MatchSet> Eval(const Xapian::Database& db, const Xapian::Query& query, size_t words);

  std::vector<uint64_t> words_;  // bit d is docid d
};

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
// an unranked Enquire with a spy on one database, or the result pages'
// docids (in docid order) on several. Returns the number of matches.
// `page` is how many ids a result page holds (small in tests).
Xapian::doccount ForEachMatchThroughMatcher(const Xapian::Database& db, const Xapian::Query& query,
                                            const std::function<void(Xapian::docid)>& f,
                                            Xapian::doccount page = 65536);

// Whether `q` is one term or every document (MatchAll), and that term ("" for
// MatchAll, whose posting list is every document).
bool IsLeafTerm(const Xapian::Query& q);
std::string LeafTerm(const Xapian::Query& q);

// Calls f(docid) once for every document of `db` that `query` matches (in
// docid order from the posting lists; in the matcher's order otherwise) and
// returns how many there were: what facets, trends and totals count.
template <typename F>
Xapian::doccount ForEachMatch(const Xapian::Database& db, const Xapian::Query& query, F&& f) {
  if (!MatchSet::Supports(query)) return ForEachMatchThroughMatcher(db, query, std::ref(f));
  // One word (or every item): its posting list is the answer, in docid
  // order and without duplicates, so no bitset is needed between the walk
  // and the count.
  if (IsLeafTerm(query)) {
    const std::string term = LeafTerm(query);
    Xapian::doccount n = 0;
    for (auto p = db.postlist_begin(term), end = db.postlist_end(term); p != end; ++p, ++n) f(*p);
    return n;
  }
  const auto matches = MatchSet::Evaluate(db, query);
  matches->ForEach(f);
  return static_cast<Xapian::doccount>(matches->Count());
}

}  // namespace councilsearch
