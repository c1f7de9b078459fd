// Theme tagging against items labelled by reading them
// (tests/data/theme-labels.json): precision and recall over (item, theme)
// pairs, each at least 0.85.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

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

TEST(ThemeLabels, PrecisionAndRecall) {
  std::ifstream in(testing::TestDataDir() / "theme-labels.json");
  const nlohmann::json labels = nlohmann::json::parse(in);
  std::map<std::string, PaperAnalysis> analyses;
  int true_positive = 0, predicted = 0, gold_total = 0;
  for (const auto& label : labels["items"]) {
    const std::string file = label["file"];
    const fs::path path = file.rfind("examples/", 0) == 0 ? testing::SourceDir() / file
                                                          : testing::SharedCorpusDir() / file;
    if (analyses.count(file) == 0) {
      auto bytes = ReadFileBytes(path, 1 << 30);
      ASSERT_TRUE(bytes.ok()) << path;
      auto source = ExtractText(*bytes, *FormatForPath(path));
      ASSERT_TRUE(source.ok()) << path;
      analyses[file] = AnalyzePaper(*source);
    }
    const PaperAnalysis& a = analyses[file];
    const std::string want = Lower(NormalizeText(label["heading"].get<std::string>()));
    int occurrence = label.value("occurrence", 1);
    const Item* item = nullptr;
    for (const Item& it : a.items) {
      const std::string printed = Lower(it.number.empty() ? it.heading : it.number + " " + it.heading);
      if (printed.rfind(want, 0) == 0 && --occurrence == 0) {
        item = &it;
        break;
      }
    }
    ASSERT_NE(item, nullptr) << file << ": no item headed " << want;
    std::set<std::string> gold, got;
    for (const auto& t : label["themes"]) gold.insert(t.get<std::string>());
    for (const ThemeWeight& t : item->themes) got.insert(t.id);
    for (const auto& t : got) true_positive += gold.count(t) != 0 ? 1 : 0;
    predicted += static_cast<int>(got.size());
    gold_total += static_cast<int>(gold.size());
    std::string extra, missing;
    for (const auto& t : got)
      if (gold.count(t) == 0) extra += " +" + t;
    for (const auto& t : gold)
      if (got.count(t) == 0) missing += " -" + t;
    if (!extra.empty() || !missing.empty())
      std::printf("  %-60.60s%s%s\n", (fs::path(file).filename().string() + " " + want).c_str(), extra.c_str(),
                  missing.c_str());
  }
  const double precision = predicted ? static_cast<double>(true_positive) / predicted : 1.0;
  const double recall = gold_total ? static_cast<double>(true_positive) / gold_total : 1.0;
  std::printf("themes: %zu items, precision %.3f (%d/%d), recall %.3f (%d/%d)\n", labels["items"].size(), precision,
              true_positive, predicted, recall, true_positive, gold_total);
  EXPECT_GE(labels["items"].size(), 40u);
  EXPECT_GE(precision, 0.85);
  EXPECT_GE(recall, 0.85);
}

}  // namespace
}  // namespace councilsearch
