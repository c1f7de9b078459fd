// Snippets, case by case: which words are marked (as typed in any case, by
// stem, an abbreviation's long form as one span), where the passage is cut
// (the window with the most matches, on word and UTF-8 boundaries), and that
// everything from the paper is escaped. The guard for any faster scan.
#include "searchd/snippets.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "analyzers/knowledge.h"
#include "searchd/byte_set_finder.h"

namespace councilsearch {
namespace {

std::vector<std::string> Marked(const std::string& html) {
  std::vector<std::string> out;
  static const std::regex mark("<mark>(.*?)</mark>");
  for (auto m = std::sregex_iterator(html.begin(), html.end(), mark); m != std::sregex_iterator(); ++m)
    out.push_back((*m)[1]);
  return out;
}

Highlight Words(std::set<std::string> words, std::set<std::string> stems = {}, std::set<std::string> concepts = {}) {
  return Highlight{std::move(words), std::move(stems), std::move(concepts)};
}

struct MarkCase {
  const char* what;
  std::string text;
  Highlight highlight;
  std::vector<std::string> marked;  // in order
};

TEST(SnippetTest, MarksWordsAsTypedByStemAndConcept) {
  const MarkCase cases[] = {
      {"a word in any case", "Family hubs: the family offer. FAMILY support.", Words({"family"}),
       {"Family", "family", "FAMILY"}},
      {"whole words only", "subfamily families familyish family", Words({"family"}), {"family"}},
      {"by stem", "The hubs and a hub, hubbub aside.", Words({}, {"hub"}), {"hubs", "hub"}},
      {"a stem marks every form", "families, family and familiar", Words({}, {"famili"}), {"families", "family"}},
      {"a possessive is one word", "the council's budget; councils", Words({}, {"council"}),
       {"council&#39;s", "councils"}},  // marked text is escaped too
      {"words and stems together", "Fostering: foster carers fostered", Words({"carers"}, {"foster"}),
       {"Fostering", "foster", "carers", "fostered"}},
      {"an abbreviation's long form, one span", "We looked at children in care and care leavers.",
       Words({}, {}, {"cic"}), {"children in care"}},
      {"a long form inside words that also match", "children in care: children", Words({"children"}, {}, {"cic"}),
       {"children in care", "children"}},
      {"digits are word characters", "item 27 and 270", Words({"27"}), {"27"}},
      // Words are found by their first bytes: a wanted first byte inside a
      // word, or after an apostrophe inside one, starts nothing.
      {"an apostrophe inside a word joins it", "O'Brien, 'Brien' and Brien", Words({"brien"}),
       {"Brien", "Brien"}},
      {"a wanted first byte inside words", "hubhub, shub, hub", Words({"hub"}), {"hub"}},
      {"at the very start and end", "hub", Words({"hub"}), {"hub"}},
      {"a non-ASCII first letter", "über, überall and uber", Words({"über"}), {"über"}},
      {"many first letters at once", "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike",
       Words({"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo",
              "mike"}),
       {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "mike"}},
      {"nothing asked, nothing marked", "family hubs", Words({}), {}},
  };
  for (const MarkCase& c : cases) {
    const Snippet s = MakeSnippet(c.text, c.highlight, DefaultKnowledge());
    EXPECT_EQ(Marked(s.html), c.marked) << c.what << ": " << s.html;
    EXPECT_EQ(s.marks, static_cast<int>(c.marked.size())) << c.what;
  }
}

TEST(SnippetTest, EscapesTheTextAroundAndInsideMarks) {
  const Snippet s = MakeSnippet("<b>\"Family\" & 'hubs'</b>", Words({"family", "hubs"}), DefaultKnowledge());
  EXPECT_EQ(s.html, "&lt;b&gt;&quot;<mark>Family</mark>&quot; &amp; &#39;<mark>hubs</mark>&#39;&lt;/b&gt;");
}

TEST(SnippetTest, ShowsTheWindowWithTheMostMatches) {
  std::string text = "A family at the start. ";
  for (int i = 0; i < 40; ++i) text += "Nothing to see in this sentence at all. ";
  const size_t cluster = text.size();
  text += "Family hubs give each family a place; the family hub is open. ";
  for (int i = 0; i < 40; ++i) text += "More words that do not match anything. ";
  const Snippet s = MakeSnippet(text, Words({"family"}), DefaultKnowledge());
  EXPECT_EQ(s.marks, 3) << s.html;
  EXPECT_LE(s.offset, cluster);
  EXPECT_GE(s.offset + 300, cluster);
  EXPECT_EQ(s.html.rfind("...", 0), 0u) << "cut at the start: " << s.html;
  EXPECT_EQ(s.html.substr(s.html.size() - 3), "...") << "cut at the end: " << s.html;
  EXPECT_NE(s.html.find("<mark>Family</mark> hubs"), std::string::npos) << s.html;
}

TEST(SnippetTest, FindsAMatchFarIntoALongItem) {
  std::string text;
  while (text.size() < 400000) text += "Minutes of the meeting held on the date above, with apologies noted. ";
  const size_t at = text.size();
  text += "The Corporate Parenting Panel considered the report. ";
  while (text.size() < 800000) text += "Minutes of the meeting held on the date above, with apologies noted. ";
  const Snippet s = MakeSnippet(text, Words({"corporate"}, {"parent"}), DefaultKnowledge());
  EXPECT_EQ(Marked(s.html), (std::vector<std::string>{"Corporate", "Parenting"})) << s.html;
  EXPECT_LE(s.offset, at);
  EXPECT_LT(at - s.offset, 300u);
}

TEST(SnippetTest, NoMatchShowsTheStart) {
  const std::string text(1000, 'x');
  const Snippet s = MakeSnippet("Agenda item one. " + text, Words({"budget"}), DefaultKnowledge());
  EXPECT_EQ(s.offset, 0u);
  EXPECT_EQ(s.marks, 0);
  EXPECT_EQ(s.html.rfind("Agenda item one.", 0), 0u) << s.html;
}

TEST(SnippetTest, NeverSplitsAUtf8Sequence) {
  // A long run of two-byte letters with no space to cut at, so that the
  // cut lands inside a letter unless the cutter steps to its edge.
  std::string filler;
  for (int i = 0; i < 400; ++i) filler += "\xC3\xA9";  // "é"
  for (size_t shift = 0; shift < 4; ++shift) {
    const std::string text = filler.substr(shift) + " budget " + filler;
    const Snippet s = MakeSnippet(text, Words({"budget"}), DefaultKnowledge());
    ASSERT_EQ(s.marks, 1) << shift;
    std::string plain = std::regex_replace(s.html, std::regex("</?mark>"), "");
    if (plain.rfind("...", 0) == 0) plain = plain.substr(3);
    if (plain.size() >= 3 && plain.substr(plain.size() - 3) == "...") plain.resize(plain.size() - 3);
    ASSERT_FALSE(plain.empty());
    EXPECT_NE(static_cast<unsigned char>(plain.front()) & 0xC0, 0x80u) << "starts inside a letter, shift " << shift;
    EXPECT_NE(static_cast<unsigned char>(plain.back()), 0xC3u) << "ends inside a letter, shift " << shift;
  }
}

TEST(SnippetTest, AWordOnEveryLineStillShowsTheFirstWindow) {
  // The scan stops after enough matches; the passage is the earliest best.
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "budget line " + std::to_string(i) + ". ";
  const Snippet s = MakeSnippet(text, Words({"budget"}), DefaultKnowledge());
  EXPECT_EQ(s.offset, 0u);
  EXPECT_GE(s.marks, 10);
  EXPECT_NE(s.html.find("<mark>budget</mark> line 0."), std::string::npos) << s.html.substr(0, 80);
}


// The finder against a plain loop: every start offset of random texts (so
// every alignment and the tail shorter than a vector), with sets of one byte
// up to more than the vector path takes, bytes above 0x7F included.
TEST(ByteSetFinderTest, FindsWhatALoopFinds) {
  std::mt19937 random(6);
  for (size_t set_size : {1u, 2u, 5u, 12u, 13u, 40u}) {
    ByteSetFinder finder;
    std::vector<bool> member(256, false);
    while (std::count(member.begin(), member.end(), true) < static_cast<long>(set_size)) {
      const auto byte = static_cast<unsigned char>(random() % 256);
      member[byte] = true;
      finder.Add(byte);
    }
    for (int text_size : {0, 1, 15, 16, 17, 100, 1000}) {
      std::vector<unsigned char> text(static_cast<size_t>(text_size));
      // Sparse hits: mostly bytes outside the set, as in real text.
      for (auto& c : text) {
        do c = static_cast<unsigned char>(random() % 256);
        while (member[c] && random() % 8 != 0);
      }
      for (size_t from = 0; from <= text.size(); ++from) {
        size_t expected = from;
        while (expected < text.size() && !member[text[expected]]) ++expected;
        ASSERT_EQ(finder.Next(text.data(), from, text.size()), expected)
            << set_size << " bytes, text of " << text_size << ", from " << from;
      }
    }
  }
}

TEST(ByteSetFinderTest, EmptySetFindsNothing) {
  const std::string text = "anything at all";
  EXPECT_EQ(ByteSetFinder().Next(reinterpret_cast<const unsigned char*>(text.data()), 0, text.size()), text.size());
}

}  // namespace
}  // namespace councilsearch
