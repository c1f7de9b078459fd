// searchd writes its search responses with JsonWriter rather than through
// nlohmann::json objects: the text must be what nlohmann would have written
// (clients and caches see the same bytes), and valid JSON whatever the text.
#include "searchd/http/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "analyzers/knowledge.h"
#include "searchd/http/formats.h"

namespace councilsearch::http {
namespace {

using nlohmann::json;

std::string NlohmannDump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

TEST(JsonWriterTest, EscapesStringsAsNlohmannDoes) {
  const std::string cases[] = {
      "",
      "plain words",
      "quote \" and backslash \\ and slash /",
      "tab\tnewline\nreturn\rform feed\fbackspace\b",
      std::string("nul \0 and unit separator \x1f and delete \x7f", 43),
      "<mark>early help</mark> &amp; 'family hubs'",
      "Comhairle Cathrach agus Contae Luimnigh \xE2\x80\x94 \xC3\xA1\xC3\xA9\xC3\xAD \xE2\x82\xAC" "1.2m \xF0\x9F\x93\x88",
  };
  for (const std::string& text : cases) {
    JsonWriter w;
    w.String(text);
    EXPECT_EQ(w.text(), NlohmannDump(json(text))) << text;
  }
}

TEST(JsonWriterTest, InvalidUtf8BecomesReplacementCharacters) {
  const std::string cases[] = {
      "cut short \xE2\x82",         // a sequence missing its last byte
      "stray \x80 continuation",    // no lead byte
      "latin-1 caf\xE9 text",       // a Windows-1252 byte
      "overlong \xC0\xAF slash",    // an overlong '/'
      "surrogate \xED\xA0\x80 half",
  };
  for (const std::string& text : cases) {
    JsonWriter w;
    w.String(text);
    json parsed;
    ASSERT_NO_THROW(parsed = json::parse(w.text())) << w.text();
    const std::string back = parsed.get<std::string>();
    EXPECT_NE(back.find("\xEF\xBF\xBD"), std::string::npos) << back;
    EXPECT_NO_THROW(json(back).dump()) << back;  // the strict dump throws on invalid UTF-8
  }
}

TEST(JsonWriterTest, NestsObjectsArraysAndNumbers) {
  JsonWriter w;
  w.BeginObject().Key("a").BeginArray().Number(uint64_t{1}).Number(int64_t{-2}).Number(0.125).Null().EndArray();
  w.Key("b").BeginObject().EndObject().Key("c").Strings({"x", "y"}).Key("d").Number(1.0 / 0.0).EndObject();
  EXPECT_EQ(w.text(), R"({"a":[1,-2,0.125,null],"b":{},"c":["x","y"],"d":null})");
}

// Doubles as nlohmann writes them: the shortest text that reads back, and a
// whole number still as a float.
TEST(JsonWriterTest, DoublesAsNlohmannWritesThem) {
  for (double v : {0.0, 3.0, -12.0, 7.125, 0.1, 1.23, 2.5e-7, 1e21, 123456789.0, 0.001}) {
    JsonWriter w;
    w.Number(v);
    EXPECT_EQ(w.text(), NlohmannDump(json(v))) << v;
  }
}

// The search response, field by field as the API documents it, and byte for
// byte what nlohmann would have written for the same value.
TEST(JsonWriterTest, SearchResponseIsTheDocumentedShape) {
  SearchResult result;
  result.total = 1234;
  result.took_ms = 1.23456;
  result.did_you_mean = "family hubs";
  Hit full;
  full.paper_id = "p1";
  full.item_id = "p1-i3";
  full.title = "Cabinet \"minutes\"";
  full.heading = "Family hubs \xE2\x80\x94 update";
  full.number = "SPCLL.27";
  full.council = "Kent County Council";
  full.committee = "Cabinet";
  full.date = "2023-01-26";
  full.type = "minutes";
  full.url = "https://example.org/a?b=1&c=2";
  full.snippet = "the <mark>family</mark> <mark>hubs</mark> &amp; more";
  full.ordinal = 3;
  full.page = 12;
  full.score = 7.125;
  full.themes = {"family-hubs", "early-help"};
  full.people = {"Cllr Collins"};
  Hit bare;  // undated, no page, no themes or people
  bare.paper_id = "p2";
  bare.item_id = "p2-i1";
  bare.score = 3;
  result.hits = {full, bare};
  result.facets["council"] = {{"Kent County Council", 900}, {"Limerick City and County Council", 334}};
  result.facets["theme"] = {{"family-hubs", 12}, {"no-such-theme", 1}};
  result.facets["year"] = {{"2023", 5}, {"undated", 1}};

  const std::string text = SearchJson(result, DefaultKnowledge());
  const json parsed = json::parse(text);
  EXPECT_EQ(NlohmannDump(parsed), text);
  EXPECT_EQ(parsed["total"], 1234);
  EXPECT_DOUBLE_EQ(parsed["took_ms"].get<double>(), 1.23);
  EXPECT_EQ(parsed["did_you_mean"], "family hubs");
  ASSERT_EQ(parsed["hits"].size(), 2u);
  const json& a = parsed["hits"][0];
  EXPECT_EQ(a["title"], full.title);
  EXPECT_EQ(a["heading"], full.heading);
  EXPECT_EQ(a["snippet"], full.snippet);
  EXPECT_EQ(a["date"], "2023-01-26");
  EXPECT_EQ(a["page"], 12);
  EXPECT_EQ(a["ordinal"], 3);
  EXPECT_DOUBLE_EQ(a["score"].get<double>(), 7.125);
  EXPECT_EQ(a["themes"], json({"family-hubs", "early-help"}));
  EXPECT_EQ(a["people"], json({"Cllr Collins"}));
  EXPECT_EQ(a["item_url"], "/api/v1/items/p1-i3");
  EXPECT_EQ(a["paper_url"], "/api/v1/papers/p1");
  const json& b = parsed["hits"][1];
  EXPECT_TRUE(b["date"].is_null());
  EXPECT_TRUE(b["page"].is_null());
  EXPECT_EQ(b["themes"], json::array());
  EXPECT_EQ(b["score"], 3);
  EXPECT_EQ(parsed["facets"]["council"][1], json({{"value", "Limerick City and County Council"}, {"count", 334}}));
  EXPECT_TRUE(parsed["facets"]["theme"][0].contains("label"));   // a known theme is labelled
  EXPECT_FALSE(parsed["facets"]["theme"][1].contains("label"));  // an unknown one is not
  EXPECT_EQ(parsed["facets"]["year"][1]["value"], "undated");

  result.did_you_mean.reset();
  result.hits.clear();
  result.facets.clear();
  const json empty = json::parse(SearchJson(result, DefaultKnowledge()));
  EXPECT_TRUE(empty["did_you_mean"].is_null());
  EXPECT_EQ(empty["hits"], json::array());
  EXPECT_EQ(empty["facets"], json::object());
}

}  // namespace
}  // namespace councilsearch::http
