// The TermGenerator the indexer uses must make exactly the terms that a
// plain Xapian English stemmer makes: its stemmer only remembers stems.
#include "analyzers/text_profile.h"

#include <gtest/gtest.h>

#include <map>

#include "tests/test_support.h"

namespace councilsearch {
namespace {

std::map<std::string, std::pair<Xapian::termcount, std::vector<Xapian::termpos>>> Terms(Xapian::TermGenerator& tg,
                                                                                         const std::string& text) {
  Xapian::Document doc;
  tg.set_document(doc);
  tg.set_termpos(0);
  tg.index_text(text);
  tg.index_text(text, 1, "S");
  std::map<std::string, std::pair<Xapian::termcount, std::vector<Xapian::termpos>>> out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    out[*t] = {t.get_wdf(), std::vector<Xapian::termpos>(t.positionlist_begin(), t.positionlist_end())};
  return out;
}

TEST(TextProfile, RememberedStemsAreXapiansEnglishStems) {
  Xapian::TermGenerator plain = MakeTermGenerator();
  plain.set_stemmer(Xapian::Stem("english"));
  Xapian::TermGenerator ours = MakeTermGenerator();
  size_t stems = 0;
  for (const auto& entry : std::filesystem::directory_iterator(testing::SourceDir() / "examples/corpus")) {
    if (entry.path().extension() != ".txt") continue;
    const std::string text = testing::ReadFile(entry.path());
    const auto want = Terms(plain, text);
    for (auto& [term, _] : want) stems += term[0] != 'S' ? 1 : 0;  // the unprefixed terms are stems
    EXPECT_EQ(Terms(ours, text), want) << entry.path();  // stems computed...
    EXPECT_EQ(Terms(ours, text), want) << entry.path();  // ...and remembered
  }
  EXPECT_GT(stems, 1000u);
}

}  // namespace
}  // namespace councilsearch
