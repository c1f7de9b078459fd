#include "searchd/match_set.h"

#include <algorithm>

namespace councilsearch {
size_t SubDatabaseCount(const Xapian::Database& db) {
  const std::string uuid = db.get_uuid();
  return uuid.empty() ? 1 : static_cast<size_t>(std::count(uuid.begin(), uuid.end(), ':')) + 1;
}

Xapian::doccount ForEachMatchThroughMatcher(const Xapian::Database& db, const Xapian::Query& query,
                                            const std::function<void(Xapian::docid)>& f) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());  // only which documents, not how well
  if (SubDatabaseCount(db) == 1) {
    MatchCallbackSpy spy(f);
    enquire.add_matchspy(&spy);
    return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();  // exact: every match checked
  }
  // Pages in docid order: with equal weights the matcher stops once a page
  // is full, so a page costs the matches up to its end.
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  constexpr Xapian::doccount kPage = 65536;
  Xapian::doccount n = 0;
  for (Xapian::doccount first = 0;; first += kPage) {
    const Xapian::MSet page = enquire.get_mset(first, kPage);
    for (auto m = page.begin(); m != page.end(); ++m) f(*m);
    n += page.size();
    if (page.size() < kPage) return n;
  }
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

std::optional<MatchSet> MatchSet::Evaluate(const Xapian::Database& db, const Xapian::Query& query) {
  if (!Supports(query)) return std::nullopt;
  return Eval(db, query, (static_cast<size_t>(db.get_lastdocid()) + 64) / 64);
}

std::optional<MatchSet> MatchSet::Eval(const Xapian::Database& db, const Xapian::Query& query, size_t words) {
  const Xapian::Query::op type = query.get_type();
  switch (type) {
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return MatchSet(words);
    case Xapian::Query::LEAF_TERM:
    case Xapian::Query::LEAF_MATCH_ALL: {
      // A term's query has exactly one term; MatchAll's is "", whose posting
      // list is every document.
      const std::string term = type == Xapian::Query::LEAF_TERM ? *query.get_terms_begin() : std::string();
      MatchSet set(words);
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        const Xapian::docid id = *p;
        set.words_[id / 64] |= uint64_t{1} << (id % 64);
      }
      return set;
    }
    case Xapian::Query::OP_SCALE_WEIGHT:
    case Xapian::Query::OP_AND_MAYBE:
      return Eval(db, query.get_subquery(0), words);
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_NOT: {
      const size_t n = query.get_num_subqueries();
      if (n == 0) return MatchSet(words);
      auto result = Eval(db, query.get_subquery(0), words);
      for (size_t i = 1; result && i < n; ++i) {
        const auto next = Eval(db, query.get_subquery(i), words);
        if (!next) return std::nullopt;
        std::vector<uint64_t>& a = result->words_;
        const std::vector<uint64_t>& b = next->words_;
        for (size_t w = 0; w < words; ++w) {
          switch (type) {
            case Xapian::Query::OP_AND:
            case Xapian::Query::OP_FILTER: a[w] &= b[w]; break;
            case Xapian::Query::OP_XOR: a[w] ^= b[w]; break;
            case Xapian::Query::OP_AND_NOT: a[w] &= ~b[w]; break;
            default: a[w] |= b[w]; break;
          }
        }
      }
      return result;
    }
    default:  // not Supports()ed
      return std::nullopt;
  }
}

}  // namespace councilsearch
