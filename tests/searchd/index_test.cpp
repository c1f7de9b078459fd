// The per-thread index handle: what it remembers for a revision is forgotten
// when the indexer commits a new one.
#include "searchd/index.h"

#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace councilsearch {
namespace {

using testing::TempDir;

TEST(IndexHandle, SpellingSuggestionsFollowTheRevision) {
  TempDir tmp;
  const std::string path = (tmp.path() / "db").string();
  Xapian::WritableDatabase writer(path, Xapian::DB_CREATE_OR_OPEN);
  writer.add_spelling("fostering", 5);
  writer.add_document(Xapian::Document());
  writer.commit();

  auto index = Index::Open({path});
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  Index& handle = **index;
  EXPECT_EQ(handle.SpellingSuggestion("fosterring"), "fostering");
  EXPECT_EQ(handle.SpellingSuggestion("zebr"), "");
  EXPECT_EQ(handle.SpellingSuggestion("zebr"), "");  // remembered: still none

  writer.add_spelling("zebra", 5);
  writer.commit();
  EXPECT_EQ(handle.SpellingSuggestion("zebr"), "") << "the handle reads its revision until it refreshes";
  ASSERT_TRUE(handle.Refresh(/*force=*/true));
  EXPECT_EQ(handle.SpellingSuggestion("zebr"), "zebra");
  EXPECT_EQ(handle.SpellingSuggestion("fosterring"), "fostering");
}

}  // namespace
}  // namespace councilsearch
