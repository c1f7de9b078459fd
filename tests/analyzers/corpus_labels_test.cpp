// Analyzer checks against the shared corpora's other gold data: Limerick's
// meeting names collapse to its bodies, and seed 002's budget tables'
// 80 cells (../shared/corpus/seeds/labels-money-002.json) are read as pounds.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "analyzers/committees.h"
#include "analyzers/knowledge.h"
#include "analyzers/money.h"
#include "indexer/readers.h"
#include "tests/test_support.h"

namespace councilsearch {
namespace {

TEST(LimerickBodies, RawMeetingNamesCollapseToTheCouncilsBodies) {
  std::ifstream in(testing::SharedCorpusDir() / "limerick" / "manifest.jsonl");
  std::set<std::string> raw;
  std::map<std::string, std::set<std::string>> bodies;
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line);
    const std::string name = j["committee"];
    raw.insert(name);
    bodies[CanonicalCommittee(name, j["council"].get<std::string>(), &DefaultKnowledge()).name].insert(name);
  }
  // Its full council, the Metropolitan District and the three Municipal
  // Districts, the Strategic Policy Committees (renamed ones as one, per the
  // data file), the Joint Policing Committee and each district's sub-committee.
  const std::set<std::string> expected = {
      "Full Council",
      "Metropolitan District of Limerick",
      "Municipal District of Adare-Rathkeale",
      "Municipal District of Cappamore-Kilmallock",
      "Municipal District of Newcastle West",
      "Climate Action Biodiversity and Environment Strategic Policy Committee",
      "Community Leisure and Culture Strategic Policy Committee",
      "Community Leisure and Emergency Services Strategic Policy Committee",
      "Cultural Strategic Policy Committee",
      "Economic Development Enterprise and Planning Strategic Policy Committee",
      "Home and Social Development Strategic Policy Committee",
      "Travel and Transportation Strategic Policy Committee",
      "Joint Policing Committee",
      "Metropolitan District of Limerick Joint Policing Sub-Committee",
      "Municipal District of Adare-Rathkeale Joint Policing Sub-Committee",
      "Municipal District of Cappamore-Kilmallock Joint Policing Sub-Committee",
      "Municipal District of Newcastle West Joint Policing Sub-Committee",
  };
  std::set<std::string> got;
  for (const auto& [body, names] : bodies) got.insert(body);
  EXPECT_EQ(raw.size(), 197u);
  EXPECT_EQ(got, expected);
  // For example, three spellings of one body.
  const auto& newcastle = bodies["Municipal District of Newcastle West"];
  for (const char* name : {"Monthly Meeting of the Municipal District of Newcastle West",
                           "Monthly Meeting of Municipal District of Newcastle West",
                           "Virtual Monthly Meeting of the Municipal District of Newcastle West"}) {
    EXPECT_EQ(newcastle.count(name), 1u) << name;
  }
}

TEST(MoneyLabels, AllBudgetTableCellsOfSeed002) {
  const auto path = testing::SourceDir() / "examples/corpus/002_2bdb4daf9876b61e.txt";
  auto bytes = ReadFileBytes(path, 1 << 30);
  ASSERT_TRUE(bytes.ok());
  auto source = ExtractText(*bytes, Format::kText);
  ASSERT_TRUE(source.ok());
  const std::string& text = source->text;
  const std::vector<Amount> amounts = FindAmounts(text);
  auto line_of = [&](size_t offset) { return 1 + std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'); };
  std::ifstream in(testing::SharedCorpusDir() / "seeds" / "labels-money-002.json");
  const auto labels = nlohmann::json::parse(in);
  int found = 0;
  for (const auto& cell : labels["amounts"]) {
    const bool ok = std::any_of(amounts.begin(), amounts.end(), [&](const Amount& a) {
      return line_of(a.begin) == cell["line"].get<long>() &&
             text.substr(a.begin, a.end - a.begin) == cell["cell"].get<std::string>() &&
             a.value == cell["gbp"].get<double>() && a.currency == "GBP";
    });
    found += ok ? 1 : 0;
    EXPECT_TRUE(ok) << cell.dump();
  }
  std::printf("money: %d/%zu budget table cells\n", found, labels["amounts"].size());
  // And the amounts written in its prose.
  for (const auto& [figure, value] : std::vector<std::pair<std::string, double>>{
           {"£323,931", 323931}, {"£0.458m", 458000}, {"£2.4m", 2.4e6}, {"£6,500,000", 6.5e6}}) {
    const bool ok = std::any_of(amounts.begin(), amounts.end(), [&](const Amount& a) {
      return text.substr(a.begin, a.end - a.begin) == figure && a.value == value;
    });
    EXPECT_TRUE(ok) << figure;
  }
  // "£2million" is seed 000's.
  const auto seed000 = ReadFileBytes(testing::SourceDir() / "examples/corpus/000_16f142116b761205.txt", 1 << 30);
  const auto prose = FindAmounts(*seed000);
  EXPECT_TRUE(std::any_of(prose.begin(), prose.end(), [](const Amount& a) { return a.value == 2e6; }));
}

}  // namespace
}  // namespace councilsearch
