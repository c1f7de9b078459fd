// A database as a folder of shards (schema.h, "Layout"): how it is created,
// where papers go, and that Xapian's own tools read it as one database.
#include <gtest/gtest.h>
#include <xapian.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "indexer/index_writer.h"
#include "indexer/pipeline.h"
#include "analyzers/text_profile.h"
#include "indexer/schema.h"
#include "indexer/stats.h"
#include "tests/indexer/stats_of.h"
#include "tests/test_support.h"

namespace councilsearch {
namespace {

namespace fs = std::filesystem;
using testing::SourceDir;
using testing::TempDir;
using testing::WriteFile;

RunSummary IndexExamples(const std::string& db, unsigned shards) {
  IndexOptions options;
  options.db_path = db;
  options.writer.new_shards = shards;
  SilentProgress progress;
  auto r = IndexDirectory(SourceDir() / "examples/corpus", options, progress);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : RunSummary{};
}

using testing::StatsOf;

TEST(Layout, ANewDatabaseIsAFolderOfShardsXapianOpensAsOne) {
  TempDir tmp;
  const std::string db = (tmp / "db").string();
  IndexExamples(db, 3);
  EXPECT_EQ(testing::ReadFile(tmp / "db" / "XAPIANDB"), "auto shard-0\nauto shard-1\nauto shard-2\n");
  const std::vector<std::string> shards = schema::ShardPaths(db);
  ASSERT_EQ(shards.size(), 3u);
  EXPECT_EQ(shards[2], (tmp / "db" / "shard-2").string());

  // Each paper, items and record, is in exactly one shard, and the papers
  // are spread over the shards.
  auto records = ReadPaperRecords(db);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 5u);
  std::set<size_t> used;
  Xapian::doccount items = 0;
  for (const auto& [id, record] : *records) {
    int holders = 0;
    for (size_t i = 0; i < shards.size(); ++i) {
      Xapian::Database shard(shards[i]);
      const Xapian::doccount here = shard.get_termfreq(std::string(schema::kPrefixPaperId) + id);
      const bool has_record = !shard.get_metadata(std::string(schema::kMetaPaperPrefix) + id).empty();
      EXPECT_EQ(has_record, here > 0) << id << " in shard " << i;
      if (here == 0) continue;
      ++holders;
      used.insert(i);
      EXPECT_EQ(here, record.items) << id;
    }
    EXPECT_EQ(holders, 1) << id;
    items += record.items;
  }
  EXPECT_GE(used.size(), 2u);
  // Xapian opens the folder as one database (the stub lists the shards).
  EXPECT_EQ(Xapian::Database(db).get_doccount(), items);
}

TEST(Layout, OneShardIsAPlainXapianDatabase) {
  TempDir tmp;
  const std::string db = (tmp / "db").string();
  IndexExamples(db, 1);
  EXPECT_TRUE(fs::exists(tmp / "db" / "iamglass"));
  EXPECT_EQ(schema::ShardPaths(db), std::vector<std::string>{db});
}

// A sharded database indexed again (with another --shards) keeps its shards,
// and a changed paper is rewritten in the shard that holds it.
TEST(Layout, ShardsAreFixedAndPapersStayInTheirShard) {
  TempDir tmp;
  const fs::path corpus = tmp / "corpus";
  fs::copy(SourceDir() / "examples/corpus", corpus, fs::copy_options::recursive);
  const std::string db = (tmp / "db").string();
  IndexOptions options;
  options.db_path = db;
  options.writer.new_shards = 2;
  SilentProgress progress;
  ASSERT_TRUE(IndexDirectory(corpus, options, progress).ok());
  const nlohmann::json before = StatsOf(db);

  testing::WriteFile(corpus / "000_16f142116b761205.txt",
                     testing::ReadFile(corpus / "000_16f142116b761205.txt") + "\nAddendum: the zebracrossing review.\n");
  options.writer.new_shards = 5;
  auto again = IndexDirectory(corpus, options, progress);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->updated, 1u);
  EXPECT_EQ(schema::ShardPaths(db).size(), 2u);
  EXPECT_EQ(StatsOf(db)["papers"], before["papers"]);
  const std::string id = PaperIdForKey("corpus/000_16f142116b761205.txt");
  int holders = 0;
  for (const std::string& shard : schema::ShardPaths(db))
    holders += Xapian::Database(shard).get_termfreq(std::string(schema::kPrefixPaperId) + id) > 0 ? 1 : 0;
  EXPECT_EQ(holders, 1);
  EXPECT_EQ(Xapian::Database(db).get_termfreq(MakeStemmer()("zebracrossing")), 1u);  // "zebracross"
}

// The shards' queues share one bound (papers and text bytes): more papers than
// it holds, and papers larger than all of it, are each written once, whatever
// shard they fall to.
TEST(Layout, EveryPaperIsWrittenWhateverItsSize) {
  TempDir tmp;
  const std::string db = (tmp / "db").string();
  WriterOptions options;
  options.new_shards = 2;
  options.batch_bytes = UINT64_MAX;  // the claimed sizes below are not to commit batches
  auto w = IndexWriter::Open(db, options);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  constexpr int kPapers = 700;
  for (int i = 0; i < kPapers; ++i) {
    PaperRecord record;
    record.key = "load/" + std::to_string(i);
    record.id = PaperIdForKey(record.key);
    record.hash = std::to_string(i);
    Xapian::Document item;
    item.add_boolean_term(std::string(schema::kPrefixPaperId) + record.id);
    item.add_term("paper" + std::to_string(i));
    // Every 50th claims more text than the whole bound.
    const uint64_t text_bytes = i % 50 == 0 ? (48ull << 20) : 4096;
    ASSERT_TRUE((*w)->WritePaper(std::move(record), {item}, {}, text_bytes).ok()) << i;
  }
  ASSERT_TRUE((*w)->Commit().ok());
  w->reset();
  auto records = ReadPaperRecords(db);
  ASSERT_TRUE(records.ok());
  EXPECT_EQ(records->size(), static_cast<size_t>(kPapers));
  Xapian::Database all(db);
  EXPECT_EQ(all.get_doccount(), static_cast<Xapian::doccount>(kPapers));
  for (int i : {0, 1, 255, 256, 650, kPapers - 1}) EXPECT_EQ(all.get_termfreq("paper" + std::to_string(i)), 1u) << i;
}

TEST(Layout, WhatIsNotADatabaseIsRefused) {
  TempDir tmp;
  // A folder with other things in it.
  WriteFile(tmp / "notes" / "readme.txt", "not a database");
  auto w = IndexWriter::Open((tmp / "notes").string());
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), Status::Code::kCorrupt);
  EXPECT_NE(w.status().message().find("not a database"), std::string::npos) << w.status().message();
  // A stub listing a remote shard: searchd may read it, the indexer cannot write it.
  WriteFile(tmp / "remote" / "XAPIANDB", "remote example.org:33333\n");
  w = IndexWriter::Open((tmp / "remote").string());
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), Status::Code::kCorrupt);
  EXPECT_NE(w.status().message().find("remote shard (tcp:example.org:33333)"), std::string::npos)
      << w.status().message();
  // An empty folder becomes a database.
  fs::create_directories(tmp / "empty");
  WriterOptions options;
  options.new_shards = 2;
  EXPECT_TRUE(IndexWriter::Open((tmp / "empty").string(), options).ok());
  EXPECT_EQ(schema::ShardPaths((tmp / "empty").string()).size(), 2u);
}

TEST(Layout, ShardPathsReadsXapianStubFiles) {
  TempDir tmp;
  WriteFile(tmp / "all.stub",
            "# the region's councils\n"
            "auto a.db\n"
            "glass /srv/b.db\n"
            "remote index.example.org:33333\n"
            "\n"
            "auto sharded\n");
  WriteFile(tmp / "sharded" / "XAPIANDB", "auto shard-0\nauto shard-1\n");
  EXPECT_EQ(schema::ShardPaths((tmp / "all.stub").string()),
            (std::vector<std::string>{(tmp / "a.db").string(), "/srv/b.db", "tcp:index.example.org:33333",
                                      (tmp / "sharded" / "shard-0").string(),
                                      (tmp / "sharded" / "shard-1").string()}));
  // What it cannot express is left to Xapian, whole.
  WriteFile(tmp / "prog.stub", "auto a.db\nremote :xapian-progsrv /srv/c.db\n");
  EXPECT_EQ(schema::ShardPaths((tmp / "prog.stub").string()), std::vector<std::string>{(tmp / "prog.stub").string()});
  EXPECT_EQ(schema::ShardPaths((tmp / "missing").string()), std::vector<std::string>{(tmp / "missing").string()});
}

// xapian-compact merges the shards into one database with every paper
// record: what the benchmarks serve, and what a user may publish.
TEST(Layout, XapianCompactMergesTheShards) {
  TempDir tmp;
  const std::string db = (tmp / "db").string(), merged = (tmp / "merged").string();
  IndexExamples(db, 3);
  const auto r = testing::RunCommand({"/usr/bin/xapian-compact", db, merged});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(schema::ShardPaths(merged), std::vector<std::string>{merged});
  EXPECT_EQ(StatsOf(merged), StatsOf(db));
  EXPECT_EQ(Xapian::Database(merged).get_metadata(std::string(schema::kMetaSchemaVersion)), schema::kSchemaVersion);
}

}  // namespace
}  // namespace councilsearch
