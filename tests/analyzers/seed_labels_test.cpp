// The analyzers against the gold labels of the five seed papers
// (../shared/corpus/seeds/labels.json, read by a person from the text
// alone): council, committee, date and type 100% ("null" where the text does
// not say), every labelled item heading in order, no item started by
// boilerplate, the lettered points and the decisions kept.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "analyzers/analyzer.h"
#include "analyzers/normalize.h"
#include "indexer/readers.h"
#include "tests/test_support.h"

namespace councilsearch {
namespace {

namespace fs = std::filesystem;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Labels are compared as the analyzers see text: normalised, case-insensitive.
std::string Canon(const std::string& s) { return Lower(NormalizeText(s)); }

// The heading as printed in the paper: "SPCLL.27 CHILDREN'S SOCIAL CARE ...".
std::string PrintedHeading(const Item& item) {
  return item.number.empty() ? item.heading : item.number + " " + item.heading;
}

nlohmann::json Labels() {
  std::ifstream in(testing::SharedCorpusDir() / "seeds" / "labels.json");
  return nlohmann::json::parse(in);
}

PaperAnalysis Analyse(const std::string& file, const PaperFields& stated = {}) {
  const fs::path path = testing::SourceDir() / "examples" / "corpus" / file;
  auto bytes = ReadFileBytes(path, 1 << 30);
  EXPECT_TRUE(bytes.ok());
  auto source = ExtractText(*bytes, Format::kText);
  EXPECT_TRUE(source.ok());
  return AnalyzePaper(*source, stated);
}

bool Accepts(const nlohmann::json& accept, const std::optional<Extracted>& got) {
  for (const auto& a : accept) {
    if (a.is_null() && !got) return true;
    if (a.is_string() && got && got->value == a.get<std::string>()) return true;
  }
  return false;
}

TEST(SeedLabels, FieldsItemsPointsAndDecisions) {
  const nlohmann::json labels = Labels();
  int fields = 0, fields_right = 0, headings = 0, headings_found = 0;
  for (const auto& [file, gold] : labels["papers"].items()) {
    SCOPED_TRACE(file);
    const PaperAnalysis a = Analyse(file);
    for (const auto& [field, got] : {std::pair{"council", &a.council}, {"committee", &a.committee},
                                     {"date", &a.date}, {"type", &a.type}}) {
      ++fields;
      const bool ok = Accepts(gold[field]["accept"], *got);
      fields_right += ok ? 1 : 0;
      EXPECT_TRUE(ok) << field << ": got " << (*got ? (*got)->value : std::string("null"));
    }
    // Every labelled heading starts an item, in order.
    size_t next_item = 0;
    for (const auto& label : gold["items"]) {
      ++headings;
      const std::string want = Canon(label.get<std::string>());
      bool found = false;
      for (size_t k = next_item; k < a.items.size(); ++k) {
        if (Canon(PrintedHeading(a.items[k])).find(want) != std::string::npos) {
          next_item = k + 1;
          found = true;
          break;
        }
      }
      headings_found += found ? 1 : 0;
      EXPECT_TRUE(found) << "no item headed '" << label.get<std::string>() << "' in order";
    }
    // Boilerplate heads at most one item, and never starts one's text.
    if (gold.contains("not_items")) {
      for (const auto& boiler : gold["not_items"]) {
        const std::string b = Canon(boiler.get<std::string>());
        int headed = 0;
        for (const Item& item : a.items) {
          if (Canon(item.heading).find(b) != std::string::npos) ++headed;
          EXPECT_NE(Canon(item.text).rfind(b, 0), 0u) << "item " << item.ordinal << " starts with " << b;
        }
        EXPECT_LE(headed, 1) << b;
      }
    }
    // Lettered points.
    if (gold.contains("points")) {
      for (const auto& [heading, want_points] : gold["points"].items()) {
        const Item* item = nullptr;
        for (const Item& it : a.items)
          if (item == nullptr && Canon(it.heading).find(Canon(heading)) != std::string::npos) item = &it;
        ASSERT_NE(item, nullptr) << heading;
        for (const auto& p : want_points) {
          const bool has = std::any_of(item->points.begin(), item->points.end(),
                                       [&](const Point& pt) { return pt.label == p.get<std::string>(); });
          EXPECT_TRUE(has) << heading << " lacks point " << p.get<std::string>();
        }
      }
    }
    // Decisions.
    for (const auto& d : gold["decisions"]) {
      const std::string want = Canon(d.get<std::string>());
      bool found = false;
      for (const Item& item : a.items) {
        for (const TextSpan& span : item.decisions)
          found = found || Canon(item.text.substr(span.begin, span.end - span.begin)).find(want) != std::string::npos;
      }
      EXPECT_TRUE(found) << "decision not marked: " << d.get<std::string>();
    }
  }
  std::printf("seeds: fields %d/%d right, item headings %d/%d found in order\n", fields_right, fields, headings_found,
              headings);
}

// A paper whose metadata states its date and council is analysed as if the
// text had been searched for them: the same committee, type, meeting kinds,
// attendees and items; only the stated fields are left to the metadata.
TEST(SeedLabels, StatedDateAndCouncilAreNotSearchedFor) {
  for (const auto& [file, gold] : Labels()["papers"].items()) {
    SCOPED_TRACE(file);
    const PaperAnalysis searched = Analyse(file);
    PaperFields stated;
    stated.date = "2020-01-01";
    if (searched.council) stated.council = searched.council->value;
    const PaperAnalysis given = Analyse(file, stated);
    EXPECT_FALSE(given.date.has_value());
    EXPECT_FALSE(given.council.has_value());
    nlohmann::json want = AnalysisToJson(searched), got = AnalysisToJson(given);
    for (const char* field : {"date", "council"}) {
      want.erase(field);
      got.erase(field);
    }
    EXPECT_EQ(got, want);
    EXPECT_FALSE(got["items"].empty());
  }
}

}  // namespace
}  // namespace councilsearch
