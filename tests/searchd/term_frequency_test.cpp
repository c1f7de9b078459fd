// Remembered term frequencies (term_frequency.h): always Xapian's own, for
// the database and revision asked about.
#include "searchd/term_frequency.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace councilsearch {
namespace {

namespace fs = std::filesystem;

// A database at `name` under the test's temporary folder with `documents`
// documents: each has "all", document i has "t<i % 3>".
std::string Write(const std::string& name, int documents) {
  const fs::path path = fs::path(testing::TempDir()) / ("term_frequency_" + name);
  fs::remove_all(path);
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  for (int i = 0; i < documents; ++i) {
    Xapian::Document doc;
    doc.add_term("all");
    doc.add_term("t" + std::to_string(i % 3));
    db.add_document(doc);
  }
  db.commit();
  return path.string();
}

TEST(TermFrequencyTest, IsXapiansOnEveryAskingAndAfterACommit) {
  const std::string path = Write("growing", 30);
  Xapian::Database db(path);
  for (int pass = 0; pass < 2; ++pass) {  // the second pass is remembered
    for (const char* term : {"all", "t0", "t1", "t2", "absent", ""})
      EXPECT_EQ(TermFrequency(db, term), db.get_termfreq(term)) << term << ", pass " << pass;
  }
  {
    Xapian::WritableDatabase writer(path, Xapian::DB_OPEN);
    Xapian::Document doc;
    doc.add_term("all");
    doc.add_term("absent");
    writer.add_document(doc);
    writer.commit();
  }
  ASSERT_TRUE(db.reopen());
  EXPECT_EQ(TermFrequency(db, "all"), 31u);  // not the 30 of the revision before
  EXPECT_EQ(TermFrequency(db, "absent"), 1u);
}

TEST(TermFrequencyTest, EachDatabaseHasItsOwn) {
  // Both at revision 1: only their UUIDs tell them apart.
  const Xapian::Database small(Write("small", 6)), large(Write("large", 60));
  ASSERT_EQ(small.get_revision(), large.get_revision());
  EXPECT_EQ(TermFrequency(small, "all"), 6u);
  EXPECT_EQ(TermFrequency(large, "all"), 60u);
  EXPECT_EQ(TermFrequency(small, "t0"), 2u);
  EXPECT_EQ(TermFrequency(large, "t0"), 20u);
  // Several databases as one have no single revision: asked each time.
  Xapian::Database both(small);
  both.add_database(large);
  EXPECT_EQ(TermFrequency(both, "all"), 66u);
  EXPECT_EQ(TermFrequency(both, "t0"), 22u);
}

}  // namespace
}  // namespace councilsearch
