#include <gtest/gtest.h>

#include "analyzers/concepts.h"
#include "analyzers/knowledge.h"
#include "analyzers/phrase_matcher.h"
#include "analyzers/themes.h"

namespace councilsearch {
namespace {

std::vector<std::string> Ids(const std::vector<ThemeWeight>& themes) {
  std::vector<std::string> ids;
  for (const ThemeWeight& t : themes) ids.push_back(t.id);
  return ids;
}

TEST(PhraseMatcher, WordsCaseAndPlurals) {
  PhraseMatcher m;
  m.Add("family hub", 1, false, true);
  m.Add("SEND", 2, true, false);
  m.Add("looked after child", 3, false, false);
  const std::string text = "Family Hubs, send the SEND report; a looked-after child.";
  const auto found = m.FindAll(text);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].id, 1);
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), "Family Hubs");
  EXPECT_EQ(found[1].id, 2);  // the verb "send" is not SEND
  EXPECT_EQ(text.substr(found[1].begin, 4), "SEND");
  EXPECT_EQ(found[2].id, 3);  // the hyphen separates words
}

TEST(TagThemes, SubstantialNotPassing) {
  const Knowledge& kb = DefaultKnowledge();
  const std::string item =
      "SPCLL.29 FAMILY HUBS\nThe panel considered a report on the services delivered from the Council's six Family "
      "Hub sites. Members asked whether family hubs would refer families to early help. The hubs now have an open "
      "door policy.";
  const auto themes = TagThemes("FAMILY HUBS", item, kb);
  ASSERT_FALSE(themes.empty());
  EXPECT_EQ(themes.front().id, "family-hubs");
  // A long item with one passing mention does not get the theme.
  std::string long_item = "The committee discussed roads and street lighting at length. ";
  for (int i = 0; i < 60; ++i) long_item += "The road resurfacing programme continued in the district this year. ";
  long_item += "One councillor mentioned fostering in passing.";
  const auto ids = Ids(TagThemes("Roads", long_item, kb));
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "fostering-adoption"), ids.end());
}

TEST(Concepts, BothFormsGiveTheConcept) {
  const Knowledge& kb = DefaultKnowledge();
  EXPECT_EQ(FindConcepts("the number of children in care fell", kb), (std::vector<std::string>{"cic"}));
  EXPECT_EQ(FindConcepts("CiC numbers fell", kb), (std::vector<std::string>{"cic"}));
  EXPECT_EQ(FindConcepts("an SGO was granted", kb), (std::vector<std::string>{"sgo"}));
  EXPECT_EQ(FindConcepts("a Special Guardianship Order was granted", kb), (std::vector<std::string>{"sgo"}));
  EXPECT_TRUE(FindConcepts("please send the papers", kb).empty());
  const auto q = FindQueryConcepts("cic budget", kb);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].id, "cic");
  EXPECT_EQ(q[0].begin, 0u);
  EXPECT_EQ(q[0].end, 3u);
  EXPECT_TRUE(FindQueryConcepts("send letters", kb).empty());  // SEND only in capitals
  EXPECT_EQ(FindQueryConcepts("SEND transport", kb).size(), 1u);
}

TEST(UnifySpellings, AmericanToBritish) {
  const Knowledge& kb = DefaultKnowledge();
  EXPECT_EQ(UnifySpellings("The Organization will prioritize the program center.", kb),
            "The Organisation will prioritise the programme centre.");
  EXPECT_EQ(UnifySpellings("size, prize, seize and citizen stay", kb), "size, prize, seize and citizen stay");
}

}  // namespace
}  // namespace councilsearch
