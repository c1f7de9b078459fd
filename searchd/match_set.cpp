#include "searchd/match_set.h"

#include <algorithm>

#include "searchd/term_frequency.h"

namespace councilsearch {

bool IsLeafTerm(const Xapian::Query& q) {
  return q.get_type() == Xapian::Query::LEAF_TERM || q.get_type() == Xapian::Query::LEAF_MATCH_ALL;
}

std::string LeafTerm(const Xapian::Query& q) {
  return q.get_type() == Xapian::Query::LEAF_TERM ? *q.get_terms_begin() : std::string();
}

size_t SubDatabaseCount(const Xapian::Database& db) {
  const std::string uuid = db.get_uuid();
  return uuid.empty() ? 1 : static_cast<size_t>(std::count(uuid.begin(), uuid.end(), ':')) + 1;
}

namespace {

// One database's matches through the matcher: a spy sees every match when it
// can go where the matching happens; otherwise (a remote database, or one
// that combines several, where a spy would get ids it cannot number) the
// result pages in docid order: with equal weights the matcher stops once a
// page is full, so a page costs the matches up to its end.
Xapian::doccount MatchesOfOneDatabase(const Xapian::Database& db, const Xapian::Query& query,
                                      const std::function<void(Xapian::docid)>& f, Xapian::doccount page) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());  // only which documents, not how well
  if (SubDatabaseCount(db) == 1) {
    try {
      MatchCallbackSpy spy(f);
      enquire.add_matchspy(&spy);
      return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();  // exact: every match checked
    } catch (const Xapian::UnimplementedError&) {
      // A remote database: the spy cannot be sent to it (nothing was counted).
      enquire.clear_matchspies();
    }
  }
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  Xapian::doccount n = 0;
  for (Xapian::doccount first = 0;; first += page) {
    const Xapian::MSet ids = enquire.get_mset(first, page);
    for (auto m = ids.begin(); m != ids.end(); ++m) f(*m);
    n += ids.size();
    if (ids.size() < page) return n;
  }
}

// The 64-bit words of a bitset over `db`'s docids (0 to the last).
size_t WordsFor(const Xapian::Database& db) { return (static_cast<size_t>(db.get_lastdocid()) + 64) / 64; }

// The same, as ids in ascending order (a spy sees them in the matcher's).
std::vector<Xapian::docid> SortedMatchesOfOneDatabase(const Xapian::Database& db, const Xapian::Query& query) {
  std::vector<Xapian::docid> ids;
  MatchesOfOneDatabase(db, query, [&ids](Xapian::docid id) { ids.push_back(id); }, 65536);
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace

Xapian::doccount ForEachMatchThroughMatcher(const Shards& shards, const Xapian::Query& query,
                                            const std::function<void(Xapian::docid)>& f, Xapian::doccount page) {
  if (shards.part_count() == 0) return MatchesOfOneDatabase(shards.combined(), query, f, page);
  Xapian::doccount n = 0;
  for (size_t i = 0; i < shards.part_count(); ++i) {
    n += MatchesOfOneDatabase(
        shards.part(i), query, [&](Xapian::docid local) { f(shards.CombinedId(i, local)); }, page);
  }
  return n;
}

size_t MatchSet::Count() const {
  size_t n = 0;
  for (uint64_t w : words_) n += static_cast<size_t>(std::popcount(w));
  return n;
}

bool MatchSet::Supports(const Xapian::Query& query) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_MATCH_NOTHING:
    case Xapian::Query::LEAF_TERM:
    case Xapian::Query::LEAF_MATCH_ALL:
      return true;
    case Xapian::Query::OP_SCALE_WEIGHT:
    case Xapian::Query::OP_AND_MAYBE:  // the optional side only ranks
      return Supports(query.get_subquery(0));
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_NOT:
      for (size_t i = 0; i < query.get_num_subqueries(); ++i)
        if (!Supports(query.get_subquery(i))) return false;
      return true;
    default:  // positions, values, wildcards, elite sets, posting sources
      return false;
  }
}

std::vector<Xapian::docid> MatchSet::SortedIds(const Xapian::Database& db, const Xapian::Query& query,
                                                MatchCache* cache) {
  if (!Supports(query)) return SortedMatchesOfOneDatabase(db, query);
  std::vector<Xapian::docid> ids;
  Eval(db, query, WordsFor(db), cache)->ForEach([&ids](Xapian::docid id) { ids.push_back(id); });
  return ids;
}

MatchSet MatchSet::InDatabase(const Xapian::Database& db, const Xapian::Query& query, MatchCache* cache) {
  const size_t words = WordsFor(db);
  if (cache != nullptr) {
    const auto kept = cache->Query(db, query, [&]() { return SortedIds(db, query, cache); });
    if (kept != nullptr) {
      MatchSet set(words);
      kept->ForEach([&set](Xapian::docid id) { set.words_[id / 64] |= uint64_t{1} << (id % 64); });
      return set;
    }
  }
  if (Supports(query)) return *Eval(db, query, words, cache);
  MatchSet set(words);
  ForEachMatchThroughMatcher(Shards(db), query,
                             [&set](Xapian::docid id) { set.words_[id / 64] |= uint64_t{1} << (id % 64); });
  return set;
}

bool KeepsMatches(const Shards& shards, const Xapian::Query& query) {
  MatchCache* cache = shards.cache();
  if (cache == nullptr || !cache->enabled()) return false;
  bool all = true;
  shards.ForEachPart([&](const Xapian::Database& db, auto&&) { all = all && cache->Keeps(db, query); });
  return all;
}

std::vector<std::shared_ptr<const DocSet>> MatchSet::Kept(const Shards& shards, const Xapian::Query& query) {
  MatchCache* cache = shards.cache();
  if (cache == nullptr || !cache->enabled()) return {};
  std::vector<std::shared_ptr<const DocSet>> sets;
  bool all = true;
  shards.ForEachPart([&](const Xapian::Database& db, auto&&) {
    if (!all) return;
    auto set = cache->Query(db, query, [&]() { return SortedIds(db, query, cache); });
    if (set == nullptr) all = false;
    sets.push_back(std::move(set));
  });
  if (!all) sets.clear();
  return sets;
}

std::optional<MatchSet> MatchSet::Evaluate(const Shards& shards, const Xapian::Query& query) {
  if (!Supports(query)) return std::nullopt;
  const size_t words = WordsFor(shards.combined());
  if (shards.part_count() == 0) return Eval(shards.combined(), query, words, shards.cache());
  // Each part on its own, its matches numbered as in the combined database.
  MatchSet combined(words);
  for (size_t i = 0; i < shards.part_count(); ++i) {
    const auto local = Eval(shards.part(i), query, WordsFor(shards.part(i)), shards.cache());
    local->ForEach([&](Xapian::docid id) {
      const Xapian::docid global = shards.CombinedId(i, id);
      combined.words_[global / 64] |= uint64_t{1} << (global % 64);
    });
  }
  return combined;
}

namespace {

// Sets the bit of every document in `term`'s posting list.
void AddPostings(const Xapian::Database& db, const std::string& term, std::vector<uint64_t>& words,
                 MatchCache* cache) {
  ForEachPosting(cache, db, term, [&words](Xapian::docid id) { words[id / 64] |= uint64_t{1} << (id % 64); });
}

// The first set bit at or after `id`, or 0 (no docid is 0) when none is.
Xapian::docid NextSet(const std::vector<uint64_t>& words, Xapian::docid id) {
  size_t w = id / 64;
  if (w >= words.size()) return 0;
  uint64_t bits = words[w] & (~uint64_t{0} << (id % 64));
  while (bits == 0) {
    if (++w == words.size()) return 0;
    bits = words[w];
  }
  return static_cast<Xapian::docid>(w * 64 + static_cast<size_t>(std::countr_zero(bits)));
}

bool IsSet(const std::vector<uint64_t>& words, Xapian::docid id) { return (words[id / 64] >> (id % 64)) & 1; }

}  // namespace

Xapian::docid MatchSet::NextFrom(Xapian::docid id) const { return NextSet(words_, id); }

namespace {

// Sets the bits of the documents that have every one of `terms` (and are in
// `within`, when given): walks the rarest posting list and skips the others
// forward to each of its documents, rather than walking every list to its
// end. With `within` (the set the query's other parts matched, e.g. a date
// range), the rarest list is skipped forward to the set's next document in
// turn, so a word filtered to a few years reads those years' postings.
void Intersect(const Xapian::Database& db, std::vector<std::string> terms, std::vector<uint64_t>& words,
               const std::vector<uint64_t>* within) {
  std::sort(terms.begin(), terms.end(), [&db](const std::string& a, const std::string& b) {
    const auto freq = [&db](const std::string& t) { return t.empty() ? db.get_doccount() : TermFrequency(db, t); };
    return freq(a) < freq(b);
  });
  std::vector<Xapian::PostingIterator> others;
  for (size_t i = 1; i < terms.size(); ++i) others.push_back(db.postlist_begin(terms[i]));
  const Xapian::PostingIterator end;
  Xapian::PostingIterator p = db.postlist_begin(terms[0]);
  while (p != end) {
    Xapian::docid id = *p;
    if (within != nullptr && !IsSet(*within, id)) {
      const Xapian::docid next = NextSet(*within, id);
      if (next == 0) return;
      p.skip_to(next);
      continue;
    }
    bool everywhere = true;
    for (Xapian::PostingIterator& o : others) {
      o.skip_to(id);
      if (o == end) return;  // no more documents have this term
      if (*o != id) {
        everywhere = false;
        break;
      }
    }
    if (everywhere) words[id / 64] |= uint64_t{1} << (id % 64);
    ++p;
  }
}

}  // namespace

std::optional<MatchSet> MatchSet::Eval(const Xapian::Database& db, const Xapian::Query& query, size_t words,
                                       MatchCache* cache) {
  const Xapian::Query::op type = query.get_type();
  switch (type) {
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return MatchSet(words);
    case Xapian::Query::LEAF_TERM:
    case Xapian::Query::LEAF_MATCH_ALL: {
      MatchSet set(words);
      AddPostings(db, LeafTerm(query), set.words_, cache);
      return set;
    }
    case Xapian::Query::OP_SCALE_WEIGHT:
    case Xapian::Query::OP_AND_MAYBE:
      return Eval(db, query.get_subquery(0), words, cache);
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX: {
      // Terms straight into the result (an amount range ORs thousands of
      // them: no bitset each); other subqueries ORed in.
      MatchSet result(words);
      for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
        const Xapian::Query sub = query.get_subquery(i);
        if (IsLeafTerm(sub)) {
          AddPostings(db, LeafTerm(sub), result.words_, cache);
          continue;
        }
        const auto next = Eval(db, sub, words, cache);
        if (!next) return std::nullopt;
        for (size_t w = 0; w < words; ++w) result.words_[w] |= next->words_[w];
      }
      return result;
    }
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER: {
      // The terms intersected by skipping (a word filtered by a common type
      // or council walks the word's list, not the filter's), then ANDed with
      // the other subqueries.
      std::vector<std::string> terms;
      std::optional<MatchSet> result;
      for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
        const Xapian::Query sub = query.get_subquery(i);
        if (IsLeafTerm(sub)) {
          terms.push_back(LeafTerm(sub));
          continue;
        }
        auto next = Eval(db, sub, words, cache);
        if (!next) return std::nullopt;
        if (!result) {
          result = std::move(next);
        } else {
          for (size_t w = 0; w < words; ++w) result->words_[w] &= next->words_[w];
        }
      }
      if (terms.empty()) return result ? std::move(result) : MatchSet(words);
      MatchSet both(words);
      Intersect(db, std::move(terms), both.words_, result ? &result->words_ : nullptr);
      return both;
    }
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_NOT: {
      const size_t n = query.get_num_subqueries();
      if (n == 0) return MatchSet(words);
      auto result = Eval(db, query.get_subquery(0), words, cache);
      for (size_t i = 1; result && i < n; ++i) {
        const auto next = Eval(db, query.get_subquery(i), words, cache);
        if (!next) return std::nullopt;
        std::vector<uint64_t>& a = result->words_;
        const std::vector<uint64_t>& b = next->words_;
        for (size_t w = 0; w < words; ++w) {
          a[w] = type == Xapian::Query::OP_XOR ? a[w] ^ b[w] : a[w] & ~b[w];
        }
      }
      return result;
    }
    default:  // not Supports()ed
      return std::nullopt;
  }
}

}  // namespace councilsearch
