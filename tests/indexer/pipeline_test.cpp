// The indexer end to end, as a library: real files in a temporary folder,
// a real Xapian database, queried back with Xapian.
#include "indexer/pipeline.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <nlohmann/json.hpp>
#include <fstream>
#include <map>
#include <set>

#include "analyzers/analyzer.h"
#include "analyzers/text_codec.h"
#include "analyzers/text_profile.h"
#include "indexer/document_builder.h"
#include "indexer/paper_record.h"
#include "indexer/schema.h"
#include "indexer/stats.h"
#include "tests/test_support.h"

namespace councilsearch {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::SourceDir;
using testing::TempDir;
using testing::TestDataDir;
using testing::WriteFile;

// Every test runs on a plain database (one shard) and on a folder of three
// shards, each with its own writer thread.
class PipelineTest : public ::testing::TestWithParam<unsigned> {
 protected:
  IndexOptions Options() const {
    IndexOptions o;
    o.db_path = db();
    o.jobs = 2;
    o.writer.new_shards = GetParam();
    return o;
  }
  std::string db() const { return (tmp_ / "db").string(); }

  // A copy of the five sample papers and their manifest, safe to modify.
  fs::path CopyExamples() const {
    const fs::path dir = tmp_ / "corpus";
    fs::copy(SourceDir() / "examples/corpus", dir, fs::copy_options::recursive);
    return dir;
  }

  RunSummary Index(const fs::path& dir, IndexOptions options) const {
    SilentProgress progress;
    auto r = IndexDirectory(dir, options, progress);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : RunSummary{};
  }
  RunSummary Index(const fs::path& dir) const { return Index(dir, Options()); }

  nlohmann::json Stats() const {
    auto s = ComputeStats({db()});
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    nlohmann::json j = StatsToJson(*s);
    j.erase("revisions");
    return j;
  }

  // Paper ids of the items matching a query, parsed as searchd will.
  std::set<std::string> Papers(const std::string& query) const {
    Xapian::Database database(db());
    Xapian::QueryParser qp;
    qp.set_database(database);
    qp.set_stemmer(MakeStemmer());
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
    qp.set_stopper(&EnglishStopper());
    Xapian::Enquire enquire(database);
    enquire.set_query(qp.parse_query(query, Xapian::QueryParser::FLAG_DEFAULT));
    std::set<std::string> papers;
    const Xapian::MSet mset = enquire.get_mset(0, database.get_doccount());
    for (auto m = mset.begin(); m != mset.end(); ++m) papers.insert(m.get_document().get_value(schema::kSlotPaperId));
    return papers;
  }

  // The number of items of the papers that satisfy `pred`.
  template <typename F>
  int ItemsOfPapers(F pred) const {
    int items = 0;
    for (const auto& [key, r] : Records())
      if (pred(r)) items += static_cast<int>(r.items);
    return items;
  }

  // The paper records by key.
  std::map<std::string, PaperRecord> Records() const {
    std::map<std::string, PaperRecord> out;
    auto records = ReadPaperRecords(db());
    EXPECT_TRUE(records.ok()) << records.status().ToString();
    if (records.ok())
      for (auto& [id, r] : *records) out.emplace(r.key, r);
    return out;
  }

  TempDir tmp_;
};

TEST_P(PipelineTest, IndexesTheSampleCorpusWithManifestMetadata) {
  const RunSummary s = Index(SourceDir() / "examples/corpus");
  EXPECT_EQ(s.added, 5u);
  EXPECT_TRUE(s.failures.empty());
  const nlohmann::json stats = Stats();
  EXPECT_EQ(stats["papers"], 5);
  EXPECT_GT(stats["items"].get<int>(), 30);  // minutes and the document pack are split into items
  EXPECT_EQ(stats["items"], ItemsOfPapers([](const PaperRecord&) { return true; }));
  EXPECT_EQ(stats["councils"].size(), 3u);
  EXPECT_EQ(stats["dated_papers"], 3);
  EXPECT_EQ(stats["undated_papers"], 2);
  std::vector<std::string> dates;
  for (const auto& d : stats["dates"]) dates.push_back(d["name"]);
  EXPECT_EQ(dates, (std::vector<std::string>{"2019-12-16", "2023-01-26", "2023-09-21"}));
  // Keys are "<folder name>/<relative path>"; ids are their hashes.
  const auto records = Records();
  ASSERT_EQ(records.count("corpus/004_045e50f823bbd080.txt"), 1u);
  const PaperRecord& r = records.at("corpus/004_045e50f823bbd080.txt");
  EXPECT_EQ(r.id, PaperIdForKey(r.key));
  EXPECT_EQ(r.fields.committee, "Children and Young People's Committee");
  EXPECT_EQ(r.fields.type, "report");
}

TEST_P(PipelineTest, FreeTextPhrasesStemsFieldsAndFilters) {
  Index(SourceDir() / "examples/corpus");
  EXPECT_GE(Papers("\"children in care\"").size(), 3u);
  EXPECT_EQ(Papers("\"Looked After Children\"").size(), 1u);
  EXPECT_FALSE(Papers("fostering").empty());
  // Stemming: "inspections" finds papers that say only "inspection".
  EXPECT_EQ(Papers("inspections"), Papers("inspection") );
  // Phrases match stems too: "cares" is "care".
  EXPECT_EQ(Papers("\"children in cares\""), Papers("\"children in care\""));

  Xapian::Database database(db());
  // Each word is indexed once, as its stem with its positions (STEM_ALL):
  // no unstemmed forms, no Z-prefixed copies.
  EXPECT_EQ(database.get_termfreq("inspections"), 0u);
  EXPECT_GT(database.get_termfreq("inspect"), 0u);
  EXPECT_EQ(database.allterms_begin("Z"), database.allterms_end("Z"));
  // Every item carries its paper's metadata as filter terms.
  auto items_where = [&](auto pred) { return static_cast<Xapian::doccount>(ItemsOfPapers(pred)); };
  const std::string council = std::string(schema::kPrefixCouncil) + "nottingham-city-council";
  EXPECT_EQ(database.get_termfreq(council),
            items_where([](const PaperRecord& r) { return r.fields.council == "Nottingham City Council"; }));
  EXPECT_EQ(database.get_termfreq(std::string(schema::kPrefixYear) + "2023"),
            items_where([](const PaperRecord& r) { return r.fields.date && r.fields.date->rfind("2023", 0) == 0; }));
  EXPECT_EQ(database.get_termfreq(std::string(schema::kTermUndated)),
            items_where([](const PaperRecord& r) { return !r.fields.date; }));
  EXPECT_EQ(database.get_termfreq(std::string(schema::kPrefixType) + "minutes"),
            items_where([](const PaperRecord& r) { return r.fields.type == "minutes"; }));
  // The title is its own field: S-prefixed terms.
  EXPECT_GT(database.get_termfreq(std::string(schema::kPrefixTitle) + "progress"), 0u);
  // Spelling data: a misspelling gets the corpus word.
  EXPECT_EQ(database.get_spelling_suggestion("fosterring"), "fostering");
}

TEST_P(PipelineTest, SecondRunChangesNothing) {
  const fs::path corpus = CopyExamples();
  Index(corpus);
  const nlohmann::json before = Stats();
  const RunSummary again = Index(corpus);
  EXPECT_EQ(again.unchanged, 5u);
  EXPECT_EQ(again.added + again.updated + again.removed, 0u);
  EXPECT_EQ(again.commits, 0u);
  EXPECT_EQ(Stats(), before);
}

TEST_P(PipelineTest, ChangedFileAndChangedManifestAreReindexed) {
  const fs::path corpus = CopyExamples();
  Index(corpus);
  WriteFile(corpus / "000_16f142116b761205.txt",
            ReadFile(corpus / "000_16f142116b761205.txt") + "\nAddendum: the zebracrossing review.\n");
  RunSummary s = Index(corpus);
  EXPECT_EQ(s.updated, 1u);
  EXPECT_EQ(s.unchanged, 4u);
  EXPECT_EQ(Papers("zebracrossing").size(), 1u);
  EXPECT_EQ(Stats()["items"], ItemsOfPapers([](const PaperRecord&) { return true; }));

  // A metadata change alone also re-indexes the paper.
  std::string manifest = ReadFile(corpus / "manifest.jsonl");
  manifest.replace(manifest.find("\"report\""), 8, "\"appendix\"");
  WriteFile(corpus / "manifest.jsonl", manifest);
  s = Index(corpus);
  EXPECT_EQ(s.updated, 1u);
  EXPECT_EQ(Records().at("corpus/004_045e50f823bbd080.txt").fields.type, "appendix");
}

TEST_P(PipelineTest, PruneRemovesOnlyWhenAsked) {
  const fs::path corpus = CopyExamples();
  Index(corpus);
  fs::remove(corpus / "001_a9d85391e816bbc1.txt");
  std::string manifest = ReadFile(corpus / "manifest.jsonl");
  manifest.erase(manifest.find("{\"path\":\"001"), manifest.find('\n', manifest.find("{\"path\":\"001")) -
                                                       manifest.find("{\"path\":\"001") + 1);
  WriteFile(corpus / "manifest.jsonl", manifest);

  RunSummary s = Index(corpus);
  EXPECT_EQ(s.removed, 0u);
  EXPECT_EQ(Stats()["papers"], 5);

  IndexOptions prune = Options();
  prune.prune = true;
  s = Index(corpus, prune);
  EXPECT_EQ(s.removed, 1u);
  EXPECT_EQ(s.unchanged, 4u);
  EXPECT_EQ(Stats()["papers"], 4);
  EXPECT_EQ(Stats()["items"], ItemsOfPapers([](const PaperRecord&) { return true; }));
  EXPECT_EQ(Xapian::Database(db()).get_doccount(), static_cast<Xapian::doccount>(Stats()["items"].get<int>()));
}

TEST_P(PipelineTest, PruneLeavesOtherCollectionsAlone) {
  Index(SourceDir() / "examples/corpus");
  const fs::path other = tmp_ / "other";
  WriteFile(other / "a.txt", "Cabinet minutes about family hubs.");
  IndexOptions prune = Options();
  prune.prune = true;
  const RunSummary s = Index(other, prune);
  EXPECT_EQ(s.added, 1u);
  EXPECT_EQ(s.removed, 0u);
  EXPECT_EQ(Stats()["papers"], 6);
}

// The spelling table is summed per batch and given to Xapian at commit; after
// additions, a rewritten paper and a prune, over several commits, each word's
// frequency must still be its occurrences summed over the text of the items
// in the database.
TEST_P(PipelineTest, SpellingFrequenciesFollowUpdatesAndPrunes) {
  const fs::path corpus = CopyExamples();
  IndexOptions options = Options();
  options.writer.batch_papers = 1;  // a commit per paper
  Index(corpus, options);
  WriteFile(corpus / "000_16f142116b761205.txt", "Minutes. The zebracrossing review and the zebracrossing budget.\n");
  fs::remove(corpus / "001_a9d85391e816bbc1.txt");
  options.prune = true;
  const RunSummary s = Index(corpus, options);
  ASSERT_EQ(s.updated, 1u);
  ASSERT_EQ(s.removed, 1u);
  ASSERT_GE(s.commits, 2u);

  Xapian::Database database(db());
  std::map<std::string, Xapian::termcount> expected;
  for (Xapian::docid id = 1; id <= database.get_lastdocid(); ++id) {
    try {
      const auto item = schema::ReadStoredItem(database.get_document(id));
      ASSERT_TRUE(item.ok()) << item.status().ToString();
      ForEachSpellingWord(item->text, [&](const std::string& word) { ++expected[word]; });
    } catch (const Xapian::DocNotFoundError&) {
    }
  }
  std::map<std::string, Xapian::termcount> stored;
  for (auto w = database.spellings_begin(); w != database.spellings_end(); ++w) stored[*w] = w.get_termfreq();
  ASSERT_GT(expected.count("zebracrossing"), 0u);
  EXPECT_EQ(stored.at("zebracrossing"), 2u);
  EXPECT_EQ(stored, expected);
}

TEST_P(PipelineTest, ManifestBeatsSidecarBeatsText) {
  const fs::path dir = tmp_ / "papers";
  // Only the text: the title comes from the first substantial line.
  WriteFile(dir / "a.txt", "Cabinet Report on Family Hubs\n\nThe report.\n");
  // Sidecar only.
  WriteFile(dir / "b.txt", "Some Heading\nText.\n");
  WriteFile(dir / "b.txt.meta.json", R"({"title":"Sidecar title","committee":"Sidecar committee","date":"2022-02-22"})");
  // Manifest and sidecar: the manifest wins field by field, the sidecar fills the gaps.
  WriteFile(dir / "c.txt", "Heading C\nText.\n");
  WriteFile(dir / "c.txt.meta.json", R"({"title":"Sidecar C","committee":"Sidecar committee","type":"report"})");
  WriteFile(dir / "manifest.jsonl", R"({"path":"c.txt","title":"Manifest C","council":"Manifest council"})" "\n");
  const RunSummary s = Index(dir);
  EXPECT_EQ(s.added, 3u);
  const auto records = Records();
  EXPECT_EQ(records.at("papers/a.txt").fields.title, "Cabinet Report on Family Hubs");
  EXPECT_FALSE(records.at("papers/a.txt").fields.date);
  EXPECT_EQ(records.at("papers/b.txt").fields.title, "Sidecar title");
  EXPECT_EQ(records.at("papers/b.txt").fields.date, "2022-02-22");
  const PaperFields& c = records.at("papers/c.txt").fields;
  EXPECT_EQ(c.title, "Manifest C");
  EXPECT_EQ(c.council, "Manifest council");
  EXPECT_EQ(c.committee, "Sidecar Committee");  // canonicalised
  EXPECT_EQ(c.type, "report");
}

TEST_P(PipelineTest, EveryFormatInOneFolder) {
  const fs::path dir = tmp_ / "formats";
  fs::create_directories(dir);
  fs::copy(TestDataDir() / "html/moderngov_minutes.html", dir / "minutes.html");
  fs::copy(TestDataDir() / "pdf/phrase_linebreak.pdf", dir / "report.pdf");
  fs::copy(TestDataDir() / "text/windows1252.txt", dir / "export.txt");
  WriteFile(dir / "agenda.md", "[Original file](https://x/a.pdf)\n\n---\n**AGENDA**\n\n**1. Minutes of the Planning SPC**\n");
  WriteFile(dir / "notes.docx", "not a paper we read");
  WriteFile(dir / ".hidden.txt", "never indexed");
  const RunSummary s = Index(dir);
  EXPECT_EQ(s.added, 4u);
  EXPECT_EQ(s.ignored, 1u);
  EXPECT_TRUE(s.failures.empty());
  const auto records = Records();
  EXPECT_EQ(records.at("formats/minutes.html").format, "html");
  EXPECT_EQ(records.at("formats/minutes.html").fields.title,
            "Minutes, Children and Lifelong Learning Scrutiny Panel, 21 September 2023");
  EXPECT_EQ(records.at("formats/report.pdf").page_count, 2u);
  EXPECT_EQ(records.at("formats/export.txt").encoding, "windows-1252");
  EXPECT_EQ(records.at("formats/agenda.md").format, "md");
  // The PDF phrase that spans a line break matches; the item knows its page.
  const auto pdf_papers = Papers("\"children in care has risen\"");
  ASSERT_EQ(pdf_papers.size(), 1u);
  EXPECT_EQ(*pdf_papers.begin(), records.at("formats/report.pdf").id);
  Xapian::Database database(db());
  const std::string item_term = std::string(schema::kPrefixItemId) + records.at("formats/report.pdf").id + "-1";
  const auto data = nlohmann::json::parse(
      schema::ReadStoredItem(database.get_document(*database.postlist_begin(item_term)), false)->json);
  EXPECT_EQ(data["page"], 1);
  ASSERT_EQ(data["pages"].size(), 1u);
  EXPECT_EQ(data["pages"][0][1], 2);
  // Converted Windows-1252 text is searchable, with its pound sign.
  EXPECT_EQ(Papers("\"team around the family\"").size(), 1u);
  EXPECT_EQ(Papers("hidden").size(), 0u);
}

TEST_P(PipelineTest, BadInputsAreReportedSkippedAndLoseNothing) {
  const fs::path corpus = CopyExamples();
  Index(corpus);
  const nlohmann::json before = Stats();
  // Now add every kind of bad input next to the good papers.
  WriteFile(corpus / "bad/empty.txt", "");
  fs::copy(TestDataDir() / "text/binary_named_txt.txt", corpus / "bad/binary.txt");
  fs::copy(TestDataDir() / "text/invalid_utf8.txt", corpus / "bad/invalid.txt");
  fs::copy(TestDataDir() / "pdf/truncated.pdf", corpus / "bad/truncated.pdf");
  fs::copy(TestDataDir() / "pdf/encrypted.pdf", corpus / "bad/encrypted.pdf");
  {
    std::ofstream big(corpus / "bad/huge.txt", std::ios::binary);
    const std::string line(1023, 'x');
    for (int i = 0; i < 200 * 1024; ++i) big << line << '\n';  // 200 MiB of text
  }
  WriteFile(corpus / "good.txt", "A new paper about family hubs.");
  WriteFile(corpus / "manifest.jsonl", ReadFile(corpus / "manifest.jsonl") + "this line is not json\n" +
                                           "{\"path\":\"missing.txt\",\"title\":\"Gone\"}\n");
  const RunSummary s = Index(corpus);
  EXPECT_EQ(s.added, 1u);
  EXPECT_EQ(s.unchanged, 5u);
  std::map<std::string, std::string> reasons;
  for (const Failure& f : s.failures) reasons[fs::path(f.source).filename().string()] = f.reason;
  EXPECT_EQ(reasons.size(), 8u);
  EXPECT_EQ(reasons["empty.txt"], "empty file");
  EXPECT_EQ(reasons["binary.txt"], "binary content, not text");
  EXPECT_NE(reasons["invalid.txt"].find("invalid UTF-8 at byte offset 90"), std::string::npos);
  EXPECT_NE(reasons["truncated.pdf"].find("PDF"), std::string::npos);
  EXPECT_EQ(reasons["encrypted.pdf"], "encrypted PDF (needs a password)");
  EXPECT_EQ(reasons["huge.txt"], "file is 200 MiB, over the 64 MiB limit (--max-file-mb)");
  const int manifest_lines = 5;
  EXPECT_EQ(reasons["manifest.jsonl:" + std::to_string(manifest_lines + 1)].rfind("not JSON", 0), 0u);
  EXPECT_EQ(reasons["manifest.jsonl:" + std::to_string(manifest_lines + 2)], "names a missing file: missing.txt");
  // Nothing indexed before was lost.
  EXPECT_EQ(Stats()["papers"], before["papers"].get<int>() + 1);
}

TEST_P(PipelineTest, APaperThatTurnsBadKeepsItsLastGoodVersion) {
  const fs::path corpus = CopyExamples();
  Index(corpus);
  fs::copy(TestDataDir() / "text/binary_named_txt.txt", corpus / "003_2dc9d3d77949ed79.txt",
           fs::copy_options::overwrite_existing);
  const RunSummary s = Index(corpus);
  ASSERT_EQ(s.failures.size(), 1u);
  EXPECT_EQ(s.failures[0].reason, "binary content, not text");
  EXPECT_EQ(Papers("\"team around the family\"").size(), 1u);  // still the old text
}

TEST_P(PipelineTest, JsonLinesImportReplacesByIdAndReportsBadLines) {
  const fs::path file = tmp_ / "records.jsonl";
  WriteFile(file,
            R"({"id":"Int 0804-1996","text":"A Local Law in relation to discriminatory pricing.\r\nReferred to committee.","council":"New York City Council","committee":"Committee on Consumer Affairs","date":"1996-06-12","type":"introduction","title":"Discriminatory Pricing"})" "\n"
            R"({"id":"Res 1","text":"Resolution calling for more family hubs.","date":"not a date"})" "\n"
            "{broken\n"
            R"({"text":"no id"})" "\n"
            R"({"id":"empty","text":"   "})" "\n");
  SilentProgress progress;
  IndexOptions options = Options();
  auto s = ImportJsonl(file, options, progress);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->added, 2u);
  ASSERT_EQ(s->failures.size(), 3u);
  EXPECT_EQ(s->failures[0].source, file.string() + ":3");
  EXPECT_EQ(s->failures[0].reason.rfind("not JSON", 0), 0u);
  EXPECT_EQ(s->failures[1].reason, "no \"id\" (string or integer)");
  EXPECT_EQ(s->failures[2].reason, "empty \"text\"");
  ASSERT_EQ(s->warnings.size(), 1u);
  EXPECT_EQ(s->warnings[0].source, file.string() + ":2");

  auto records = Records();
  EXPECT_EQ(records.at("Int 0804-1996").fields.type, "motion");
  EXPECT_EQ(records.at("Int 0804-1996").raw_type, "introduction");
  EXPECT_EQ(records.at("Int 0804-1996").collection, "records");
  EXPECT_FALSE(records.at("Res 1").fields.date);

  // Importing the same id again replaces the paper.
  WriteFile(file, R"({"id":"Res 1","text":"Resolution calling for youth services."})" "\n");
  s = ImportJsonl(file, options, progress);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->updated, 1u);
  EXPECT_EQ(Papers("hubs").size(), 0u);
  EXPECT_EQ(Papers("youth").size(), 1u);
  EXPECT_EQ(Stats()["items"], 2);
}

TEST_P(PipelineTest, RemoveByIdOrKey) {
  Index(SourceDir() / "examples/corpus");
  const std::string id = PaperIdForKey("corpus/000_16f142116b761205.txt");
  auto s = RemovePapers(db(), {id, "corpus/001_a9d85391e816bbc1.txt", "nonsense"});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->removed, 2u);
  ASSERT_EQ(s->failures.size(), 1u);
  EXPECT_EQ(s->failures[0].source, "nonsense");
  EXPECT_EQ(Stats()["papers"], 3);
  EXPECT_EQ(Xapian::Database(db()).get_doccount(),
            static_cast<Xapian::doccount>(ItemsOfPapers([](const PaperRecord&) { return true; })));
}

TEST_P(PipelineTest, ManifestCommitteesAreCanonicalAndKindsKept) {
  const fs::path dir = tmp_ / "lim";
  WriteFile(dir / "a.txt", "Minutes of the monthly meeting.");
  WriteFile(dir / "b.txt", "Minutes of the virtual meeting.");
  WriteFile(dir / "manifest.jsonl",
            R"({"path":"a.txt","council":"Limerick City & County Council","committee":"Monthly Meeting of the Municipal District of Newcastle West"})" "\n"
            R"({"path":"b.txt","council":"Limerick City and County Council","committee":"Virtual Monthly Meeting of Municipal District of Newcastle West"})" "\n");
  Index(dir);
  const auto records = Records();
  for (const char* key : {"lim/a.txt", "lim/b.txt"}) {
    EXPECT_EQ(records.at(key).fields.council, "Limerick City and County Council") << key;
    EXPECT_EQ(records.at(key).fields.committee, "Municipal District of Newcastle West") << key;
  }
  EXPECT_EQ(records.at("lim/b.txt").raw_committee, "Virtual Monthly Meeting of Municipal District of Newcastle West");
  const auto& kinds = records.at("lim/b.txt").meeting_kinds;
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "virtual"), kinds.end());
  Xapian::Database database(db());
  EXPECT_EQ(database.get_termfreq(std::string(schema::kPrefixCommittee) + "municipal-district-of-newcastle-west"), 2u);
  EXPECT_EQ(database.get_termfreq(std::string(schema::kPrefixKind) + "virtual"), 1u);
}

TEST_P(PipelineTest, ItemsCarryDecisionsThemesPeopleAndMoney) {
  Index(SourceDir() / "examples/corpus");
  Xapian::Database database(db());
  EXPECT_GT(database.get_termfreq(std::string(schema::kTermDecision)), 10u);
  EXPECT_GT(database.get_termfreq(std::string(schema::kPrefixTheme) + "family-hubs"), 0u);
  EXPECT_GT(database.get_termfreq(std::string(schema::kPrefixPerson) + "janice-spencer"), 0u);
  EXPECT_GT(database.get_termfreq(std::string(schema::kPrefixConcept) + "cic"), 0u);
  // "£7.1million overspend" in seed 003.
  EXPECT_EQ(database.get_termfreq(std::string(schema::kPrefixAmount) + "000000007100000"), 1u);
  // ...and its blocks of thousands to millions, for closed ranges.
  for (const char* block : {"XAMBLOCK03000000007100", "XAMBLOCK0400000000710", "XAMBLOCK050000000071",
                            "XAMBLOCK06000000007"}) {
    EXPECT_GE(database.get_termfreq(block), 1u) << block;
  }
  EXPECT_EQ(database.get_termfreq("XAMBLOCK070000000"), 0u);  // 7.1m has no block of ten million
  // The family hubs item of seed 003: its number, heading, theme and decision.
  const std::string id = PaperIdForKey("corpus/003_2dc9d3d77949ed79.txt");
  bool found = false;
  for (auto p = database.postlist_begin(std::string(schema::kPrefixPaperId) + id);
       p != database.postlist_end(std::string(schema::kPrefixPaperId) + id); ++p) {
    const Xapian::Document doc = database.get_document(*p);
    const schema::StoredItem item = *schema::ReadStoredItem(doc);
    const auto data = nlohmann::json::parse(item.json);
    const std::string& text = item.text;
    if (data.value("number", "") != "SPCLL.29") continue;
    found = true;
    EXPECT_EQ(data["heading"], "FAMILY HUBS");
    EXPECT_EQ(data["themes"][0][0], "family-hubs");
    ASSERT_EQ(data["decisions"].size(), 1u);
    const std::string decision = text.substr(data["decisions"][0][0].get<size_t>());
    EXPECT_EQ(decision.rfind("RESOLVED", 0), 0u) << decision;
  }
  EXPECT_TRUE(found);
}

// Documents are built on an analysis thread and written on a writer thread;
// Xapian counts a document's handles without atomics, so the term generator
// must not keep one after the documents leave (ThreadSanitizer saw the two
// threads' counts race when it kept the last item's).
TEST(DocumentBuilder, TheTermGeneratorLetsGoOfTheDocuments) {
  SourceText source;
  source.text = "Example Council\n\nMinutes of the Cabinet held on 3 March 2024\n\n1. Apologies\n\nNone.\n\n"
                "2. Family hubs\n\nThe cabinet approved the family hubs programme.\n";
  source.format = "txt";
  const PaperAnalysis analysis = AnalyzePaper(source);
  PaperRecord paper;
  paper.id = "0123456789abcdef";
  paper.fields.title = "Cabinet minutes";
  Xapian::TermGenerator tg = MakeTermGenerator();
  const std::vector<Xapian::Document> docs = BuildItemDocuments(paper, analysis, tg, DefaultKnowledge());
  ASSERT_GE(docs.size(), 2u);
  EXPECT_GT(docs.back().termlist_count(), 0u);
  EXPECT_EQ(tg.get_document().termlist_count(), 0u);
}

TEST(AmountTerms, EachAmountCarriesItsExactTermAndItsBlocks) {
  struct Case {
    uint64_t magnitude;
    std::vector<std::string> terms;
  };
  const Case cases[] = {
      {0, {"XAMOUNT000000000000000"}},
      {999, {"XAMOUNT000000000000999"}},
      {1000, {"XAMOUNT000000000001000", "XAMBLOCK03000000000001"}},
      {523'456, {"XAMOUNT000000000523456", "XAMBLOCK03000000000523", "XAMBLOCK0400000000052", "XAMBLOCK050000000005"}},
      {10'000'000, {"XAMOUNT000000010000000", "XAMBLOCK03000000010000", "XAMBLOCK0400000001000",
                    "XAMBLOCK050000000100", "XAMBLOCK06000000010", "XAMBLOCK0700000001"}},
      // Larger than a term holds: clamped to 15 nines, blocks up to 10^14.
      {5'000'000'000'000'000, {"XAMOUNT999999999999999", "XAMBLOCK03999999999999", "XAMBLOCK0499999999999",
                               "XAMBLOCK059999999999", "XAMBLOCK06999999999", "XAMBLOCK0799999999",
                               "XAMBLOCK089999999", "XAMBLOCK09999999", "XAMBLOCK1099999", "XAMBLOCK119999",
                               "XAMBLOCK12999", "XAMBLOCK1399", "XAMBLOCK149"}},
  };
  for (const Case& c : cases) EXPECT_EQ(schema::AmountTerms(c.magnitude), c.terms) << c.magnitude;
}

// Every item read back: its JSON and its text, by item id.
std::map<std::string, std::pair<std::string, std::string>> StoredItems(const std::string& path) {
  Xapian::Database database(path);
  std::map<std::string, std::pair<std::string, std::string>> items;
  for (auto p = database.postlist_begin(""); p != database.postlist_end(""); ++p) {
    const Result<schema::StoredItem> item = schema::ReadStoredItem(database.get_document(*p));
    EXPECT_TRUE(item.ok()) << "item " << *p;
    if (item.ok()) items[nlohmann::json::parse(item->json)["item"].get<std::string>()] = {item->json, item->text};
  }
  return items;
}

// Format 6 indexes stems only, which needs every paper analysed again: a
// database of an earlier format is refused with what to do, and left exactly
// as it was (searchd can still serve it with the build that wrote it).
TEST_P(PipelineTest, AnEarlierFormatIsRefusedAndKept) {
  Index(SourceDir() / "examples/corpus");
  const auto before = StoredItems(db());
  ASSERT_GT(before.size(), 10u);
  for (const std::string& shard : schema::ShardPaths(db())) {
    Xapian::WritableDatabase database(shard);
    database.set_metadata(std::string(schema::kMetaSchemaVersion), "5");
    database.commit();
  }
  const fs::path corpus = CopyExamples();
  WriteFile(corpus / "new.txt", "Minutes. The zebracrossing review.\n");
  SilentProgress quiet;
  auto run = IndexDirectory(corpus, Options(), quiet);
  ASSERT_FALSE(run.ok());
  EXPECT_NE(run.status().message().find("schema version 5"), std::string::npos) << run.status().ToString();
  EXPECT_NE(run.status().message().find("re-index into a new database"), std::string::npos);
  for (const std::string& shard : schema::ShardPaths(db()))
    EXPECT_EQ(Xapian::Database(shard).get_metadata(std::string(schema::kMetaSchemaVersion)), "5") << shard;
  EXPECT_EQ(StoredItems(db()), before);
  EXPECT_EQ(Xapian::Database(db()).get_termfreq("zebracross"), 0u);
}

TEST_P(PipelineTest, MissingFolderAndNonCouncilsearchDatabase) {
  SilentProgress progress;
  EXPECT_EQ(IndexDirectory(tmp_ / "nope", Options(), progress).status().code(), Status::Code::kNotFound);
  {
    Xapian::WritableDatabase other(db(), Xapian::DB_CREATE);
    Xapian::Document d;
    d.add_term("hello");
    other.add_document(d);
    other.commit();
  }
  const auto r = IndexDirectory(SourceDir() / "examples/corpus", Options(), progress);
  EXPECT_EQ(r.status().code(), Status::Code::kCorrupt);
  EXPECT_NE(r.status().message().find("not a councilsearch one"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Shards, PipelineTest, ::testing::Values(1u, 3u),
                         [](const ::testing::TestParamInfo<unsigned>& param) {
                           return std::to_string(param.param) + "Shards";
                         });

}  // namespace
}  // namespace councilsearch
