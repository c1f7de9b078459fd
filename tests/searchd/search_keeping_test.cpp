// What searches keep between requests (SearchKeeping, kept_by_budget.h):
// a search with hits and facet counts kept shows what one reading and
// counting everything afresh shows, on the sample papers in one database and
// in two shards; an item changed by a new revision shows changed, an item
// added is counted; the budget holds, least recently used out first.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzers/knowledge.h"
#include "indexer/pipeline.h"
#include "indexer/schema.h"
#include "searchd/kept_by_budget.h"
#include "searchd/search_service.h"
#include "tests/test_support.h"

namespace councilsearch {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

TEST(KeptByBudgetTest, KeepsWithinItsBudgetLeastRecentlyUsedOutFirst) {
  // Each value costs 100 bytes, plus its key and the entry's overhead.
  constexpr size_t kEach = 100;
  KeptByBudget<std::string> probe(1 << 20);
  probe.Keep("a", std::make_shared<const std::string>("A"), kEach);
  const size_t one = probe.stats().bytes;
  ASSERT_GT(one, kEach);

  KeptByBudget<std::string> kept(3 * one + one / 2);  // room for three
  for (const char* key : {"a", "b", "c"}) kept.Keep(key, std::make_shared<const std::string>(key), kEach);
  ASSERT_NE(kept.Find("a"), nullptr);  // used again: "b" is now the least recently used
  kept.Keep("d", std::make_shared<const std::string>("d"), kEach);
  EXPECT_EQ(kept.Find("b"), nullptr);
  for (const char* key : {"a", "c", "d"}) {
    ASSERT_NE(kept.Find(key), nullptr) << key;
    EXPECT_EQ(*kept.Find(key), key);
  }
  EXPECT_EQ(kept.stats().entries, 3u);
  EXPECT_LE(kept.stats().bytes, kept.budget());

  // The first value kept under a key stays (two threads that both missed).
  kept.Keep("a", std::make_shared<const std::string>("second"), kEach);
  EXPECT_EQ(*kept.Find("a"), "a");

  // Larger than the whole budget, or no budget: not kept.
  kept.Keep("huge", std::make_shared<const std::string>("h"), 4 * one);
  EXPECT_EQ(kept.Find("huge"), nullptr);
  KeptByBudget<std::string> off(0);
  off.Keep("a", std::make_shared<const std::string>("a"), 1);
  EXPECT_EQ(off.Find("a"), nullptr);
  EXPECT_FALSE(off.enabled());
}

// Everything a search shows: its total, facets and hits, in order.
std::vector<std::string> Shown(const SearchResult& result) {
  std::vector<std::string> out{std::to_string(result.total)};
  for (const auto& [facet, values] : result.facets) {
    std::string line = facet + ":";
    for (const FacetValue& v : values) line += " " + v.value + "=" + std::to_string(v.count);
    out.push_back(line);
  }
  for (const Hit& h : result.hits) {
    nlohmann::json j = {{"paper", h.paper_id}, {"item", h.item_id},       {"title", h.title},
                        {"heading", h.heading}, {"number", h.number},     {"council", h.council},
                        {"committee", h.committee}, {"date", h.date},     {"type", h.type},
                        {"url", h.url},         {"snippet", h.snippet},   {"ordinal", h.ordinal},
                        {"page", h.page},       {"score", h.score},       {"themes", h.themes},
                        {"people", h.people}};
    out.push_back(j.dump());
  }
  return out;
}

class SearchKeepingTest : public ::testing::TestWithParam<int> {
 protected:
  // The sample papers written as GetParam() shards.
  void SetUp() override {
    IndexOptions options;
    options.db_path = (tmp_.path() / "db").string();
    options.writer.new_shards = GetParam();
    SilentProgress progress;
    auto s = IndexDirectory(testing::SourceDir() / "examples/corpus", options, progress);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    db_ = options.db_path;
    indexes_ = std::make_unique<IndexSet>(std::vector<std::string>{db_}, 0);
    // Everything kept, and every query counts as costly: the sample papers are small.
    keeper_ = std::make_unique<SearchService>(*indexes_, DefaultKnowledge(), SearchKeeping{64 << 20, 1 << 20, 1});
  }
  // Moves the keeper's handle (this thread's) to the newest revision.
  void SeeNewRevision() {
    auto local = indexes_->Local();
    ASSERT_TRUE(local.ok());
    ASSERT_TRUE((*local)->Refresh(/*force=*/true));
  }

  TempDir tmp_;
  std::string db_;
  std::unique_ptr<IndexSet> indexes_;
  std::unique_ptr<SearchService> keeper_;
};

TEST_P(SearchKeepingTest, KeptHitsShowWhatTheDatabaseHolds) {
  IndexSet fresh_indexes({db_}, 0);
  SearchService fresh(fresh_indexes, DefaultKnowledge(), SearchKeeping{0, 0});
  SearchService& kept = *keeper_;
  const char* queries[] = {"council", "planning", "\"social care\"", "school OR schools", "budget NOT housing",
                           "children", "committee:\"children and young people scrutiny committee\"", "foster*", "minutes"};
  struct Ask {
    uint32_t offset;
    bool by_paper;
    size_t facet_limit;
    std::vector<std::string> types;  // a filter
  };
  const Ask asks[] = {{0, false, 30, {}}, {5, false, 30, {}}, {0, true, 30, {}}, {0, false, 2, {}},
                      {0, false, 30, {"minutes"}}};
  size_t shown = 0, searches = 0;
  uint64_t first_round_found = 0;  // counts found kept in the first round (offsets share them)
  for (int round = 0; round < 2; ++round) {  // the second round from what the first kept
    if (round == 1) first_round_found = kept.facet_cache_stats().hits;
    for (const char* q : queries) {
      for (const Ask& ask : asks) {
        SearchRequest r;
        r.q = q;
        r.offset = ask.offset;
        r.group_by_paper = ask.by_paper;
        r.facet_limit = ask.facet_limit;
        r.filters.types = ask.types;
        const auto want = fresh.Search(r);
        const auto got = kept.Search(r);
        ASSERT_TRUE(want.ok() && got.ok()) << q;
        EXPECT_EQ(Shown(*got), Shown(*want)) << q << " from " << ask.offset << (ask.by_paper ? " by paper" : "")
                                             << ", " << ask.facet_limit << " values, round " << round;
        EXPECT_GT(want->total, 0u) << q;
        shown += want->hits.size();
        ++searches;
      }
    }
  }
  ASSERT_GT(shown, 100u);
  EXPECT_GE(kept.hit_cache_stats().hits, shown / 2);  // the whole second round
  EXPECT_EQ(kept.facet_cache_stats().hits - first_round_found, searches / 2);
  EXPECT_EQ(fresh.hit_cache_stats().entries + fresh.facet_cache_stats().entries, 0u);
}

TEST_P(SearchKeepingTest, AnItemChangedByANewRevisionShowsChanged) {
  SearchService& search = *keeper_;
  SearchRequest r;
  r.q = "council";
  const auto before = search.Search(r);
  ASSERT_TRUE(before.ok() && !before->hits.empty());
  ASSERT_TRUE(search.Search(r).ok());  // now from what was kept
  const Hit top = before->hits.front();

  // The top hit's stored title and text rewritten in place, its terms left
  // as they are (it still matches and ranks the same).
  const std::string item_term = std::string(schema::kPrefixItemId) + top.item_id;
  for (const std::string& shard : schema::ShardPaths(db_)) {
    Xapian::WritableDatabase writer(shard, Xapian::DB_OPEN);
    const auto p = writer.postlist_begin(item_term);
    if (p == writer.postlist_end(item_term)) continue;
    Xapian::Document doc = writer.get_document(*p);
    const auto stored = schema::ReadStoredItem(doc);
    ASSERT_TRUE(stored.ok());
    nlohmann::json data = nlohmann::json::parse(stored->json);
    data[std::string(schema::kDataTitle)] = "Rewritten title";
    doc.add_value(schema::kSlotItem, schema::JoinStoredItem(data.dump(), "The council rewrote this item."));
    writer.replace_document(*p, doc);
    writer.commit();
  }
  SeeNewRevision();
  const auto after = search.Search(r);
  ASSERT_TRUE(after.ok());
  bool found = false;
  for (const Hit& h : after->hits) {
    if (h.item_id != top.item_id) continue;
    found = true;
    EXPECT_EQ(h.title, "Rewritten title");
    EXPECT_NE(h.snippet.find("rewrote"), std::string::npos) << h.snippet;
  }
  EXPECT_TRUE(found);
}

TEST_P(SearchKeepingTest, AnItemAddedByANewRevisionIsCounted) {
  SearchService& search = *keeper_;
  SearchRequest r;
  r.q = "council";
  const auto before = search.Search(r);
  ASSERT_TRUE(before.ok() && before->total > 0);
  ASSERT_TRUE(search.Search(r).ok());  // its counts now kept
  ASSERT_EQ(search.facet_cache_stats().hits, 1u);
  const auto undated = [](const SearchResult& result) {
    for (const FacetValue& v : result.facets.at("year"))
      if (v.value == "undated") return v.count;
    return uint64_t{0};
  };
  {
    // An item with no date and the query's terms, in the first shard.
    Xapian::WritableDatabase writer(schema::ShardPaths(db_).front(), Xapian::DB_OPEN);
    Xapian::Document doc;
    doc.add_term("council");
    writer.add_document(doc);
    writer.commit();
  }
  SeeNewRevision();
  const auto after = search.Search(r);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->total, before->total + 1);
  EXPECT_EQ(undated(*after), undated(*before) + 1);
}

// An item larger than a 512th of the budget is read again, not kept: a few
// would fill it, and large blocks kept between requests fragment the heap.
TEST_P(SearchKeepingTest, LongItemsAreReadAgainNotKept) {
  SearchService roomy(*indexes_, DefaultKnowledge(), SearchKeeping{64 << 20, 0});
  SearchService tight(*indexes_, DefaultKnowledge(), SearchKeeping{1 << 20, 0});  // items of 2 KB at most
  std::set<std::string> shown;
  for (const char* q : {"council", "children", "budget", "minutes", "education"}) {
    SearchRequest r;
    r.q = q;
    r.limit = 20;
    const auto a = roomy.Search(r);
    const auto b = tight.Search(r);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(Shown(*a), Shown(*b)) << q;
    for (const Hit& h : a->hits) shown.insert(h.item_id);
  }
  EXPECT_EQ(roomy.hit_cache_stats().entries, shown.size());
  EXPECT_LT(tight.hit_cache_stats().entries, shown.size());
  EXPECT_LE(tight.hit_cache_stats().bytes, size_t{1} << 20);
}

// searchd's threads share what is kept: four threads searching at once,
// with budgets small enough that they put each other's entries out, see what
// one thread reading everything afresh sees.
TEST_P(SearchKeepingTest, ThreadsShareWhatIsKept) {
  const char* queries[] = {"council", "children", "budget", "minutes", "education", "\"social care\"", "foster*"};
  std::map<std::string, std::vector<std::string>> want;
  {
    IndexSet fresh_indexes({db_}, 0);
    SearchService fresh(fresh_indexes, DefaultKnowledge(), SearchKeeping{0, 0});
    for (const char* q : queries) {
      SearchRequest r;
      r.q = q;
      const auto result = fresh.Search(r);
      ASSERT_TRUE(result.ok());
      want[q] = Shown(*result);
    }
  }
  IndexSet shared_indexes({db_}, 1 << 20);
  SearchService shared(shared_indexes, DefaultKnowledge(), SearchKeeping{4 << 20, 16 << 10, 1});
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 60; ++i) {
        const char* q = queries[static_cast<size_t>(t + i) % std::size(queries)];
        SearchRequest r;
        r.q = q;
        const auto got = shared.Search(r);
        if (!got.ok() || Shown(*got) != want[q]) ++wrong;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(wrong, 0);
  EXPECT_GT(shared.hit_cache_stats().hits, 0u);
  EXPECT_GT(shared.facet_cache_stats().hits, 0u);
  EXPECT_LE(shared.facet_cache_stats().bytes, size_t{16} << 10);
  EXPECT_GT(shared.facet_cache_stats().kept, shared.facet_cache_stats().entries);  // some were put out
}

INSTANTIATE_TEST_SUITE_P(OneDatabaseAndShards, SearchKeepingTest, ::testing::Values(1, 2));

}  // namespace
}  // namespace councilsearch
