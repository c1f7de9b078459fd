// SearchService::Significant: the words and two-word phrases most
// over-represented in a set of items (a period, council, committee, theme or
// query) compared with the rest of the index.
//
// Candidates come from Xapian's ESet over the set (words) and from adjacent
// word pairs in a sample of its items (phrases). Each is then counted exactly
// in the set and in the index and ranked by Dunning's log-likelihood ratio
// (G²), which, unlike a plain ratio, weighs how much evidence there is: a
// word in 3 items of 3 is not news, one in 300 of 1,000 against 2% elsewhere
// is. The index holds stems, so each is shown as the form its stems take
// most often in the set's text.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "analyzers/text_profile.h"
#include "analyzers/text_util.h"
#include "indexer/schema.h"
#include "searchd/search_service.h"
#include "searchd/word_decider.h"

namespace councilsearch {
namespace {

using nlohmann::json;

constexpr Xapian::doccount kRelevantSetSize = 5000;  // items the ESet reads
constexpr size_t kWordCandidates = 120;
constexpr size_t kPhraseSample = 400;   // items read for word pairs
constexpr size_t kPhraseCandidates = 40;
constexpr double kMinLift = 1.5;
constexpr Xapian::doccount kMinItems = 3;

constexpr size_t kFormSample = 100;      // items read for the words' forms
constexpr size_t kFormTextBytes = 16384;  // of each item's text
constexpr size_t kFormsEnough = 20;       // occurrences of a stem that settle its form

struct Candidate {
  std::string text;  // the stem, or two stems and a space
  bool phrase = false;
  Xapian::Query query;
  double in_set = 0, in_corpus = 0, lift = 0, g2 = 0;
};

double XLogX(double observed, double expected) {
  return observed > 0 && expected > 0 ? observed * std::log(observed / expected) : 0;
}

// Dunning's G² for a term in `a` of the `n` set items and `b` of the `m` others.
double LogLikelihood(double a, double n, double b, double m) {
  const double total = n + m, with = a + b, without = total - with;
  const double e11 = n * with / total, e12 = n * without / total;
  const double e21 = m * with / total, e22 = m * without / total;
  return 2 * (XLogX(a, e11) + XLogX(n - a, e12) + XLogX(b, e21) + XLogX(m - b, e22));
}

// Adjacent pairs of plain words in the item, by the index's own terms and
// positions (so a pair is exactly what a phrase query finds).
void CountPairs(const Xapian::Document& doc, const Xapian::ExpandDecider& decider,
                std::map<std::pair<std::string, std::string>, size_t>& pairs) {
  std::map<Xapian::termpos, std::string> words;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) words.emplace(*p, term);
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (auto it = words.begin(); it != words.end(); ++it) {
    const auto next = std::next(it);
    if (next == words.end() || next->first != it->first + 1) continue;
    if (!decider(it->second) || !decider(next->second)) continue;
    seen.emplace(it->second, next->second);
  }
  for (const auto& pair : seen) ++pairs[pair];
}

// The form each stem takes most often in the text of a sample of `mset`
// (ties to the shorter, then the first in order): "hubs" for "hub" in a
// set about family hubs. A stem not met keeps itself.
std::map<std::string, std::string> FormsOf(const std::set<std::string>& stems, const Xapian::MSet& mset) {
  std::map<std::string, std::map<std::string, size_t>> counts;
  std::map<std::string, std::string> forms;
  thread_local Xapian::Stem stemmer = MakeStemmer();
  std::unordered_map<std::string, std::string> stem_of;  // a word recurs: stemmed once
  std::map<std::string, size_t> seen_of;                  // occurrences counted, by stem
  size_t settled = 0;
  const size_t step = std::max<size_t>(1, mset.size() / kFormSample);
  for (size_t i = 0; i < mset.size() && settled < stems.size(); i += step) {
    const Result<schema::StoredItem> item =
        schema::ReadStoredItem(mset[static_cast<Xapian::doccount>(i)].get_document());
    if (!item.ok()) continue;
    ForEachWord(TruncateUtf8(item->text, kFormTextBytes), [&](const std::string& word) {
      auto [known, fresh] = stem_of.try_emplace(word);
      if (fresh) known->second = stemmer(word);
      if (stems.count(known->second) == 0) return;
      size_t& seen = seen_of[known->second];
      if (seen == kFormsEnough) return;
      ++counts[known->second][word];
      if (++seen == kFormsEnough) ++settled;
    });
  }
  for (const std::string& stem : stems) {
    std::string best = stem;
    size_t best_n = 0;
    for (const auto& [form, n] : counts[stem])
      if (n > best_n || (n == best_n && form.size() < best.size())) best = form, best_n = n;
    forms[stem] = best;
  }
  return forms;
}

}  // namespace

Result<nlohmann::json> SearchService::Significant(const std::string& q, const Filters& filters, uint32_t limit) {
  if (limit > kMaxLimit) return Status::InvalidArgument("limit is at most " + std::to_string(kMaxLimit));
  return indexes_.Run<json>([&](Index& index) -> Result<json> {
    auto query = BuildQuery(index, q, filters);
    if (!query.ok()) return query.status();
    Xapian::Database& db = index.db();
    Xapian::Enquire enquire(db);
    enquire.set_query(*query);
    const Xapian::MSet mset = enquire.get_mset(0, kRelevantSetSize, db.get_doccount());
    json out;
    out["items"] = mset.get_matches_estimated();
    out["terms"] = json::array();
    if (mset.empty()) return out;
    Xapian::RSet rset;
    for (auto m = mset.begin(); m != mset.end(); ++m) rset.add_document(*m);

    // The query's own words are not news about it.
    std::set<std::string> own;
    for (auto t = query->get_terms_begin(); t != query->get_terms_end(); ++t) own.insert(*t);
    const PlainWordDecider decider(db, own);

    std::vector<Candidate> candidates;
    const Xapian::ESet eset =
        enquire.get_eset(kWordCandidates, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
    for (auto t = eset.begin(); t != eset.end(); ++t) candidates.push_back({*t, false, Xapian::Query(*t)});

    std::map<std::pair<std::string, std::string>, size_t> pairs;
    const size_t step = std::max<size_t>(1, mset.size() / kPhraseSample);
    for (size_t i = 0; i < mset.size(); i += step) CountPairs(mset[static_cast<Xapian::doccount>(i)].get_document(), decider, pairs);
    std::vector<std::pair<size_t, std::pair<std::string, std::string>>> by_count;
    for (const auto& [pair, n] : pairs)
      if (n >= kMinItems) by_count.emplace_back(n, pair);
    std::sort(by_count.rbegin(), by_count.rend());
    if (by_count.size() > kPhraseCandidates) by_count.resize(kPhraseCandidates);
    for (const auto& [n, pair] : by_count) {
      const std::vector<Xapian::Query> words = {Xapian::Query(pair.first), Xapian::Query(pair.second)};
      candidates.push_back({pair.first + " " + pair.second, true,
                            Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), 2)});
    }

    // Exact counts in the set and in the index.
    const double n = static_cast<double>(mset.get_matches_estimated());
    const double corpus = static_cast<double>(db.get_doccount());
    std::vector<Candidate> kept;
    for (Candidate& c : candidates) {
      Xapian::Enquire count(db);
      count.set_query(c.query);
      c.in_corpus = c.phrase ? count.get_mset(0, 0, db.get_doccount()).get_matches_estimated() : db.get_termfreq(c.text);
      count.set_query(Xapian::Query(Xapian::Query::OP_FILTER, *query, c.query));
      c.in_set = count.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
      if (c.in_set < kMinItems || corpus <= n) continue;
      // Against the rest of the index (half an item added to it, so a term
      // found nowhere else has a finite lift).
      const double elsewhere = c.in_corpus - c.in_set, rest = corpus - n;
      c.lift = (c.in_set / n) / ((elsewhere + 0.5) / rest);
      if (c.lift < kMinLift) continue;
      c.g2 = LogLikelihood(c.in_set, n, elsewhere, rest);
      kept.push_back(std::move(c));
    }
    std::sort(kept.begin(), kept.end(), [](const Candidate& a, const Candidate& b) { return a.g2 > b.g2; });
    // A word that is mostly one kept phrase ("hubs" of "family hubs") adds nothing.
    std::vector<const Candidate*> shown;
    for (const Candidate& c : kept) {
      if (shown.size() >= limit) break;
      const bool covered = !c.phrase && std::any_of(kept.begin(), kept.end(), [&](const Candidate& p) {
        if (!p.phrase || p.in_set < 0.8 * c.in_set) return false;
        const size_t space = p.text.find(' ');
        return p.text.substr(0, space) == c.text || p.text.substr(space + 1) == c.text;
      });
      if (!covered) shown.push_back(&c);
    }
    std::set<std::string> stems;
    for (const Candidate* c : shown) {
      const size_t space = c->text.find(' ');
      stems.insert(c->text.substr(0, space));
      if (space != std::string::npos) stems.insert(c->text.substr(space + 1));
    }
    const std::map<std::string, std::string> forms = FormsOf(stems, mset);
    for (const Candidate* c : shown) {
      const size_t space = c->text.find(' ');
      const std::string shown_as = space == std::string::npos
                                       ? forms.at(c->text)
                                       : forms.at(c->text.substr(0, space)) + " " + forms.at(c->text.substr(space + 1));
      out["terms"].push_back({{"term", shown_as},
                              {"phrase", c->phrase},
                              {"items", static_cast<uint64_t>(c->in_set)},
                              {"corpus_items", static_cast<uint64_t>(c->in_corpus)},
                              {"lift", std::round(c->lift * 100) / 100},
                              {"score", std::round(c->g2 * 10) / 10}});
    }
    return out;
  });
}

}  // namespace councilsearch
