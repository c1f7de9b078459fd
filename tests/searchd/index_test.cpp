// The per-thread index handle: what it remembers for a revision is forgotten
// when the indexer commits a new one.
#include "searchd/index.h"

#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace councilsearch {
namespace {

using testing::TempDir;

TEST(IndexHandle, SpellingCorrectionsFollowTheRevision) {
  TempDir tmp;
  const std::string path = (tmp.path() / "db").string();
  Xapian::WritableDatabase writer(path, Xapian::DB_CREATE_OR_OPEN);
  writer.add_spelling("fostering", 5);
  writer.add_document(Xapian::Document());
  writer.commit();

  auto index = Index::Open({path});
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  Index& handle = **index;
  EXPECT_EQ(handle.SpellingCorrection("fosterring"), "fostering");
  EXPECT_EQ(handle.SpellingCorrection("zebr"), "");
  EXPECT_EQ(handle.SpellingCorrection("zebr"), "");  // remembered: still none

  writer.add_spelling("zebra", 5);
  writer.commit();
  EXPECT_EQ(handle.SpellingCorrection("zebr"), "") << "the handle reads its revision until it refreshes";
  ASSERT_TRUE(handle.Refresh(/*force=*/true));
  EXPECT_EQ(handle.SpellingCorrection("zebr"), "zebra");
  EXPECT_EQ(handle.SpellingCorrection("fosterring"), "fostering");
}

// A word some items contain is corrected only when it is rare (under three
// items) and the suggestion is over a hundred times as common: an OCR slip
// beside the right spelling, not a real word that merely looks close.
TEST(IndexHandle, SpellingCorrectionOfWordsInTheIndex) {
  TempDir tmp;
  const std::string path = (tmp.path() / "db").string();
  Xapian::WritableDatabase writer(path, Xapian::DB_CREATE_OR_OPEN);
  auto add = [&](const std::string& term, int items) {
    for (int i = 0; i < items; ++i) {
      Xapian::Document doc;
      doc.add_term(term);
      writer.add_document(doc);
    }
    writer.add_spelling(term, items);
  };
  add("fostering", 201);
  add("fosterring", 2);  // 2 items: 201 > 100 x 2
  add("adoption", 150);
  add("adoptiom", 1);    // 1 item: 150 > 100 x 1
  add("adoptoin", 2);    // 2 items: 150 < 100 x 2
  add("fosterng", 3);    // 3 items: common enough to be a word
  writer.commit();

  auto index = Index::Open({path});
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  Index& handle = **index;
  EXPECT_EQ(handle.SpellingCorrection("fosterring"), "fostering");
  EXPECT_EQ(handle.SpellingCorrection("adoptiom"), "adoption");
  EXPECT_EQ(handle.SpellingCorrection("adoptoin"), "");
  EXPECT_EQ(handle.SpellingCorrection("fosterng"), "");
  EXPECT_EQ(handle.SpellingCorrection("fostering"), "");
}

// Corrections are remembered for every handle at once, per database and
// revision: two databases at the same revision, with the same number of
// items, keep their own answers.
TEST(IndexHandle, SpellingCorrectionsAreSharedPerDatabase) {
  TempDir tmp;
  auto make = [&](const std::string& name, const std::string& spelling) {
    const std::string path = (tmp.path() / name).string();
    Xapian::WritableDatabase writer(path, Xapian::DB_CREATE_OR_OPEN);
    writer.add_spelling(spelling, 5);
    writer.add_document(Xapian::Document());
    writer.commit();
    return path;
  };
  const std::string zebra = make("zebra", "zebra"), zebu = make("zebu", "zebu");
  auto first = Index::Open({zebra}), second = Index::Open({zebra}), other = Index::Open({zebu});
  ASSERT_TRUE(first.ok() && second.ok() && other.ok());
  EXPECT_EQ((*first)->SpellingCorrection("zebr"), "zebra");
  EXPECT_EQ((*second)->SpellingCorrection("zebr"), "zebra");
  EXPECT_EQ((*other)->SpellingCorrection("zebr"), "zebu");
}

}  // namespace
}  // namespace councilsearch
