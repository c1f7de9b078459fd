// Kept matches (match_cache.h): what a walk finds kept is what the matcher
// would find, on the sample papers one shard at a time and as shards; a new
// revision is never answered from the old one; the budget holds, least
// recently used out first; cheap sets are not kept.
#include "searchd/match_cache.h"

#include <gtest/gtest.h>

#include <set>

#include "analyzers/knowledge.h"
#include "indexer/pipeline.h"
#include "indexer/schema.h"
#include "searchd/match_set.h"
#include "searchd/query_builder.h"
#include "tests/test_support.h"

namespace councilsearch {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

std::vector<Xapian::docid> Ids(const DocSet& set) {
  std::vector<Xapian::docid> out;
  set.ForEach([&out](Xapian::docid id) { out.push_back(id); });
  return out;
}

TEST(DocSetTest, GivesBackItsIdsDenseOrSparse) {
  struct Case {
    const char* what;
    std::vector<Xapian::docid> ids;
    Xapian::docid last;
    bool dense;  // kept as a bitset
  };
  std::vector<Xapian::docid> every(1000), tenth, seventh;
  for (Xapian::docid i = 0; i < 1000; ++i) every[i] = i + 1;
  for (Xapian::docid i = 1; i <= 10000; i += 10) tenth.push_back(i);
  for (Xapian::docid i = 1; i <= 7000; i += 7) seventh.push_back(i);
  // Gaps on both sides of each varint length (7, 14, 21 and 28 bits).
  std::vector<Xapian::docid> gaps{5};
  for (Xapian::docid gap : {127u, 128u, 16383u, 16384u, 2097151u, 2097152u, 268435456u}) gaps.push_back(gaps.back() + gap);
  const Case cases[] = {
      {"none", {}, 100, false},
      {"one, the last", {100}, 100, false},
      {"every document", every, 1000, true},
      {"a tenth of the documents", tenth, 10000, false},  // gaps of a byte
      {"a seventh", seventh, 7000, true},
      {"gaps of every length", gaps, gaps.back(), false},
  };
  for (const Case& c : cases) {
    const DocSet set = DocSet::FromSorted(c.ids, c.last);
    EXPECT_EQ(Ids(set), c.ids) << c.what;
    EXPECT_EQ(set.size(), c.ids.size()) << c.what;
    // A bitset is an eighth of a byte a document; gaps about a byte an id.
    const size_t payload = set.MemoryBytes() - sizeof(DocSet);
    if (c.dense) {
      EXPECT_GE(payload, c.last / 8) << c.what;
    } else {
      EXPECT_LE(payload, c.ids.size() * 5) << c.what;
      EXPECT_LT(payload, c.last / 8 + 8) << c.what;
    }
  }
}

// The sample papers in two shards, indexed once.
class MatchCacheTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new TempDir();
    IndexOptions options;
    options.db_path = (tmp_->path() / "db").string();
    options.writer.new_shards = 2;
    SilentProgress progress;
    auto s = IndexDirectory(testing::SourceDir() / "examples/corpus", options, progress);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
  }
  static void TearDownTestSuite() { delete tmp_; }
  static fs::path Path(const char* name) { return tmp_->path() / name; }

  static TempDir* tmp_;
};
TempDir* MatchCacheTest::tmp_ = nullptr;

// Every query, on every way of walking the shards, twice (evaluated and
// kept, then found): each match once, the matcher's set. A combined handle
// has no revision of its own and keeps nothing.
TEST_F(MatchCacheTest, KeptMatchesAreTheMatchersOnEveryView) {
  const std::string path = Path("db").string();
  const Xapian::Database combined(path);
  std::vector<Xapian::Database> parts;
  for (const std::string& shard : schema::ShardPaths(path)) parts.emplace_back(shard);
  ASSERT_EQ(parts.size(), 2u);
  const std::vector<Xapian::Database> none;
  MatchCache cache(64 << 20, /*min_cost=*/0);
  struct View {
    const char* what;
    Shards shards;
    bool keeps;
  };
  const View views[] = {
      {"one shard", Shards(parts[0], none, &cache), true},
      {"part by part", Shards(combined, parts, &cache), true},
      {"one combined handle", Shards(combined, none, &cache), false},
  };
  const char* queries[] = {
      "fostering", "children OR families", "children AND NOT care", "family hubs", "SEND",
      "theme:early-help", "budget type:minutes", "amount:100..1m", "",
      "\"children in care\"", "family NEAR/3 hubs", "foster*", "2023-09-01..2023-12-31", "zzzunknownword",
  };
  for (const View& v : views) {
    const Xapian::Database& db = v.shards.combined();
    QueryBuilder builder(db, DefaultKnowledge());
    const MatchCache::Stats before = cache.stats();
    for (const char* typed : queries) {
      auto q = builder.Parse(typed);
      ASSERT_TRUE(q.ok()) << typed;
      Xapian::Enquire enquire(db);
      enquire.set_query(*q);
      const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
      const std::multiset<Xapian::docid> expected(mset.begin(), mset.end());
      for (int pass = 0; pass < 2; ++pass) {
        std::multiset<Xapian::docid> each;
        const Xapian::doccount n = ForEachMatch(v.shards, *q, [&](Xapian::docid id) { each.insert(id); });
        EXPECT_EQ(each, expected) << v.what << ", pass " << pass << ": " << typed;
        EXPECT_EQ(n, expected.size()) << v.what << ", pass " << pass << ": " << typed;
      }
    }
    const MatchCache::Stats after = cache.stats();
    if (v.keeps) {
      EXPECT_GT(after.kept, before.kept) << v.what;
      EXPECT_GT(after.hits, before.hits) << v.what;
    } else {
      EXPECT_EQ(after.kept, before.kept) << v.what;
      EXPECT_EQ(after.hits, before.hits) << v.what;
    }
  }
}

// A small database written here: `docs` documents, document d with the
// term "all", "even" when d is even, and "t<k>" for k = d % `kinds`.
void Write(const fs::path& path, Xapian::docid docs, int kinds) {
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OPEN);
  for (Xapian::docid d = 1; d <= docs; ++d) {
    Xapian::Document doc;
    doc.add_term("all");
    if (d % 2 == 0) doc.add_term("even");
    doc.add_term("t" + std::to_string(d % static_cast<Xapian::docid>(kinds)));
    db.add_document(doc);
  }
  db.commit();
}

std::vector<Xapian::docid> Matches(MatchCache& cache, const Xapian::Database& db, const Xapian::Query& query) {
  const auto set = cache.Query(db, query, [&]() {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    return std::vector<Xapian::docid>(mset.begin(), mset.end());
  });
  return set == nullptr ? std::vector<Xapian::docid>{} : Ids(*set);
}

TEST_F(MatchCacheTest, NewRevisionIsNotAnsweredFromTheOld) {
  const fs::path path = Path("growing");
  Write(path, 100, 4);
  Xapian::Database db(path.string());
  MatchCache cache(1 << 20, /*min_cost=*/1);
  const Xapian::Query even_and_t0(Xapian::Query::OP_AND, Xapian::Query("even"), Xapian::Query("t0"));
  ASSERT_EQ(cache.Term(db, "all")->size(), 100u);
  ASSERT_EQ(Matches(cache, db, even_and_t0).size(), 25u);  // 4, 8, ..., 100
  ASSERT_EQ(cache.Term(db, "all")->size(), 100u);          // found
  EXPECT_EQ(cache.stats().hits, 1u);
  {
    Xapian::WritableDatabase writer(path.string(), Xapian::DB_OPEN);
    Xapian::Document doc;  // document 101, and 102 below with "even" and "t0"
    doc.add_term("all");
    writer.add_document(doc);
    doc.add_term("even");
    doc.add_term("t0");
    writer.add_document(doc);
    writer.commit();
  }
  ASSERT_TRUE(db.reopen());
  EXPECT_EQ(cache.Term(db, "all")->size(), 102u);
  const std::vector<Xapian::docid> now = Matches(cache, db, even_and_t0);
  ASSERT_EQ(now.size(), 26u);
  EXPECT_EQ(now.back(), 102u);
  EXPECT_EQ(cache.stats().hits, 1u);  // both read anew
}

TEST_F(MatchCacheTest, StaysWithinItsBudgetLeastRecentlyUsedOutFirst) {
  const fs::path path = Path("kinds");
  Write(path, 2000, 10);  // t0..t9, 200 documents each
  const Xapian::Database db(path.string());
  size_t one = 0;  // what one term's set costs
  {
    MatchCache probe(1 << 20, 1);
    probe.Term(db, "t0");
    one = probe.stats().bytes;
  }
  ASSERT_GT(one, 200u);
  MatchCache cache(3 * one + one / 2, /*min_cost=*/1);  // room for three
  for (const char* t : {"t0", "t1", "t2"}) ASSERT_NE(cache.Term(db, t), nullptr);
  EXPECT_EQ(cache.stats().sets, 3u);
  cache.Term(db, "t0");  // used again: t1 is now the least recently used
  EXPECT_EQ(cache.stats().hits, 1u);
  cache.Term(db, "t3");  // t1 out
  EXPECT_EQ(cache.stats().sets, 3u);
  EXPECT_LE(cache.stats().bytes, cache.budget());
  const uint64_t kept = cache.stats().kept;
  for (const char* t : {"t0", "t2", "t3"}) cache.Term(db, t);
  EXPECT_EQ(cache.stats().hits, 4u);
  EXPECT_EQ(cache.stats().kept, kept);
  EXPECT_EQ(cache.Term(db, "t1")->size(), 200u);  // read again
  EXPECT_EQ(cache.stats().kept, kept + 1);
  EXPECT_LE(cache.stats().bytes, cache.budget());
  // A set larger than the whole budget is given, not kept.
  MatchCache tiny(one / 2, 1);
  EXPECT_EQ(tiny.Term(db, "t5")->size(), 200u);
  EXPECT_EQ(tiny.stats().sets, 0u);
}

TEST_F(MatchCacheTest, CheapSetsAreNotKept) {
  const fs::path path = Path("cheap");
  Write(path, 400, 8);  // t0..t7: 50 documents each; "even" 200
  const Xapian::Database db(path.string());
  MatchCache cache(1 << 20, /*min_cost=*/120);
  EXPECT_EQ(cache.Term(db, "t3"), nullptr);  // 50 postings: the caller reads Xapian's list
  EXPECT_NE(cache.Term(db, "even"), nullptr);
  bool evaluated = false;
  const auto cheap = cache.Query(db, Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("t1"), Xapian::Query("t2")),
                                 [&]() {
                                   evaluated = true;
                                   return std::vector<Xapian::docid>{};
                                 });
  EXPECT_EQ(cheap, nullptr);
  EXPECT_FALSE(evaluated);
  // Costs add up: three lists of 50 and "even" read 350 postings.
  const std::vector<Xapian::Query> four{Xapian::Query("t1"), Xapian::Query("t2"), Xapian::Query("t3"),
                                        Xapian::Query("even")};
  EXPECT_EQ(MatchCache::Cost(db, Xapian::Query(Xapian::Query::OP_AND, four.begin(), four.end())), 350u);
  EXPECT_EQ(Matches(cache, db, Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("t2"), Xapian::Query("even"))).size(),
            50u);
  EXPECT_EQ(cache.stats().sets, 2u);
  // A cache of no bytes keeps nothing and evaluates nothing itself.
  MatchCache off(0);
  EXPECT_EQ(off.Term(db, "all"), nullptr);
  EXPECT_FALSE(off.enabled());
}

}  // namespace
}  // namespace councilsearch
