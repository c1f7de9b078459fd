#include "searchd/match_cache.h"

#include <limits>

#include "searchd/term_frequency.h"

namespace councilsearch {

DocSet DocSet::FromSorted(const std::vector<Xapian::docid>& ids, Xapian::docid last) {
  DocSet set;
  set.size_ = static_cast<Xapian::doccount>(ids.size());
  if (ids.size() >= last / 8 + 1) {
    set.bits_.assign(static_cast<size_t>(last) / 64 + 1, 0);
    for (Xapian::docid id : ids) set.bits_[id / 64] |= uint64_t{1} << (id % 64);
    return set;
  }
  set.gaps_.reserve(ids.size() + ids.size() / 4);
  Xapian::docid previous = 0;
  for (Xapian::docid id : ids) {
    uint32_t gap = id - previous;
    previous = id;
    while (gap >= 0x80) {
      set.gaps_.push_back(static_cast<uint8_t>(gap | 0x80));
      gap >>= 7;
    }
    set.gaps_.push_back(static_cast<uint8_t>(gap));
  }
  set.gaps_.shrink_to_fit();
  return set;
}

std::string MatchCache::Key(const Xapian::Database& db, char kind, const std::string& what) const {
  if (!kept_.enabled()) return {};
  std::string key = RevisionName(db);
  if (key.empty()) return {};
  key += '\0';
  key += kind;
  key += what;
  return key;
}

void MatchCache::Keep(std::string key, std::shared_ptr<const DocSet> set) {
  const size_t bytes = set->MemoryBytes();
  kept_.Keep(std::move(key), std::move(set), bytes);
}

std::shared_ptr<const DocSet> MatchCache::Term(const Xapian::Database& db, const std::string& term) {
  std::string key = Key(db, 't', term);
  if (key.empty()) return nullptr;
  if (auto kept = Find(key)) return kept;
  // Read outside the lock: each thread has its own handle.
  const Xapian::doccount postings = TermFrequency(db, term);
  if (postings < min_cost_) return nullptr;
  std::vector<Xapian::docid> ids;
  ids.reserve(postings);
  for (auto p = db.postlist_begin(term), end = db.postlist_end(term); p != end; ++p) ids.push_back(*p);
  auto set = std::make_shared<const DocSet>(DocSet::FromSorted(ids, db.get_lastdocid()));
  Keep(std::move(key), set);
  return set;
}

Xapian::doccount MatchCache::Cost(const Xapian::Database& db, const Xapian::Query& query) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return TermFrequency(db, *query.get_terms_begin());
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return 0;
    default:
      break;
  }
  const size_t n = query.get_num_subqueries();
  if (n == 0) return db.get_doccount();  // every document, a wildcard, a range, a posting source
  Xapian::doccount cost = 0;
  for (size_t i = 0; i < n; ++i) {
    const Xapian::doccount sub = Cost(db, query.get_subquery(i));
    cost = sub > std::numeric_limits<Xapian::doccount>::max() - cost ? std::numeric_limits<Xapian::doccount>::max()
                                                                     : cost + sub;
  }
  return cost;
}

MatchCache::Stats MatchCache::stats() const {
  const auto kept = kept_.stats();
  return {kept.bytes, kept.entries, kept.hits, kept.kept};
}

}  // namespace councilsearch
