#include "searchd/search_service.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <set>

#include "analyzers/document_type.h"
#include "analyzers/knowledge.h"
#include "analyzers/people.h"
#include "analyzers/text_codec.h"
#include "analyzers/text_profile.h"
#include "analyzers/text_util.h"
#include "indexer/schema.h"
#include "searchd/match_set.h"
#include "searchd/query_builder.h"
#include "searchd/snippets.h"
#include "searchd/term_ranking.h"
#include "searchd/word_decider.h"

namespace councilsearch {

struct StoredHit {
  Hit hit;  // no score or snippet yet; page: the item's first page
  std::vector<std::pair<size_t, int>> pages;  // (text offset, page) where a new page starts
  std::string text;

  // The page an offset of the text is on.
  int PageAt(size_t offset) const {
    int page = hit.page;
    for (const auto& [start, number] : pages) {
      if (start > offset) break;
      page = number;
    }
    return page;
  }
  size_t MemoryBytes() const {
    size_t bytes = sizeof(*this) + text.capacity() + pages.capacity() * sizeof(pages[0]);
    for (const std::string* s : {&hit.paper_id, &hit.item_id, &hit.title, &hit.heading, &hit.number, &hit.council,
                                 &hit.committee, &hit.date, &hit.type, &hit.url})
      bytes += s->capacity();
    for (const auto* list : {&hit.themes, &hit.people})
      for (const std::string& s : *list) bytes += sizeof(s) + s.capacity();
    return bytes;
  }
};

struct KeptFacets {
  uint64_t total = 0;
  std::map<std::string, std::vector<FacetValue>> facets;

  size_t MemoryBytes() const {
    size_t bytes = sizeof(*this);
    for (const auto& [name, values] : facets) {
      bytes += 64 + name.capacity() + values.capacity() * sizeof(FacetValue);  // 64: the map's node
      for (const FacetValue& v : values) bytes += v.value.capacity();
    }
    return bytes;
  }
};

namespace {

using namespace schema;
using nlohmann::json;

std::string Term(std::string_view prefix, std::string_view value) {
  std::string t(prefix);
  t += value;
  return t;
}

// Values of one field ORed, as a filter.
Xapian::Query AnyOf(std::string_view prefix, const std::vector<std::string>& values,
                    const std::function<std::string(const std::string&)>& to_term_value) {
  std::vector<Xapian::Query> terms;
  for (const std::string& v : values) terms.emplace_back(Term(prefix, to_term_value(v)));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// Sorts by meeting date with undated items last in either direction.
class DateKey final : public Xapian::KeyMaker {
 public:
  explicit DateKey(bool newest_first) : newest_first_(newest_first) {}
  std::string operator()(const Xapian::Document& doc) const override {
    std::string date = doc.get_value(kSlotDate);
    if (date.empty()) return newest_first_ ? std::string() : std::string("99999999");
    return date;
  }

 private:
  bool newest_first_;
};

// A gentle boost for newer papers: up to `max_weight` for today's papers,
// halving every `half_life_years`.
class RecencySource final : public Xapian::ValuePostingSource {
 public:
  RecencySource(double max_weight, double half_life_years)
      : Xapian::ValuePostingSource(kSlotDate), max_weight_(max_weight), half_life_(half_life_years) {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    now_years_ = 1900 + tm.tm_year + tm.tm_yday / 366.0;
    set_maxweight(max_weight_);
  }
  double get_weight() const override {
    const std::string date = get_value();
    if (date.size() < 8) return 0;
    const double year = std::stoi(date.substr(0, 4)) + (std::stoi(date.substr(4, 2)) - 1) / 12.0;
    const double age = std::max(0.0, now_years_ - year);
    return max_weight_ * std::pow(0.5, age / half_life_);
  }
  RecencySource* clone() const override { return new RecencySource(max_weight_, half_life_); }
  std::string name() const override { return "councilsearch::RecencySource"; }

 private:
  double max_weight_, half_life_, now_years_ = 0;
};

// What snippets mark: the query's free-text terms (stems, as indexed) and
// concepts. Taken from the query once rather than per hit with
// Enquire::get_matching_terms, which reads each hit's whole term list; a
// term a hit lacks is simply not found in its text.
Highlight HighlightFor(const Xapian::Query& query) {
  Highlight h;
  const std::string concept_prefix(kPrefixConcept);
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    const std::string term = *t;
    if (term.empty()) continue;
    if (term.rfind(concept_prefix, 0) == 0) {
      h.concepts.insert(term.substr(concept_prefix.size()));
    } else if (!(term[0] >= 'A' && term[0] <= 'Z')) {
      h.stems.insert(term);
    }
  }
  return h;
}

std::vector<std::string> ThemeIds(const json& data) {
  std::vector<std::string> out;
  if (data.contains(std::string(kDataThemes)))
    for (const auto& t : data[std::string(kDataThemes)]) out.push_back(t[0].get<std::string>());
  return out;
}

// An item's stored JSON, parsed, and its text; an item that cannot be read
// shows as an empty one (a damaged database), not as a failed request.
struct ItemRead {
  json data = json::object();
  std::string text;
};

ItemRead ReadItem(const Xapian::Document& doc, bool with_text = true) {
  auto stored = ReadStoredItem(doc, with_text);
  if (!stored.ok()) return {};
  return {json::parse(stored->json), std::move(stored->text)};
}

StoredHit StoredHitFrom(const json& data, std::string text) {
  StoredHit stored;
  Hit& h = stored.hit;
  h.paper_id = data.value(std::string(kDataPaperId), "");
  h.item_id = data.value(std::string(kDataItemId), "");
  h.title = data.value(std::string(kDataTitle), "");
  h.heading = data.value(std::string(kDataHeading), "");
  h.number = data.value(std::string(kDataNumber), "");
  h.council = data.value(std::string(kDataCouncil), "");
  h.committee = data.value(std::string(kDataCommittee), "");
  h.date = data.value(std::string(kDataDate), "");
  h.type = data.value(std::string(kDataType), "");
  h.url = data.value(std::string(kDataUrl), "");
  h.ordinal = data.value(std::string(kDataOrdinal), 0u);
  h.page = data.value(std::string(kDataPage), 0);
  h.themes = ThemeIds(data);
  if (data.contains(std::string(kDataPeople))) h.people = data[std::string(kDataPeople)].get<std::vector<std::string>>();
  if (data.contains(std::string(kDataPages))) {
    for (const auto& p : data[std::string(kDataPages)]) stored.pages.emplace_back(p[0].get<size_t>(), p[1].get<int>());
  }
  stored.text = std::move(text);
  return stored;
}

// The item as the paper and item views show it.
json ItemView(const json& data, std::string_view text) {
  json item;
  for (const auto key : {kDataItemId, kDataOrdinal, kDataNumber, kDataHeading, kDataPage, kDataPeople}) {
    if (data.contains(std::string(key))) item[std::string(key)] = data[std::string(key)];
  }
  item["text"] = text;
  item["points"] = json::array();
  if (data.contains(std::string(kDataPoints))) {
    for (const auto& p : data[std::string(kDataPoints)]) item["points"].push_back({{"label", p[0]}, {"offset", p[1]}});
  }
  item["decisions"] = json::array();
  if (data.contains(std::string(kDataDecisions))) {
    for (const auto& d : data[std::string(kDataDecisions)]) {
      const size_t b = d[0].get<size_t>(), e = d[1].get<size_t>();
      if (b <= e && e <= text.size()) item["decisions"].push_back(std::string(text.substr(b, e - b)));
    }
  }
  item["themes"] = json::array();
  if (data.contains(std::string(kDataThemes))) {
    for (const auto& t : data[std::string(kDataThemes)]) item["themes"].push_back({{"theme", t[0]}, {"weight", t[1]}});
  }
  item["amounts"] = json::array();
  if (data.contains(std::string(kDataAmounts))) {
    for (const auto& a : data[std::string(kDataAmounts)]) {
      const size_t b = a[0].get<size_t>(), e = a[1].get<size_t>();
      item["amounts"].push_back({{"text", b <= e && e <= text.size() ? std::string(text.substr(b, e - b)) : ""},
                                 {"value", a[2]}, {"currency", a[3]}});
    }
  }
  return item;
}

json PaperMeta(const json& data) {
  json paper;
  for (const auto key : {kDataPaperId, kDataTitle, kDataCouncil, kDataCommittee, kDataDate, kDataType, kDataUrl}) {
    if (data.contains(std::string(key))) paper[std::string(key)] = data[std::string(key)];
  }
  return paper;
}

}  // namespace

bool KnownTheme(const Knowledge& knowledge, const std::string& theme) { return knowledge.FindTheme(theme) != nullptr; }

Result<std::string> DateBound(const std::string& text, bool end_of_period) {
  const std::string bad = "'" + text + "' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD";
  if (text.size() == 4 && std::all_of(text.begin(), text.end(), ::isdigit))
    return text + (end_of_period ? "1231" : "0101");
  if (text.size() == 7 && text[4] == '-') {
    const std::string first = text + "-01";
    if (!IsIsoDate(first)) return Status::InvalidArgument(bad);
    if (!end_of_period) return text.substr(0, 4) + text.substr(5, 2) + "01";
    for (int day = 31; day >= 28; --day) {
      const std::string candidate = text + "-" + std::to_string(day);
      if (IsIsoDate(candidate)) return text.substr(0, 4) + text.substr(5, 2) + std::to_string(day);
    }
    return Status::InvalidArgument(bad);
  }
  if (!IsIsoDate(text)) return Status::InvalidArgument(bad);
  return text.substr(0, 4) + text.substr(5, 2) + text.substr(8, 2);
}

SearchService::SearchService(IndexSet& indexes, const Knowledge& knowledge, const SearchKeeping& keeping)
    : indexes_(indexes),
      knowledge_(knowledge),
      costly_postings_(keeping.costly_postings),
      hits_(keeping.hit_bytes),
      facets_(keeping.facet_bytes) {}

SearchService::~SearchService() = default;

std::shared_ptr<const StoredHit> SearchService::ReadHit(Index& index, Xapian::docid id) {
  // Named by every shard's revision; with a shard that reports none (a
  // remote one), an item may change under the same name, so nothing is kept.
  std::string key;
  if (hits_.enabled() && index.RevisionsKnown()) {
    key = index.RevisionKey();
    key += '\0';
    key += std::to_string(id);
    if (auto kept = hits_.Find(key)) return kept;
  }
  ItemRead item = ReadItem(index.db().get_document(id, Xapian::DOC_ASSUME_VALID));
  auto stored = std::make_shared<const StoredHit>(StoredHitFrom(item.data, std::move(item.text)));
  // A long item (a whole gazette issue as one item) is read again rather
  // than kept: a few would fill the budget, and keeping large blocks between
  // requests kept the allocator from reusing the space around them (a
  // 32 MB budget grew searchd by 140 MB on the Cleveland City Record, whose
  // hits average 145 KB).
  const size_t bytes = stored->MemoryBytes();
  if (!key.empty() && bytes <= hits_.budget() / 512) hits_.Keep(std::move(key), stored, bytes);
  return stored;
}

Result<Xapian::Query> SearchService::BuildQuery(Index& index, const std::string& q, const Filters& f) {
  if (q.size() > kMaxQueryLength)
    return Status::InvalidArgument("the query is " + std::to_string(q.size()) + " characters long; the limit is " +
                                   std::to_string(kMaxQueryLength));
  // Every item: a query of the empty term. Not Query::MatchAll, a static
  // shared by all threads whose (non-atomic) reference count copies would
  // race on.
  Xapian::Query query{std::string()};
  if (!TrimView(q).empty()) {
    auto parsed = index.Builder(knowledge_).Parse(q);
    if (!parsed.ok()) return parsed.status();
    query = *parsed;
  }
  std::vector<Xapian::Query> filters;
  auto slug = [](const std::string& v) { return Slug(v); };
  if (!f.councils.empty()) filters.push_back(AnyOf(kPrefixCouncil, f.councils, slug));
  if (!f.committees.empty()) filters.push_back(AnyOf(kPrefixCommittee, f.committees, slug));
  if (!f.people.empty()) filters.push_back(AnyOf(kPrefixPerson, f.people, slug));
  if (!f.kinds.empty()) filters.push_back(AnyOf(kPrefixKind, f.kinds, slug));
  if (!f.papers.empty()) filters.push_back(AnyOf(kPrefixPaperId, f.papers, [](const std::string& v) { return v; }));
  if (!f.types.empty()) {
    for (const std::string& t : f.types) {
      if (!NormalizeDocumentType(t) || *NormalizeDocumentType(t) != ToLowerAscii(t))
        return Status::InvalidArgument("unknown type '" + t +
                                       "': use agenda, minutes, report, appendix, document-pack, work-programme, "
                                       "decision, motion or other");
    }
    filters.push_back(AnyOf(kPrefixType, f.types, [](const std::string& v) { return ToLowerAscii(v); }));
  }
  if (!f.themes.empty()) {
    for (const std::string& t : f.themes) {
      if (!KnownTheme(knowledge_, t)) return Status::InvalidArgument("unknown theme '" + t + "' (see /api/v1/facets)");
    }
    filters.push_back(AnyOf(kPrefixTheme, f.themes,
                            [this](const std::string& v) { return knowledge_.FindTheme(v)->id; }));
  }
  if (!f.from.empty() || !f.to.empty()) {
    // Undated items have no date terms, so they are in no range.
    filters.push_back(DateRangeQuery(index.db(), f.from.empty() ? "00000101" : f.from, f.to.empty() ? "99991231" : f.to));
  }
  if (f.decisions_only) filters.emplace_back(std::string(kTermDecision));
  if (filters.empty()) return query;
  Xapian::Query filter(Xapian::Query::OP_AND, filters.begin(), filters.end());
  return Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
}

Result<SearchResult> SearchService::Search(const SearchRequest& r) {
  const auto start = std::chrono::steady_clock::now();
  if (r.limit > kMaxLimit) return Status::InvalidArgument("limit is at most " + std::to_string(kMaxLimit));
  if (r.offset > kMaxOffset) return Status::InvalidArgument("offset is at most " + std::to_string(kMaxOffset));
  return indexes_.Run<SearchResult>([&](Index& index) -> Result<SearchResult> {
    auto query = BuildQuery(index, r.q, r.filters);
    if (!query.ok()) return query.status();
    Xapian::Query final_query = *query;
    Xapian::Enquire enquire(index.db());
    const bool listing = TrimView(r.q).empty();
    switch (r.sort) {
      case SortOrder::kNewest:
        enquire.set_sort_by_key_then_relevance(new DateKey(true), true);
        break;
      case SortOrder::kOldest:
        enquire.set_sort_by_key_then_relevance(new DateKey(false), false);
        break;
      case SortOrder::kRecent: {
        auto* recency = new RecencySource(listing ? 1.0 : 1.5, 3.0);
        final_query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, final_query, Xapian::Query(recency->release()));
        break;
      }
      case SortOrder::kRelevance:
        if (listing) enquire.set_sort_by_key_then_relevance(new DateKey(true), true);
        break;
    }
    enquire.set_query(final_query);
    if (r.group_by_paper) enquire.set_collapse_key(kSlotPaperId);

    // Facets count what the hits are: items, or papers when grouped. They
    // and the total need every match, not just the page: from the posting
    // lists when the query allows (no weights, so the matcher is left to
    // find the top hits only, skipping what cannot reach them), else by a
    // spy on the ranked matcher, which then checks every match (one local
    // database), or by a second, unranked pass (several, or a remote one).
    // Xapian's count of collapsed matches is an estimate; the counter counts papers exactly.
    const bool count_all = r.facets || r.group_by_paper;
    // A costly query's counts are kept (SearchKeeping), named by the
    // revision, what is counted and the query with its filters.
    std::string facets_key;
    std::shared_ptr<const KeptFacets> kept_facets;
    if (count_all && facets_.enabled() && index.RevisionsKnown() &&
        MatchCache::Cost(index.db(), *query) >= costly_postings_) {
      facets_key = index.RevisionKey();
      facets_key += '\0';
      facets_key += r.facets ? 'f' : '-';
      facets_key += r.group_by_paper ? 'p' : 'i';
      facets_key += std::to_string(r.facet_limit);
      facets_key += '\0';
      facets_key += query->serialise();
      kept_facets = facets_.Find(facets_key);
    }
    const bool counting = count_all && kept_facets == nullptr;
    std::optional<FacetCounter> facets;
    if (counting) {
      facets.emplace(index.table(),
                     r.facets ? std::vector<Facet>{Facet::kCouncil, Facet::kCommittee, Facet::kType, Facet::kTheme,
                                                   Facet::kPerson, Facet::kYear}
                              : std::vector<Facet>{},
                     r.group_by_paper);
    }
    const auto count = [&facets](Xapian::docid id) {
      if (facets) facets->Add(id);
    };
    std::vector<RankedMatch> ranked;  // the hits of the page asked for, best first
    Xapian::doccount matches = 0;
    const std::span<const uint32_t> lengths = index.table().lengths();
    if (r.sort == SortOrder::kRelevance && !listing && !r.group_by_paper && !lengths.empty() &&
        CanRankCompound(*query, [&index](const Xapian::Query& phrase) { return KeepsMatches(index.shards(), phrase); })) {
      // Words: ranked in the walk that counts the facets (term_ranking.h).
      const size_t top = r.offset + r.limit;
      ranked = IsOneWord(*query) ? RankOneWord(index.shards(), *query, lengths, top, matches, count)
                                 : RankCompound(index.shards(), *query, lengths, top, matches, count);
      ranked.erase(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(std::min<size_t>(r.offset, ranked.size())));
    } else {
      bool spied = false;
      Xapian::MSet mset;
      if (counting && !MatchSet::Supports(*query) && SubDatabaseCount(index.db()) == 1) {  // see MatchCallbackSpy
        MatchCallbackSpy spy(count);
        enquire.add_matchspy(&spy);
        try {
          mset = enquire.get_mset(r.offset, r.limit, index.db().get_doccount());
          spied = true;
        } catch (const Xapian::UnimplementedError&) {
          enquire.clear_matchspies();  // a remote database: the spy cannot go there
        }
      }
      if (!spied) mset = enquire.get_mset(r.offset, r.limit);
      if (counting && !spied) ForEachMatch(index.shards(), *query, count);
      for (auto m = mset.begin(); m != mset.end(); ++m) ranked.push_back({*m, m.get_weight()});
      matches = mset.get_matches_estimated();
    }

    const Highlight highlight = HighlightFor(*query);
    SearchResult result;
    result.total = kept_facets ? kept_facets->total : facets ? facets->total() : matches;
    for (const RankedMatch& m : ranked) {
      const std::shared_ptr<const StoredHit> stored = ReadHit(index, m.id);
      Hit hit = stored->hit;
      hit.score = std::round(m.weight * 1000) / 1000;
      const Snippet snippet = MakeSnippet(stored->text, highlight, knowledge_);
      hit.snippet = snippet.html;
      const int page = stored->PageAt(snippet.offset);
      if (page > 0) hit.page = page;
      result.hits.push_back(std::move(hit));
    }
    if (kept_facets) {
      result.facets = kept_facets->facets;
    } else if (r.facets) {
      for (const Facet f : {Facet::kCouncil, Facet::kCommittee, Facet::kType, Facet::kTheme, Facet::kPerson, Facet::kYear})
        result.facets[FacetName(f)] = facets->Top(f, r.facet_limit);
      // Years read best newest first, "undated" last.
      std::sort(result.facets["year"].begin(), result.facets["year"].end(),
                [](const FacetValue& a, const FacetValue& b) {
                  const bool a_undated = a.value == "undated", b_undated = b.value == "undated";
                  if (a_undated != b_undated) return b_undated;
                  return a.value > b.value;
                });
    }
    if (!facets_key.empty() && !kept_facets) {
      auto kept = std::make_shared<const KeptFacets>(KeptFacets{result.total, result.facets});
      const size_t bytes = kept->MemoryBytes();
      facets_.Keep(std::move(facets_key), std::move(kept), bytes);
    }
    if (!listing) result.did_you_mean = SuggestSpelling(index, r.q);
    result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return result;
  });
}

std::optional<std::string> SuggestSpelling(Index& index, const std::string& q) {
  // Only words as typed: no fields, quotes kept, operators untouched.
  std::string suggestion;
  bool changed = false;
  size_t i = 0;
  while (i < q.size()) {
    const auto c = static_cast<unsigned char>(q[i]);
    const bool word_char = std::isalpha(c) != 0;
    if (!word_char) {
      suggestion += q[i++];
      continue;
    }
    size_t j = i;
    while (j < q.size() && (std::isalnum(static_cast<unsigned char>(q[j])) != 0 || q[j] == '\'')) ++j;
    const std::string word = q.substr(i, j - i);
    const bool field = j < q.size() && q[j] == ':';
    const bool op = word == "AND" || word == "OR" || word == "NOT" || word == "NEAR" || word == "ADJ" || word == "XOR";
    const bool wildcard = j < q.size() && q[j] == '*';
    std::string replacement = word;
    if (!field && !op && !wildcard && word.size() >= 3) {
      const std::string correction = index.SpellingCorrection(ToLowerAscii(word));
      if (!correction.empty()) replacement = correction;
    }
    if (replacement != word) changed = true;
    suggestion += replacement;
    i = j;
    if (field) {
      // The field's value is a name or a range, not words to correct.
      size_t k = i + 1;
      if (k < q.size() && q[k] == '"') {
        const size_t close = q.find('"', k + 1);
        k = close == std::string::npos ? q.size() : close + 1;
      } else {
        while (k < q.size() && q[k] != ' ' && q[k] != ')') ++k;
      }
      suggestion.append(q, i, k - i);
      i = k;
    }
  }
  if (!changed) return std::nullopt;
  return suggestion;
}

Result<nlohmann::json> SearchService::Paper(const std::string& paper_id, const std::string& q) {
  return indexes_.Run<json>([&](Index& index) -> Result<json> {
    const auto record = index.PaperRecord(paper_id);
    if (!record) return Status::NotFound("no paper with id '" + paper_id + "'");
    std::optional<Highlight> highlight;
    if (!TrimView(q).empty()) {
      auto query = BuildQuery(index, q, {});
      if (!query.ok()) return query.status();
      highlight = HighlightFor(*query);
    }
    json paper;
    for (const auto key : {kDataPaperId, kDataTitle, kDataCouncil, kDataCommittee, kDataDate, kDataType, kDataUrl,
                           kPaperFormat, kPaperPageCount, kPaperKinds, kPaperAttendees, kPaperSourceCommittee}) {
      if (record->contains(std::string(key))) paper[std::string(key)] = (*record)[std::string(key)];
    }
    paper["items"] = json::array();
    std::vector<std::pair<uint32_t, json>> items;
    const std::string term = Term(kPrefixPaperId, paper_id);
    for (auto p = index.db().postlist_begin(term); p != index.db().postlist_end(term); ++p) {
      const ItemRead stored = ReadItem(index.db().get_document(*p, Xapian::DOC_ASSUME_VALID));
      const json& data = stored.data;
      const std::string& text = stored.text;
      json item = ItemView(data, text);
      if (highlight) {
        const Snippet marked = MakeSnippet(text, *highlight, knowledge_, text.size());
        item["html"] = marked.html;
        item["marks"] = marked.marks;
      }
      items.emplace_back(data.value(std::string(kDataOrdinal), 0u), std::move(item));
    }
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [ordinal, item] : items) paper["items"].push_back(std::move(item));
    return paper;
  });
}

Result<nlohmann::json> SearchService::ItemById(const std::string& item_id) {
  return indexes_.Run<json>([&](Index& index) -> Result<json> {
    const std::string term = Term(kPrefixItemId, item_id);
    auto p = index.db().postlist_begin(term);
    if (p == index.db().postlist_end(term)) return Status::NotFound("no item with id '" + item_id + "'");
    const ItemRead stored = ReadItem(index.db().get_document(*p, Xapian::DOC_ASSUME_VALID));
    const json& data = stored.data;
    json item = ItemView(data, stored.text);
    item["paper"] = PaperMeta(data);
    return item;
  });
}

Result<nlohmann::json> SearchService::Similar(const std::string& paper_id, uint32_t limit) {
  if (limit > kMaxLimit) return Status::InvalidArgument("limit is at most " + std::to_string(kMaxLimit));
  return indexes_.Run<json>([&](Index& index) -> Result<json> {
    const std::string paper_term = Term(kPrefixPaperId, paper_id);
    Xapian::RSet rset;
    for (auto p = index.db().postlist_begin(paper_term); p != index.db().postlist_end(paper_term); ++p)
      rset.add_document(*p);
    if (rset.empty()) return Status::NotFound("no paper with id '" + paper_id + "'");
    Xapian::Enquire enquire(index.db());
    enquire.set_query(Xapian::Query(paper_term));
    PlainWordDecider decider(index.db(), {});
    const Xapian::ESet eset = enquire.get_eset(40, rset, &decider);
    std::vector<Xapian::Query> terms;
    for (auto t = eset.begin(); t != eset.end(); ++t) terms.emplace_back(*t);
    json out = json::array();
    if (terms.empty()) return out;
    Xapian::Query like(Xapian::Query::OP_OR, terms.begin(), terms.end());
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, like, Xapian::Query(paper_term)));
    enquire.set_collapse_key(kSlotPaperId);
    const Xapian::MSet mset = enquire.get_mset(0, limit);
    for (auto m = mset.begin(); m != mset.end(); ++m) {
      const json data = ReadItem(m.get_document(), /*with_text=*/false).data;
      json paper = PaperMeta(data);
      paper["score"] = std::round(m.get_weight() * 1000) / 1000;
      paper["item"] = data.value(std::string(kDataItemId), "");
      out.push_back(std::move(paper));
    }
    return out;
  });
}

}  // namespace councilsearch
