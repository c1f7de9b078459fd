// councilsearch-index as users run it: the real binary in a child process.
#include <gtest/gtest.h>
#include <xapian.h>

#include <set>
#include <sstream>

#include "indexer/cli.h"
#include "indexer/schema.h"
#include "tests/test_support.h"

namespace councilsearch {
namespace {

using testing::RunIndexer;
using testing::SourceDir;
using testing::TempDir;

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(IndexCli, HelpForEveryCommand) {
  for (const char* command : {"index", "import", "remove", "stats", "export-trends"}) {
    const auto r = RunIndexer({command, "--help"});
    EXPECT_EQ(r.exit_code, kExitOk) << command;
    EXPECT_TRUE(Contains(r.out, std::string("usage: councilsearch-index ") + command)) << r.out;
  }
  const auto top = RunIndexer({"--help"});
  EXPECT_EQ(top.exit_code, kExitOk);
  EXPECT_TRUE(Contains(top.out, "exit codes:"));
}

TEST(IndexCli, UsageErrorsExitTwoWithAReason) {
  struct Case {
    std::vector<std::string> args;
    const char* message;
  };
  const Case cases[] = {
      {{}, "usage: councilsearch-index COMMAND"},
      {{"frobnicate"}, "unknown command 'frobnicate'"},
      {{"index", "examples/corpus"}, "--db PATH is required"},
      {{"index", "--db", "x.db"}, "give exactly one folder to index"},
      {{"index", "a", "--db", "x", "--jobs", "zero"}, "--jobs wants a whole number, not 'zero'"},
      {{"index", "a", "--db", "x", "--colour"}, "unknown option --colour"},
      {{"stats"}, "--db PATH is required"},
      {{"remove", "--db", "x"}, "give at least one paper id or key"},
      {{"export-trends", "--db", "x"}, "--out DIR is required"},
      {{"export-trends", "--db", "x", "--out", "y", "--themes", "unicorns"}, "unknown theme 'unicorns'"},
      {{"export-trends", "--db", "x", "--out", "y", "--themes", "none"}, "nothing to export"},
      {{"export-trends", "--db", "x", "--out", "y", "--from", "2023-13"}, "--from: '2023-13' is not a date"},
  };
  for (const Case& c : cases) {
    const auto r = RunIndexer(c.args);
    EXPECT_EQ(r.exit_code, kExitUsage) << c.message;
    EXPECT_TRUE(Contains(r.err + r.out, c.message)) << r.err << r.out;
  }
}

TEST(IndexCli, IndexesTheSampleCorpusAndReportsStats) {
  TempDir tmp;
  const std::string db = (tmp / "demo.db").string();
  const auto run = RunIndexer({"index", (SourceDir() / "examples/corpus").string(), "--db", db});
  ASSERT_EQ(run.exit_code, kExitOk) << run.err;
  EXPECT_TRUE(Contains(run.out, "5 added, 0 updated, 0 unchanged, 0 removed, 0 failed")) << run.out;
  // Not a terminal: plain log lines, no bar.
  EXPECT_FALSE(Contains(run.err, "\r"));

  const auto stats = RunIndexer({"stats", "--db", db});
  ASSERT_EQ(stats.exit_code, kExitOk) << stats.err;
  EXPECT_TRUE(Contains(stats.out, "councils (3):")) << stats.out;
  for (const char* expected :
       {"Nottingham City Council", "North East Lincolnshire Council", "Nottinghamshire County Council",
        "Children and Young People Scrutiny Committee", "Children and Lifelong Learning Scrutiny Panel",
        "Children and Young People's Committee", "2019-12-16", "2023-01-26", "2023-09-21",
        "3 dated papers, 2 undated"}) {
    EXPECT_TRUE(Contains(stats.out, expected)) << expected << " in\n" << stats.out;
  }
  const auto again = RunIndexer({"index", (SourceDir() / "examples/corpus").string(), "--db", db});
  EXPECT_TRUE(Contains(again.out, "0 added, 0 updated, 5 unchanged")) << again.out;
}

TEST(IndexCli, FailedPapersGiveExitOneAndReasons) {
  TempDir tmp;
  testing::WriteFile(tmp / "papers/good.txt", "Cabinet minutes.");
  testing::WriteFile(tmp / "papers/empty.txt", "");
  const auto r = RunIndexer({"index", (tmp / "papers").string(), "--db", (tmp / "db").string()});
  EXPECT_EQ(r.exit_code, kExitSomeFailed);
  EXPECT_TRUE(Contains(r.out, "1 added")) << r.out;
  EXPECT_TRUE(Contains(r.out, "empty.txt: empty file")) << r.out;
  EXPECT_TRUE(Contains(r.err, "FAILED")) << r.err;
}

TEST(IndexCli, SecondWriterExitsWithAClearMessage) {
  TempDir tmp;
  const std::string db = (tmp / "db").string();
  ASSERT_EQ(RunIndexer({"index", (SourceDir() / "examples/corpus").string(), "--db", db}).exit_code, kExitOk);
  Xapian::WritableDatabase holder(db, Xapian::DB_OPEN);  // another writer holds the lock
  const auto r = RunIndexer({"index", (SourceDir() / "examples/corpus").string(), "--db", db});
  EXPECT_EQ(r.exit_code, kExitBusy);
  EXPECT_TRUE(Contains(r.err, "another indexer is writing to this database")) << r.err;
  const auto removal = RunIndexer({"remove", "corpus/000_16f142116b761205.txt", "--db", db});
  EXPECT_EQ(removal.exit_code, kExitBusy);
}

TEST(IndexCli, UnreadableInputExitsFour) {
  TempDir tmp;
  const auto r = RunIndexer({"index", (tmp / "nope").string(), "--db", (tmp / "db").string()});
  EXPECT_EQ(r.exit_code, kExitIoError);
  EXPECT_TRUE(Contains(r.err, "no such folder")) << r.err;
  const auto s = RunIndexer({"stats", "--db", (tmp / "missing.db").string()});
  EXPECT_EQ(s.exit_code, kExitIoError);
  const auto removal = RunIndexer({"remove", "corpus/a.txt", "--db", (tmp / "missing.db").string()});
  EXPECT_EQ(removal.exit_code, kExitIoError);
  EXPECT_TRUE(Contains(removal.err, "no database at")) << removal.err;
  EXPECT_FALSE(std::filesystem::exists(tmp / "missing.db"));  // not created by a removal
}

TEST(IndexCli, QuestFindsThePhraseInThreePapers) {
  // The acceptance check with Xapian's own tool: free text is unprefixed.
  TempDir tmp;
  const std::string db = (tmp / "demo.db").string();
  ASSERT_EQ(RunIndexer({"index", (SourceDir() / "examples/corpus").string(), "--db", db}).exit_code, kExitOk);
  const auto q = testing::RunCommand({"/usr/bin/quest", "-d", db, "-m", "100", "\"children in care\""});
  ASSERT_EQ(q.exit_code, 0) << q.err;
  // quest prints "docid: [weight]" a match; each item's paper is its XPAPER term.
  const Xapian::Database database(db);
  std::set<std::string> papers;
  std::istringstream lines(q.out);
  for (std::string line; std::getline(lines, line);) {
    const size_t colon = line.find(": [");
    if (colon == std::string::npos || line.find_first_not_of("0123456789") != colon) continue;
    const Xapian::docid id = static_cast<Xapian::docid>(std::stoul(line.substr(0, colon)));
    const std::string prefix(schema::kPrefixPaperId);
    auto term = database.termlist_begin(id);
    term.skip_to(prefix);
    if (term != database.termlist_end(id) && (*term).rfind(prefix, 0) == 0) papers.insert(*term);
  }
  EXPECT_GE(papers.size(), 3u) << q.out.substr(0, 400);
}

}  // namespace
}  // namespace councilsearch
