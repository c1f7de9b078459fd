// The query core: search, facets, papers, items, similar papers, significant
// terms and people. Knows nothing of HTTP: takes typed requests, returns
// typed results or a Status (invalid_argument, not_found, ...). One service
// serves every thread; each thread gets its own Xapian handles (IndexSet).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzers/status.h"
#include "searchd/facets.h"
#include "searchd/index.h"
#include "searchd/kept_by_budget.h"
#include "searchd/match_cache.h"

namespace councilsearch {

struct Knowledge;

// Filters shared by search, trends, feeds and exports. Values of one field
// are ORed, fields are ANDed (Omega's rule, what facet users expect).
struct Filters {
  std::vector<std::string> councils, committees, themes, types, people, kinds, papers;
  std::string from, to;          // YYYYMMDD bounds (inclusive), or ""
  bool decisions_only = false;
};

enum class SortOrder { kRelevance, kNewest, kOldest, kRecent };

// Bounds on what a client may ask for.
inline constexpr size_t kMaxQueryLength = 1000;
inline constexpr uint32_t kMaxLimit = 100;
inline constexpr uint32_t kMaxOffset = 10000;

struct SearchRequest {
  std::string q;            // Xapian query syntax; "" lists everything
  Filters filters;
  SortOrder sort = SortOrder::kRelevance;
  bool group_by_paper = false;
  uint32_t offset = 0;
  uint32_t limit = 10;
  bool facets = true;
  size_t facet_limit = 30;  // values per facet
};

struct Hit {
  std::string paper_id, item_id, title, heading, number, council, committee, date, type, url, snippet;
  uint32_t ordinal = 0;
  int page = 0;  // the page of the snippet (PDF), 0 when unknown
  double score = 0;
  std::vector<std::string> themes;
  std::vector<std::string> people;
};

struct SearchResult {
  uint64_t total = 0;  // matching items (papers when grouped): exact, but Xapian's estimate when neither facets nor grouping ask for every match
  std::vector<Hit> hits;
  std::map<std::string, std::vector<FacetValue>> facets;  // council, committee, theme, type, year, person
  std::optional<std::string> did_you_mean;
  double took_ms = 0;
};

// A date bound as a client writes it ("2019", "2019-06", "2019-06-30") as
// YYYYMMDD, the first or last day of the period. kInvalidArgument otherwise.
Result<std::string> DateBound(const std::string& text, bool end_of_period);

// What a search shows of an item whatever the query, and the facet counts
// and total of a costly query (search_service.cpp).
struct StoredHit;
struct KeptFacets;

// What searches keep between requests, shared by every thread, each by the
// index's revision, least recently used out first (0 bytes keeps nothing).
struct SearchKeeping {
  // Items shown as hits: their stored fields and text (items over a 512th
  // of the budget are read again instead). Reading a hit (a
  // B-tree lookup, two zstd frames, a JSON parse) was a fifth of searchd's
  // CPU a search at 100k items, and the items people find repeat as their
  // searches do (as Solr's documentCache keeps stored fields).
  size_t hit_bytes = size_t{32} << 20;
  // The facet counts and total of queries whose terms' posting lists hold
  // `costly_postings` or more: counting them walks every match (two fifths
  // of a search for `council` at 100k items), and the common words that
  // cost it are the ones searched again (as Elasticsearch's request cache
  // keeps aggregations).
  size_t facet_bytes = size_t{8} << 20;
  Xapian::doccount costly_postings = MatchCache::kDefaultMinCost;
};

class SearchService {
 public:
  SearchService(IndexSet& indexes, const Knowledge& knowledge, const SearchKeeping& keeping = {});
  ~SearchService();

  Result<SearchResult> Search(const SearchRequest& request);

  // A paper's record and its items (with text), in order. With `q`, each
  // item also has "html": its whole text escaped, the query's matches marked.
  Result<nlohmann::json> Paper(const std::string& paper_id, const std::string& q = "");
  // Papers like this one (more-like-this from its own terms).
  Result<nlohmann::json> Similar(const std::string& paper_id, uint32_t limit);
  // One item, with its text and paper metadata.
  Result<nlohmann::json> ItemById(const std::string& item_id);
  // Councils (with their committees), themes, types, years and the date range.
  Result<nlohmann::json> Overview();
  // The terms most over-represented in the matching items against the whole
  // index, with their counts.
  Result<nlohmann::json> Significant(const std::string& q, const Filters& filters, uint32_t limit);
  // Who appears most in the matching items.
  Result<nlohmann::json> People(const std::string& q, const Filters& filters, uint32_t limit);

  // The query for `q` and `filters` on `index` (shared with trends and feeds).
  Result<Xapian::Query> BuildQuery(Index& index, const std::string& q, const Filters& filters);

  const Knowledge& knowledge() const { return knowledge_; }
  IndexSet& indexes() { return indexes_; }
  KeptByBudget<StoredHit>::Stats hit_cache_stats() const { return hits_.stats(); }
  KeptByBudget<KeptFacets>::Stats facet_cache_stats() const { return facets_.stats(); }

 private:
  // The hit `id` of `index` as stored: kept, or read and kept.
  std::shared_ptr<const StoredHit> ReadHit(Index& index, Xapian::docid id);

  IndexSet& indexes_;
  const Knowledge& knowledge_;
  const Xapian::doccount costly_postings_;
  KeptByBudget<StoredHit> hits_;
  KeptByBudget<KeptFacets> facets_;
};

// "Did you mean": the query with each word that is absent from the index, or
// far rarer than a close word that is in it, replaced by that word; nullopt
// when every word occurs (a valid query never gets a suggestion).
std::optional<std::string> SuggestSpelling(Index& index, const std::string& q);

// Whether a theme name (id or label) is in the taxonomy.
bool KnownTheme(const Knowledge& knowledge, const std::string& theme);

}  // namespace councilsearch
