// /api/v1/search over HTTP, against the real daemon and a database indexed
// from the real papers: query syntax, filters and facets cross-checked
// against each other, sorts, grouping, snippets, spelling and bad requests.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <set>

#include "tests/searchd/searchd_harness.h"

namespace councilsearch::testing {
namespace {

using nlohmann::json;
using Params = std::vector<std::pair<std::string, std::string>>;

class SearchApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new SearchdProcess({ApiTestDatabase()}); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static json Search(const Params& params) {
    const HttpReply reply = server_->Get("/api/v1/search" + QueryString(params));
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.content_type, "application/json");
    return reply.Json();
  }
  // Every hit of a query (pages of 100).
  static std::vector<json> AllHits(Params params) {
    std::vector<json> hits;
    params.emplace_back("limit", "100");
    for (int offset = 0;; offset += 100) {
      Params page = params;
      page.emplace_back("offset", std::to_string(offset));
      const json r = Search(page);
      for (const json& h : r["hits"]) hits.push_back(h);
      if (r["hits"].size() < 100) break;
    }
    return hits;
  }
  static std::string ItemText(const std::string& item_id) {
    const HttpReply reply = server_->Get("/api/v1/items/" + item_id);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.Json()["text"].get<std::string>();
  }
  // Lower-case with runs of white space as one space.
  static std::string Flat(const std::string& text) {
    std::string out;
    for (const unsigned char c : text) {
      if (std::isspace(c)) {
        if (!out.empty() && out.back() != ' ') out += ' ';
      } else {
        out += static_cast<char>(std::tolower(c));
      }
    }
    return out;
  }

  static SearchdProcess* server_;
};
SearchdProcess* SearchApiTest::server_ = nullptr;

TEST_F(SearchApiTest, ResponseHasTheDocumentedShape) {
  const json r = Search({{"q", "fostering"}});
  ASSERT_TRUE(r.contains("total") && r.contains("hits") && r.contains("facets") && r.contains("did_you_mean") &&
              r.contains("took_ms"));
  ASSERT_GT(r["total"].get<int>(), 0);
  for (const char* facet : {"council", "committee", "theme", "type", "year", "person"})
    EXPECT_TRUE(r["facets"].contains(facet)) << facet;
  for (const json& hit : r["hits"]) {
    for (const char* field : {"paper_id", "item_id", "title", "heading", "number", "council", "committee", "date",
                              "type", "page", "url", "score", "themes", "snippet"})
      EXPECT_TRUE(hit.contains(field)) << field << " in " << hit.dump();
  }
}

TEST_F(SearchApiTest, PhraseMatchesOnlyItemsWithTheWordsTogether) {
  const std::vector<json> phrase = AllHits({{"q", "\"family hubs\""}});
  const std::vector<json> both = AllHits({{"q", "family hubs"}});
  ASSERT_FALSE(phrase.empty());
  EXPECT_LT(phrase.size(), both.size()) << "the phrase is stricter than both words anywhere";
  // Phrases match stems: "family hub" is the phrase too.
  for (const json& hit : phrase)
    EXPECT_NE(Flat(ItemText(hit["item_id"])).find("family hub"), std::string::npos) << hit["item_id"];
}

TEST_F(SearchApiTest, BooleanOperatorsCombineSets) {
  const auto ids = [](const std::vector<json>& hits) {
    std::set<std::string> out;
    for (const json& h : hits) out.insert(h["item_id"].get<std::string>());
    return out;
  };
  const auto a = ids(AllHits({{"q", "fostering"}}));
  const auto b = ids(AllHits({{"q", "adoption"}}));
  const auto a_or_b = ids(AllHits({{"q", "fostering OR adoption"}}));
  const auto a_and_b = ids(AllHits({{"q", "fostering AND adoption"}}));
  const auto a_not_b = ids(AllHits({{"q", "fostering AND NOT adoption"}}));
  ASSERT_FALSE(a_and_b.empty());
  ASSERT_FALSE(a_not_b.empty());
  std::set<std::string> expected_or = a, expected_and, expected_not;
  expected_or.insert(b.begin(), b.end());
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(expected_and, expected_and.end()));
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(expected_not, expected_not.end()));
  EXPECT_EQ(a_or_b, expected_or);
  EXPECT_EQ(a_and_b, expected_and);
  EXPECT_EQ(a_not_b, expected_not);
}

// Each filter against the facet count of the same value in the unfiltered
// search: the facet says how many hits the filter will give, items or (when
// grouped) papers.
TEST_F(SearchApiTest, FacetCountsEqualFilteredHits) {
  const std::map<std::string, std::string> parameter = {
      {"council", "council"}, {"committee", "committee"}, {"theme", "theme"}, {"type", "type"}, {"person", "person"}};
  int checked = 0;
  for (const std::string group : {"item", "paper"}) {
    const json all = Search({{"q", "children"}, {"group", group}});
    for (const auto& [facet, param] : parameter) {
      const json& values = all["facets"][facet];
      ASSERT_FALSE(values.empty()) << facet;
      for (size_t i = 0; i < std::min<size_t>(values.size(), 3); ++i) {
        const std::string value = values[i]["value"];
        const auto count = values[i]["count"].get<uint64_t>();
        const json filtered = Search({{"q", "children"}, {param, value}, {"group", group}});
        EXPECT_EQ(filtered["total"].get<uint64_t>(), count) << facet << "=" << value << " by " << group;
        for (const json& hit : filtered["hits"]) {
          if (facet == "council" || facet == "committee" || facet == "type") {
            EXPECT_EQ(hit[facet], value);
          } else if (group == "item") {
            const std::string list = facet == "theme" ? "themes" : "people";
            const auto& v = hit[list];
            EXPECT_NE(std::find(v.begin(), v.end(), value), v.end()) << facet << "=" << value << " " << hit.dump();
          }
        }
        ++checked;
      }
    }
    // Years: from/to bounds, or a date range in the query, give the year's count.
    for (const json& year : all["facets"]["year"]) {
      const std::string y = year["value"];
      if (y == "undated") continue;
      const json filtered = Search({{"q", "children"}, {"from", y}, {"to", y}, {"group", group}});
      EXPECT_EQ(filtered["total"], year["count"]) << y;
      const json by_range = Search({{"q", "children " + y + "-01-01.." + y + "-12-31"}, {"group", group}});
      EXPECT_EQ(by_range["total"], year["count"]) << y;
      for (const json& hit : filtered["hits"]) EXPECT_EQ(hit["date"].get<std::string>().substr(0, 4), y);
      ++checked;
    }
  }
  EXPECT_GT(checked, 20);
}

TEST_F(SearchApiTest, FieldPrefixesFilterLikeParameters) {
  const json by_param = Search({{"q", "budget"}, {"council", "Kent County Council"}});
  const json by_prefix = Search({{"q", "budget council:\"Kent County Council\""}});
  EXPECT_EQ(by_param["total"], by_prefix["total"]);
  const json theme = Search({{"q", "theme:fostering-adoption"}});
  const json theme_param = Search({{"theme", "fostering-adoption"}});
  EXPECT_GT(theme["total"].get<int>(), 0);
  EXPECT_EQ(theme["total"], theme_param["total"]);
}

TEST_F(SearchApiTest, DecisionsFilterKeepsItemsWithDecisions) {
  const std::vector<json> hits = AllHits({{"q", "report"}, {"decisions", "true"}});
  const json all = Search({{"q", "report"}});
  ASSERT_FALSE(hits.empty());
  EXPECT_LT(hits.size(), all["total"].get<size_t>());
  for (size_t i = 0; i < std::min<size_t>(hits.size(), 10); ++i) {
    const HttpReply item = server_->Get("/api/v1/items/" + hits[i]["item_id"].get<std::string>());
    EXPECT_FALSE(item.Json()["decisions"].empty()) << hits[i]["item_id"];
  }
}

TEST_F(SearchApiTest, DateBoundsAreInclusive) {
  const std::vector<json> hits = AllHits({{"from", "2023-01-26"}, {"to", "2023-01-26"}});
  ASSERT_FALSE(hits.empty());
  for (const json& hit : hits) EXPECT_EQ(hit["date"], "2023-01-26");
}

TEST_F(SearchApiTest, SortsOrderByDateOrRelevance) {
  auto dates = [](const json& r) {
    std::vector<std::string> out;
    for (const json& h : r["hits"]) out.push_back(h["date"].is_null() ? "" : h["date"].get<std::string>());
    return out;
  };
  const json newest = Search({{"q", "children"}, {"sort", "newest"}, {"limit", "100"}});
  const json oldest = Search({{"q", "children"}, {"sort", "oldest"}, {"limit", "100"}});
  const json relevance = Search({{"q", "children"}, {"limit", "100"}});
  const json recent = Search({{"q", "children"}, {"sort", "recent"}, {"limit", "100"}});
  auto n = dates(newest), o = dates(oldest);
  // Undated items come last either way.
  auto dated_prefix = [](std::vector<std::string> v) {
    const auto first_undated = std::find(v.begin(), v.end(), "");
    EXPECT_TRUE(std::all_of(first_undated, v.end(), [](const std::string& d) { return d.empty(); }));
    v.erase(first_undated, v.end());
    return v;
  };
  n = dated_prefix(n);
  o = dated_prefix(o);
  ASSERT_GT(n.size(), 5u);
  EXPECT_TRUE(std::is_sorted(n.rbegin(), n.rend()));
  EXPECT_TRUE(std::is_sorted(o.begin(), o.end()));
  EXPECT_GT(n.front(), o.front());
  std::vector<double> scores;
  for (const json& h : relevance["hits"]) scores.push_back(h["score"]);
  EXPECT_TRUE(std::is_sorted(scores.rbegin(), scores.rend()));
  EXPECT_EQ(recent["total"], relevance["total"]);
  EXPECT_NE(dates(recent), dates(relevance)) << "recency changes the order";
}

TEST_F(SearchApiTest, GroupByPaperCollapsesToTheBestItemPerPaper) {
  const std::vector<json> items = AllHits({{"q", "children"}});
  const std::vector<json> papers = AllHits({{"q", "children"}, {"group", "paper"}});
  std::set<std::string> distinct;
  for (const json& h : items) distinct.insert(h["paper_id"].get<std::string>());
  std::set<std::string> grouped;
  for (const json& h : papers) EXPECT_TRUE(grouped.insert(h["paper_id"].get<std::string>()).second) << h["paper_id"];
  EXPECT_EQ(grouped, distinct);
  EXPECT_LT(papers.size(), items.size());
  // The item shown for a paper is its best: the first of that paper in item order.
  std::map<std::string, std::string> best;
  for (const json& h : items) best.emplace(h["paper_id"], h["item_id"]);
  for (const json& h : papers) EXPECT_EQ(h["item_id"], best[h["paper_id"]]);
  EXPECT_EQ(Search({{"q", "children"}, {"group", "paper"}})["total"].get<size_t>(), papers.size());
}

TEST_F(SearchApiTest, SnippetsMarkStemmedMatches) {
  // "hub" finds and marks "hubs" and "Hubs".
  const json r = Search({{"q", "hub"}, {"limit", "20"}});
  ASSERT_GT(r["total"].get<int>(), 0);
  const std::regex marked_plural("<mark>hubs</mark>", std::regex::icase);
  bool found = false;
  for (const json& h : r["hits"]) found = found || std::regex_search(h["snippet"].get<std::string>(), marked_plural);
  EXPECT_TRUE(found) << r["hits"].dump();
}

TEST_F(SearchApiTest, SnippetsMarkSynonymMatches) {
  // The sgo-only paper never says "special guardianship order": it is found
  // through the abbreviation, and the abbreviation is what is marked.
  const json r = Search({{"q", "special guardianship order"}, {"limit", "50"}});
  bool found = false;
  for (const json& h : r["hits"]) {
    const std::string snippet = h["snippet"];
    if (snippet.find("41 <mark>SGOs</mark>") != std::string::npos) found = true;
  }
  EXPECT_TRUE(found) << r["hits"].dump();
  // And the other way: "SGO" marks the long form in the planted paper.
  const json back = Search({{"q", "SGO"}, {"council", "Anytown Borough Council"}});
  ASSERT_EQ(back["total"], 1) << back.dump();
  EXPECT_NE(back["hits"][0]["snippet"].get<std::string>().find("<mark>Special Guardianship Orders</mark>"),
            std::string::npos)
      << back["hits"][0]["snippet"];
}

TEST_F(SearchApiTest, SnippetsEscapeEverythingButMarks) {
  // A web page quoting markup as text (&lt;script&gt;): the text holds
  // "<script>", and the snippet must show it, not run it.
  const json r = Search({{"q", "owned"}, {"council", "Anytown Borough Council"}});
  ASSERT_EQ(r["total"], 1) << r.dump();
  const std::string snippet = r["hits"][0]["snippet"];
  EXPECT_NE(snippet.find("&lt;script&gt;alert(&quot;<mark>owned</mark>&quot;)&lt;/script&gt;"), std::string::npos)
      << snippet;
  EXPECT_NE(snippet.find("allowance &amp; the &lt;b&gt;family hubs&lt;/b&gt;"), std::string::npos) << snippet;
  // Only <mark> and </mark> remain as markup.
  const std::string stripped = std::regex_replace(snippet, std::regex("</?mark>"), "");
  EXPECT_EQ(stripped.find('<'), std::string::npos) << snippet;
  EXPECT_EQ(stripped.find('>'), std::string::npos) << snippet;
}

TEST_F(SearchApiTest, SpellingSuggestionOnlyForWordsNotInTheIndex) {
  EXPECT_EQ(Search({{"q", "fosterring"}})["did_you_mean"], "fostering");
  EXPECT_EQ(Search({{"q", "fosterring allowance"}})["did_you_mean"], "fostering allowance");
  for (const char* valid : {"fostering", "\"children in care\"", "family hubs", "budget council:\"Kent County Council\""})
    EXPECT_TRUE(Search({{"q", valid}})["did_you_mean"].is_null()) << valid;
}

// The total is exact, not an estimate: what paging through every hit finds,
// whether the matches come from the posting lists (words, boolean operators)
// or from the matcher (phrases, wildcards, ranges), by item and by paper.
TEST_F(SearchApiTest, WildcardsFindAndMarkEveryForm) {
  // "hubs" is indexed as its stem "hub": hubs* finds every item hub does, and
  // marks the words it matched.
  const json word = Search({{"q", "hub"}});
  const json wildcard = Search({{"q", "hubs*"}, {"limit", "20"}});
  ASSERT_GT(word["total"].get<int>(), 0);
  EXPECT_EQ(wildcard["total"], word["total"]);
  const std::regex marked("<mark>hubs?</mark>", std::regex::icase);
  bool found = false;
  for (const json& h : wildcard["hits"]) found = found || std::regex_search(h["snippet"].get<std::string>(), marked);
  EXPECT_TRUE(found) << wildcard["hits"].dump();
  EXPECT_EQ(Search({{"q", "qqzxv*"}})["total"].get<int>(), 0);
}

TEST_F(SearchApiTest, TotalCountsEveryHit) {
  for (const std::string q : {"children", "children NOT care", "\"children in care\"", "foster*", "famil*", "care 2019..2023"}) {
    for (const std::string group : {"item", "paper"}) {
      const json first = Search({{"q", q}, {"group", group}});
      const std::vector<json> hits = AllHits({{"q", q}, {"group", group}});
      EXPECT_GT(hits.size(), 0u) << q;
      EXPECT_EQ(first["total"].get<uint64_t>(), hits.size()) << q << " by " << group;
      uint64_t by_year = 0;  // every item, and so every paper, has one year or "undated"
      for (const json& v : first["facets"]["year"]) by_year += v["count"].get<uint64_t>();
      EXPECT_EQ(by_year, hits.size()) << q << " by " << group;
    }
  }
}

TEST_F(SearchApiTest, PagingIsConsistent) {
  const json first = Search({{"q", "children"}, {"limit", "10"}});
  const json second = Search({{"q", "children"}, {"limit", "5"}, {"offset", "5"}});
  for (size_t i = 0; i < 5; ++i) EXPECT_EQ(first["hits"][5 + i]["item_id"], second["hits"][i]["item_id"]);
}

struct BadRequest {
  std::string target;
  int status;
  std::string message;  // part of the error message
};

TEST_F(SearchApiTest, BadRequestsAreRejectedClearly) {
  const std::string long_query(1001, 'a');
  const std::vector<BadRequest> cases = {
      {"/api/v1/search?q=children&comittee=Cabinet", 400, "unknown parameter 'comittee'"},
      {"/api/v1/search?from=2023-02-30", 400, "'2023-02-30' is not a date"},
      {"/api/v1/search?to=yesterday", 400, "'yesterday' is not a date"},
      {"/api/v1/search?from=2024&to=2023", 400, "'from' is after 'to'"},
      {"/api/v1/search?limit=101", 400, "'limit' is at most 100"},
      {"/api/v1/search?limit=ten", 400, "'limit' must be a whole number"},
      {"/api/v1/search?offset=10001", 400, "'offset' is at most 10000"},
      {"/api/v1/search?q=" + long_query, 400, "the limit is 1000"},
      {"/api/v1/search?theme=unicorns", 400, "unknown theme 'unicorns'"},
      {"/api/v1/search?type=memo", 400, "unknown type 'memo'"},
      {"/api/v1/search?sort=best", 400, "'sort' must be one of relevance, newest, oldest, recent"},
      {"/api/v1/search?group=council", 400, "'group' must be one of item, paper"},
      {"/api/v1/search?decisions=maybe", 400, "'decisions' must be one of"},
      {"/api/v1/search?q=a&q=b", 400, "'q' is given more than once"},
      {"/api/v1/search?q=children%20AND", 400, "query syntax at character 10: AND needs something after it"},
      {"/api/v1/search?q=(family%20hubs", 400, "query syntax at character 1: '(' is never closed"},
      {"/api/v1/search?q=%22family%20hubs", 400, "the quote '\"' is never closed"},
      {"/api/v1/search?q=2023-13-01..2024", 400, "is not a date range"},
      {"/api/v1/search?q=amount:lots..more", 400, "is not an amount range"},
      {"/api/v1/trends", 400, "give at least one series"},
      {"/api/v1/trends?q=x&interval=week", 400, "'interval' must be one of month, quarter, year"},
      {"/api/v1/trends?q=x&from=1900&to=2025&interval=month", 400, "at most 1200"},
      {"/api/v1/trends?theme=unicorns", 400, "unknown theme 'unicorns'"},
      {"/api/v1/trends?q=a&q=b&q=c&q=d&q=e&q=f&q=g", 400, "at most 6 series"},
      {"/api/v1/papers/no-such-paper", 404, "no paper with id 'no-such-paper'"},
      {"/api/v1/items/no-such-item", 404, "no item with id 'no-such-item'"},
      {"/api/v1/papers/no-such-paper/similar", 404, "no paper with id"},
      {"/api/v1/facets?x=1", 400, "unknown parameter 'x' (this endpoint takes none)"},
      {"/api/v1/nothing-here", 404, "no such resource"},
  };
  for (const BadRequest& c : cases) {
    const HttpReply reply = server_->Get(c.target);
    EXPECT_EQ(reply.status, c.status) << c.target << " " << reply.body;
    EXPECT_EQ(reply.content_type, "application/json") << c.target;
    const json body = reply.Json();
    ASSERT_TRUE(body.contains("error")) << c.target;
    EXPECT_FALSE(body["error"]["code"].get<std::string>().empty()) << c.target;
    EXPECT_NE(body["error"]["message"].get<std::string>().find(c.message), std::string::npos)
        << c.target << " said: " << body["error"]["message"];
  }
  // Still serving.
  EXPECT_EQ(server_->Get("/healthz").status, 200);
}

TEST_F(SearchApiTest, AmountRangesFindItemsMentioningMoneyInRange) {
  const std::vector<json> hits = AllHits({{"q", "amount:1m..5m"}});
  ASSERT_FALSE(hits.empty());
  for (size_t i = 0; i < std::min<size_t>(hits.size(), 10); ++i) {
    const json item = server_->Get("/api/v1/items/" + hits[i]["item_id"].get<std::string>()).Json();
    // A range matches the size of an amount: "(£1.8m)", a negative in a
    // budget table, is £1.8m of money mentioned.
    bool in_range = false;
    for (const json& a : item["amounts"]) {
      const double v = std::fabs(a["value"].get<double>());
      in_range = in_range || (v >= 1e6 && v <= 5e6);
    }
    EXPECT_TRUE(in_range) << item["amounts"].dump();
  }
  EXPECT_EQ(Search({{"q", "amount:1000000..5000000"}})["total"].get<size_t>(), hits.size());
}

}  // namespace
}  // namespace councilsearch::testing
