// Trends, exports (CSV, Atom), papers, items, significant terms, people and
// facets over HTTP, each cross-checked against independent searches.
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <xapian.h>
#include <libxml/tree.h>

#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "tests/searchd/searchd_harness.h"

namespace councilsearch::testing {
namespace {

using nlohmann::json;
using Params = std::vector<std::pair<std::string, std::string>>;

// RFC 4180: records of fields, quoted fields may hold commas, quotes ("")
// and line breaks; records end with CRLF.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(field);
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      record.push_back(field);
      field.clear();
      records.push_back(record);
      record.clear();
      ++i;
    } else {
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quoted field";
  EXPECT_TRUE(field.empty() && record.empty()) << "the last record has no CRLF";
  return records;
}

// The snippet as plain text, as the CSV carries it.
std::string PlainSnippet(std::string html) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"<mark>", ""}, {"</mark>", ""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"},
           {"&amp;", "&"}}) {
    for (size_t at = html.find(from); at != std::string::npos; at = html.find(from, at + to.size()))
      html.replace(at, from.size(), to);
  }
  return html;
}

// A cell as a spreadsheet-safe export writes it.
std::string CsvCell(const std::string& value) {
  return !value.empty() && std::string("=+-@").find(value[0]) != std::string::npos ? "'" + value : value;
}

class AnalyticsApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new SearchdProcess({ApiTestDatabase()}); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static json GetJson(const std::string& path, const Params& params) {
    const HttpReply reply = server_->Get(path + QueryString(params));
    EXPECT_EQ(reply.status, 200) << path << " " << reply.body;
    return reply.Json();
  }
  static uint64_t Total(const Params& params) { return GetJson("/api/v1/search", params)["total"].get<uint64_t>(); }

  static SearchdProcess* server_;
};
SearchdProcess* AnalyticsApiTest::server_ = nullptr;

TEST_F(AnalyticsApiTest, TrendBucketsAreZeroFilledAndMatchSearches) {
  const json t = GetJson("/api/v1/trends", {{"q", "budget"}, {"interval", "year"}, {"from", "2015"}, {"to", "2025"}});
  EXPECT_EQ(t["interval"], "year");
  std::vector<std::string> expected;
  for (int y = 2015; y <= 2025; ++y) expected.push_back(std::to_string(y));
  EXPECT_EQ(t["buckets"].get<std::vector<std::string>>(), expected);
  ASSERT_EQ(t["series"].size(), 1u);
  const json& s = t["series"][0];
  EXPECT_EQ(s["label"], "budget");
  ASSERT_EQ(s["counts"].size(), expected.size());
  int zeros = 0;
  for (size_t b = 0; b < expected.size(); ++b) {
    const double count = s["counts"][b];
    zeros += count == 0;
    EXPECT_EQ(count, Total({{"q", "budget"}, {"from", expected[b]}, {"to", expected[b]}})) << expected[b];
  }
  EXPECT_GT(zeros, 3) << "years without papers are present, as zeros";
  // Undated items are counted apart, as the year facet counts them.
  const json search = GetJson("/api/v1/search", {{"q", "budget"}});
  double undated = 0;
  for (const json& y : search["facets"]["year"])
    if (y["value"] == "undated") undated = y["count"];
  EXPECT_GT(undated, 0);
  EXPECT_EQ(s["undated"].get<double>(), undated);
}

TEST_F(AnalyticsApiTest, MonthAndQuarterBucketsCoverTheRange) {
  const json m = GetJson("/api/v1/trends", {{"q", "children"}, {"interval", "month"}, {"from", "2022-11"}, {"to", "2023-03"}});
  EXPECT_EQ(m["buckets"], json({"2022-11", "2022-12", "2023-01", "2023-02", "2023-03"}));
  EXPECT_EQ(m["series"][0]["counts"][2].get<double>(), Total({{"q", "children"}, {"from", "2023-01"}, {"to", "2023-01"}}));
  const json q = GetJson("/api/v1/trends", {{"q", "children"}, {"interval", "quarter"}, {"from", "2022-11-15"}, {"to", "2023-04-01"}});
  EXPECT_EQ(q["buckets"], json({"2022-Q4", "2023-Q1", "2023-Q2"}));
}

TEST_F(AnalyticsApiTest, ShareIsMatchingOverAllItemsInTheBucket) {
  const json t = GetJson("/api/v1/trends", {{"q", "fostering"}, {"theme", "family-hubs"}, {"interval", "year"},
                                            {"from", "2022"}, {"to", "2025"}, {"normalize", "share"}});
  ASSERT_EQ(t["series"].size(), 2u);
  EXPECT_EQ(t["series"][1]["theme"], "family-hubs");
  int nonzero = 0;
  for (const json& s : t["series"]) {
    for (size_t b = 0; b < t["buckets"].size(); ++b) {
      const std::string year = t["buckets"][b];
      const double all = static_cast<double>(Total({{"from", year}, {"to", year}}));
      const double matching = s["theme"].is_null()
                                  ? static_cast<double>(Total({{"q", "fostering"}, {"from", year}, {"to", year}}))
                                  : static_cast<double>(Total({{"theme", "family-hubs"}, {"from", year}, {"to", year}}));
      EXPECT_EQ(s["counts"][b].get<double>(), matching) << s["label"] << " " << year;
      EXPECT_NEAR(s["shares"][b].get<double>(), all > 0 ? matching / all : 0, 1e-12) << s["label"] << " " << year;
      nonzero += matching > 0;
    }
  }
  EXPECT_GT(nonzero, 1);
}

TEST_F(AnalyticsApiTest, SplitSeriesAddUpToTheWhole) {
  const Params base = {{"q", "budget"}, {"interval", "year"}, {"from", "2022"}, {"to", "2025"}};
  const json whole = GetJson("/api/v1/trends", base);
  Params split_params = base;
  split_params.emplace_back("split", "council");
  const json split = GetJson("/api/v1/trends", split_params);
  ASSERT_GT(split["series"].size(), 1u);
  for (size_t b = 0; b < whole["buckets"].size(); ++b) {
    double sum = 0;
    for (const json& s : split["series"]) sum += s["counts"][b].get<double>();
    EXPECT_EQ(sum, whole["series"][0]["counts"][b].get<double>()) << whole["buckets"][b];
  }
  for (const json& s : split["series"]) {
    if (s["split_value"].is_null()) continue;  // items whose council is not known
    const std::string council = s["split_value"];
    double total = 0;
    for (const json& c : s["counts"]) total += c.get<double>();
    EXPECT_EQ(total, Total({{"q", "budget"}, {"council", council}, {"from", "2022"}, {"to", "2025"}})) << council;
  }
}

TEST_F(AnalyticsApiTest, PaperMetricCountsDistinctPapers) {
  const json t = GetJson("/api/v1/trends", {{"q", "children"}, {"interval", "year"}, {"from", "2023"}, {"to", "2025"},
                                            {"metric", "papers"}});
  for (size_t b = 0; b < t["buckets"].size(); ++b) {
    const std::string year = t["buckets"][b];
    EXPECT_EQ(t["series"][0]["counts"][b].get<double>(),
              Total({{"q", "children"}, {"group", "paper"}, {"from", year}, {"to", year}}))
        << year;
  }
  const json money = GetJson("/api/v1/trends", {{"q", "budget"}, {"interval", "year"}, {"from", "2025"}, {"to", "2025"},
                                                {"metric", "amount"}});
  EXPECT_GT(money["series"][0]["counts"][0].get<double>(), 1e6) << "Kent's 2025 budget papers mention millions";
}

TEST_F(AnalyticsApiTest, SearchCsvRoundTripsTheJsonHits) {
  const Params params = {{"q", "budget"}, {"limit", "60"}, {"sort", "newest"}};
  const HttpReply csv = server_->Get("/api/v1/search.csv" + QueryString(params));
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  const auto records = ParseCsv(csv.body);
  const json hits = GetJson("/api/v1/search", params)["hits"];
  ASSERT_EQ(records.size(), hits.size() + 1);
  const std::vector<std::string> header = records[0];
  EXPECT_EQ(header, (std::vector<std::string>{"date", "council", "committee", "type", "title", "number", "heading",
                                              "page", "themes", "score", "paper_id", "item_id", "url", "snippet"}));
  bool special = false;
  for (size_t i = 0; i < hits.size(); ++i) {
    std::map<std::string, std::string> row;
    ASSERT_EQ(records[i + 1].size(), header.size());
    for (size_t f = 0; f < header.size(); ++f) row[header[f]] = records[i + 1][f];
    const json& h = hits[i];
    for (const char* field : {"council", "committee", "type", "title", "number", "heading", "paper_id", "item_id", "url"})
      EXPECT_EQ(row[field], CsvCell(h[field].get<std::string>())) << field;
    EXPECT_EQ(row["date"], h["date"].is_null() ? "" : h["date"].get<std::string>());
    EXPECT_EQ(row["page"], h["page"].is_null() ? "" : std::to_string(h["page"].get<int>()));
    EXPECT_NEAR(std::stod(row["score"]), h["score"].get<double>(), 1e-3);
    EXPECT_EQ(row["snippet"], CsvCell(PlainSnippet(h["snippet"])));
    special = special || row["snippet"].find_first_of(",\"\n") != std::string::npos;
  }
  EXPECT_TRUE(special) << "some snippet needed quoting, so quoting was exercised";
}

TEST_F(AnalyticsApiTest, TrendsCsvRoundTripsTheJsonSeries) {
  const Params params = {{"q", "budget"}, {"q", "fostering"}, {"interval", "quarter"}, {"from", "2023"}, {"to", "2025"},
                         {"normalize", "share"}};
  const HttpReply csv = server_->Get("/api/v1/trends.csv" + QueryString(params));
  ASSERT_EQ(csv.status, 200) << csv.body;
  const auto records = ParseCsv(csv.body);
  const json t = GetJson("/api/v1/trends", params);
  ASSERT_EQ(records.size(), t["buckets"].size() + 2);  // header, buckets, undated
  EXPECT_EQ(records[0], (std::vector<std::string>{"quarter", "budget", "budget (share)", "fostering", "fostering (share)"}));
  for (size_t b = 0; b < t["buckets"].size(); ++b) {
    EXPECT_EQ(records[b + 1][0], t["buckets"][b]);
    for (size_t s = 0; s < 2; ++s) {
      EXPECT_EQ(std::stod(records[b + 1][1 + 2 * s]), t["series"][s]["counts"][b].get<double>());
      EXPECT_NEAR(std::stod(records[b + 1][2 + 2 * s]), t["series"][s]["shares"][b].get<double>(), 1e-5);
    }
  }
  EXPECT_EQ(records.back()[0], "undated");
  EXPECT_EQ(std::stod(records.back()[1]), t["series"][0]["undated"].get<double>());
}

// The text of the first child element called `name`.
std::string ChildText(xmlNode* node, const char* name) {
  for (xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST name)) {
      xmlChar* text = xmlNodeGetContent(c);
      std::string out = text != nullptr ? reinterpret_cast<const char*>(text) : "";
      xmlFree(text);
      return out;
    }
  }
  return "";
}

TEST_F(AnalyticsApiTest, AtomFeedIsValidXmlNewestFirst) {
  for (const Params& params : std::vector<Params>{{{"q", "budget"}, {"limit", "15"}},
                                                  {{"q", "owned"}, {"council", "Anytown Borough Council"}}}) {
    const HttpReply feed = server_->Get("/api/v1/feed.atom" + QueryString(params));
    ASSERT_EQ(feed.status, 200) << feed.body;
    EXPECT_EQ(feed.content_type, "application/atom+xml; charset=utf-8");
    xmlDoc* doc = xmlReadMemory(feed.body.data(), static_cast<int>(feed.body.size()), "feed.xml", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    ASSERT_NE(doc, nullptr) << "not well-formed XML:\n" << feed.body.substr(0, 2000);
    xmlNode* root = xmlDocGetRootElement(doc);
    ASSERT_TRUE(xmlStrEqual(root->name, BAD_CAST "feed"));
    ASSERT_NE(root->ns, nullptr);
    EXPECT_TRUE(xmlStrEqual(root->ns->href, BAD_CAST "http://www.w3.org/2005/Atom"));
    for (const char* required : {"id", "title", "updated"}) EXPECT_FALSE(ChildText(root, required).empty()) << required;
    std::vector<std::string> updated;
    std::set<std::string> ids;
    std::string summaries;
    for (xmlNode* e = root->children; e != nullptr; e = e->next) {
      if (e->type != XML_ELEMENT_NODE || !xmlStrEqual(e->name, BAD_CAST "entry")) continue;
      for (const char* required : {"id", "title", "updated"}) EXPECT_FALSE(ChildText(e, required).empty()) << required;
      EXPECT_TRUE(ids.insert(ChildText(e, "id")).second) << "entry ids are unique";
      updated.push_back(ChildText(e, "updated"));
      summaries += ChildText(e, "summary");
    }
    xmlFreeDoc(doc);
    ASSERT_FALSE(updated.empty());
    EXPECT_TRUE(std::is_sorted(updated.rbegin(), updated.rend())) << "newest first";
    if (params[0].second == "budget") {
      EXPECT_EQ(updated.size(), 15u);
    } else {
      // The summary is HTML; the quoted markup stays text within it.
      EXPECT_NE(summaries.find("&lt;script&gt;"), std::string::npos) << summaries;
      EXPECT_EQ(summaries.find("<script"), std::string::npos) << summaries;
    }
  }
}

TEST_F(AnalyticsApiTest, PapersItemsAndSimilar) {
  const json hit = GetJson("/api/v1/search", {{"q", "\"family hubs\""}, {"type", "minutes"}})["hits"][0];
  const json paper = GetJson("/api/v1/papers/" + hit["paper_id"].get<std::string>(), {});
  EXPECT_EQ(paper["paper"], hit["paper_id"]);
  EXPECT_EQ(paper["title"], hit["title"]);
  ASSERT_FALSE(paper["items"].empty());
  bool has_hit = false;
  uint32_t last = 0;
  for (const json& item : paper["items"]) {
    EXPECT_GT(item["ordinal"].get<uint32_t>(), last);
    last = item["ordinal"];
    EXPECT_FALSE(item["text"].get<std::string>().empty());
    has_hit = has_hit || item["item"] == hit["item_id"];
  }
  EXPECT_TRUE(has_hit);
  const json item = GetJson("/api/v1/items/" + hit["item_id"].get<std::string>(), {});
  EXPECT_EQ(item["heading"], hit["heading"]);
  EXPECT_EQ(item["paper"]["committee"], hit["committee"]);
  // With q, each item's whole text comes marked, and the hit's item has marks.
  const json marked = GetJson("/api/v1/papers/" + hit["paper_id"].get<std::string>(), {{"q", "\"family hubs\""}});
  for (const json& marked_item : marked["items"]) {
    if (marked_item["item"] != hit["item_id"]) continue;
    EXPECT_GT(marked_item["marks"].get<int>(), 0);
    EXPECT_NE(marked_item["html"].get<std::string>().find("<mark>"), std::string::npos);
  }
  // Searching within the paper finds only its items.
  const json within = GetJson("/api/v1/search", {{"q", "family"}, {"paper", hit["paper_id"]}, {"limit", "100"}});
  ASSERT_GT(within["total"].get<int>(), 0);
  for (const json& h : within["hits"]) EXPECT_EQ(h["paper_id"], hit["paper_id"]);
  const json similar = GetJson("/api/v1/papers/" + hit["paper_id"].get<std::string>() + "/similar", {{"limit", "5"}});
  ASSERT_FALSE(similar["similar"].empty());
  EXPECT_LE(similar["similar"].size(), 5u);
  for (const json& s : similar["similar"]) EXPECT_NE(s["paper"], hit["paper_id"]);
}

TEST_F(AnalyticsApiTest, SignificantTermsAreOverRepresentedInTheSet) {
  const json r = GetJson("/api/v1/significant", {{"council", "Kent County Council"}, {"limit", "20"}});
  EXPECT_EQ(r["items"].get<uint64_t>(), Total({{"council", "Kent County Council"}}));
  ASSERT_GE(r["terms"].size(), 10u);
  double last_score = 1e300;
  size_t exact = 0;
  for (const json& t : r["terms"]) {
    EXPECT_GE(t["lift"].get<double>(), 1.5) << t.dump();
    EXPECT_GE(t["items"].get<uint64_t>(), 3u) << t.dump();
    EXPECT_LE(t["items"].get<uint64_t>(), t["corpus_items"].get<uint64_t>());
    EXPECT_LE(t["score"].get<double>(), last_score);
    last_score = t["score"];
    // The counts are real: a quoted search (no stemming) for the term in the
    // set finds that many items; abbreviations such as "kcc" also find their
    // long forms, so at least that many.
    const std::string q = "\"" + t["term"].get<std::string>() + "\"";
    const uint64_t found = Total({{"q", q}, {"council", "Kent County Council"}});
    EXPECT_GE(found, t["items"].get<uint64_t>()) << q;
    exact += found == t["items"].get<uint64_t>();
  }
  EXPECT_GE(exact, r["terms"].size() * 3 / 4);
}

// The index holds stems ("famili", "centr"); significant terms are shown as
// the papers write them ("families", "centres"): each single word is one
// that the set's snippets mark.
TEST_F(AnalyticsApiTest, SignificantTermsAreShownAsWritten) {
  const json terms = GetJson("/api/v1/significant", {{"q", "children"}, {"limit", "20"}})["terms"];
  Xapian::Stem english("english");
  size_t words = 0, written = 0, unlike_their_stems = 0;
  for (const json& t : terms) {
    const std::string term = t["term"];
    if (term.find(' ') != std::string::npos) continue;
    ++words;
    unlike_their_stems += english(term) != term;
    const json hits = GetJson("/api/v1/search", {{"q", "children " + term}, {"limit", "50"}})["hits"];
    std::set<std::string> marked;
    for (const json& hit : hits) {
      const std::string snippet = hit["snippet"];
      for (size_t at = snippet.find("<mark>"); at != std::string::npos; at = snippet.find("<mark>", at + 1)) {
        std::string word = snippet.substr(at + 6, snippet.find("</mark>", at) - at - 6);
        for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        marked.insert(word);
      }
    }
    written += marked.count(term);
  }
  EXPECT_GE(words, 10u);
  EXPECT_GE(unlike_their_stems, 3u) << terms.dump();
  EXPECT_GE(written, words * 3 / 4) << terms.dump();
}

TEST_F(AnalyticsApiTest, PeopleCountsMatchThePersonFacet) {
  const json people = GetJson("/api/v1/people", {{"q", "children"}, {"limit", "10"}});
  const json facet = GetJson("/api/v1/search", {{"q", "children"}})["facets"]["person"];
  ASSERT_FALSE(people["people"].empty());
  for (size_t i = 0; i < people["people"].size(); ++i) {
    EXPECT_EQ(people["people"][i]["name"], facet[i]["value"]);
    EXPECT_EQ(people["people"][i]["items"], facet[i]["count"]);
  }
}

TEST_F(AnalyticsApiTest, FacetsDescribeTheWholeIndex) {
  const json f = GetJson("/api/v1/facets", {});
  EXPECT_EQ(f["items"].get<uint64_t>(), Total({}));
  ASSERT_FALSE(f["councils"].empty());
  uint64_t sum = 0;
  for (const json& council : f["councils"]) {
    sum += council["count"].get<uint64_t>();
    if (council["value"].is_null()) continue;  // items whose council is not known
    EXPECT_EQ(council["count"].get<uint64_t>(), Total({{"council", council["value"]}})) << council["value"];
    for (const json& committee : council["committees"]) {
      if (committee["value"].is_null()) continue;
      EXPECT_EQ(committee["count"].get<uint64_t>(),
                Total({{"council", council["value"]}, {"committee", committee["value"]}}))
          << committee["value"];
    }
  }
  EXPECT_EQ(sum, f["items"].get<uint64_t>()) << "every item is under some council, known or not";
  ASSERT_FALSE(f["themes"].empty());
  for (const json& theme : f["themes"]) EXPECT_EQ(theme["count"].get<uint64_t>(), Total({{"theme", theme["value"]}}));
  EXPECT_LE(f["dates"]["first"].get<std::string>(), f["dates"]["last"].get<std::string>());
}

}  // namespace
}  // namespace councilsearch::testing
