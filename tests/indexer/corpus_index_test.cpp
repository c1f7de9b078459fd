// The real corpora in ../shared/corpus index without a single failure, and a
// run killed with SIGKILL leaves a database that opens and resumes.
#include <gtest/gtest.h>
#include <signal.h>
#include <xapian.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "indexer/cli.h"
#include "indexer/paper_record.h"
#include "indexer/schema.h"
#include "indexer/stats.h"
#include "tests/indexer/stats_of.h"
#include "tests/test_support.h"

namespace councilsearch {
namespace {

namespace fs = std::filesystem;
using testing::RunIndexer;
using testing::SharedCorpusDir;
using testing::TempDir;

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

using testing::StatsOf;

TEST(CorpusIndex, LimerickMarkdownWithoutFailures) {
  TempDir tmp;
  const std::string db = (tmp / "limerick.db").string();
  const auto r = RunIndexer({"index", (SharedCorpusDir() / "limerick").string(), "--db", db});
  EXPECT_EQ(r.exit_code, kExitOk) << r.out << r.err;
  EXPECT_TRUE(Contains(r.out, "2095 added, 0 updated, 0 unchanged, 0 removed, 0 failed")) << r.out;
  const nlohmann::json stats = StatsOf(db);
  EXPECT_EQ(stats["papers"], 2095);
  EXPECT_EQ(stats["first_date"].get<std::string>().substr(0, 4), "2014");
  EXPECT_EQ(stats["last_date"].get<std::string>().substr(0, 4), "2025");
}

TEST(CorpusIndex, KentPdfsEveryItemKnowsItsPage) {
  TempDir tmp;
  const std::string db = (tmp / "kent.db").string();
  const auto r = RunIndexer({"index", (SharedCorpusDir() / "kent").string(), "--db", db});
  EXPECT_EQ(r.exit_code, kExitOk) << r.out << r.err;
  EXPECT_TRUE(Contains(r.out, "52 added, 0 updated, 0 unchanged, 0 removed, 0 failed")) << r.out;
  Xapian::Database database(db);
  EXPECT_GT(database.get_doccount(), 52u);  // minutes and agendas are split into items
  int later_pages = 0;
  for (auto p = database.postlist_begin(""); p != database.postlist_end(""); ++p) {
    const auto data = nlohmann::json::parse(schema::ReadStoredItem(database.get_document(*p), false)->json);
    ASSERT_TRUE(data.contains("page")) << data["item"];
    EXPECT_GE(data["page"].get<int>(), 1);
    if (data["page"].get<int>() > 1) ++later_pages;
  }
  EXPECT_GT(later_pages, 10);  // items that start on later pages know it
  const std::string pdf_term = std::string(schema::kPrefixFormat) + "pdf";
  EXPECT_EQ(database.get_termfreq(pdf_term), database.get_doccount());
}

TEST(CorpusIndex, NycLegislationJsonLinesImport) {
  TempDir tmp;
  const std::string jsonl = (tmp / "nyc-legislation.jsonl").string();
  ASSERT_EQ(testing::RunCommand({"/usr/bin/zstd", "-q", "-d", "-o", jsonl,
                                 (SharedCorpusDir() / "bench/nyc-legislation.jsonl.zst").string()})
                .exit_code,
            0);
  const std::string db = (tmp / "nyc.db").string();
  const auto r = RunIndexer({"import", jsonl, "--db", db});
  EXPECT_EQ(r.exit_code, kExitOk) << r.out << r.err;
  EXPECT_TRUE(Contains(r.out, ", 0 failed")) << r.out;
  // 21,532 records; one id occurs twice, and the second replaces the first.
  EXPECT_TRUE(Contains(r.out, "21531 added, 1 updated")) << r.out;
  EXPECT_EQ(StatsOf(db)["papers"], 21531);
}

TEST(CrashSafety, KillNineMidRunThenResume) {
  TempDir tmp;
  const std::string db = (tmp / "crash.db").string();
  const std::string corpus = (SharedCorpusDir() / "limerick").string();
  const pid_t pid = testing::StartCommand(
      {testing::IndexBinary().string(), "index", corpus, "--db", db, "--jobs", "1", "--shards", "3", "--batch-papers", "25"});
  // Wait for at least two committed batches in some shard (revision 1 is
  // the schema marker); the shards commit on their own.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(3);
  bool committed = false;
  while (!committed && std::chrono::steady_clock::now() < deadline) {
    for (const std::string& shard : schema::ShardPaths(db)) {
      try {
        committed = committed || Xapian::Database(shard).get_revision() >= 3;
      } catch (const Xapian::Error&) {
        // not created yet
      }
    }
    if (!committed) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_TRUE(committed);
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  ASSERT_EQ(testing::WaitCommand(pid), -SIGKILL) << "the indexer finished before it could be killed";

  // The database opens, and every committed paper has exactly its items.
  size_t committed_papers = 0;
  {
    Xapian::Database database(db);
    Xapian::doccount items = 0;
    auto records = ReadPaperRecords(db);
    ASSERT_TRUE(records.ok()) << records.status().ToString();
    for (const auto& [id, record] : *records) {
      EXPECT_EQ(database.get_termfreq(std::string(schema::kPrefixPaperId) + id), record.items);
      items += record.items;
      ++committed_papers;
    }
    EXPECT_EQ(database.get_doccount(), items);
    EXPECT_GE(committed_papers, 25u);
    EXPECT_LT(committed_papers, 2095u);
  }

  // The next run picks up where the killed one stopped...
  const auto resumed = RunIndexer({"index", corpus, "--db", db});
  EXPECT_EQ(resumed.exit_code, kExitOk) << resumed.err;
  EXPECT_TRUE(Contains(resumed.out, std::to_string(2095 - committed_papers) + " added, 0 updated, " +
                                        std::to_string(committed_papers) + " unchanged"))
      << resumed.out;
  // ...and ends where an uninterrupted run ends.
  const std::string clean = (tmp / "clean.db").string();
  ASSERT_EQ(RunIndexer({"index", corpus, "--db", clean}).exit_code, kExitOk);
  EXPECT_EQ(StatsOf(db), StatsOf(clean));
}

}  // namespace
}  // namespace councilsearch
