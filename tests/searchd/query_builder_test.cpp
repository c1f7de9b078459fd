// Queries against a real database indexed from the sample papers and three
// synonym fixtures: abbreviations found both ways, phrases included; fields,
// filters and ranges; syntax errors reported.
#include "searchd/query_builder.h"

#include "searchd/match_set.h"
#include "searchd/term_ranking.h"
#include "searchd/doc_table.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "analyzers/knowledge.h"
#include "analyzers/text_codec.h"
#include "analyzers/text_profile.h"
#include "indexer/pipeline.h"
#include "indexer/schema.h"
#include "tests/test_support.h"

namespace councilsearch {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// The two-shard test database four ways: as one handle and part by part,
// and twice over (four databases, other statistics) both ways; with
// `cache`, matches kept there.
struct ShardViews {
  ShardViews(const Xapian::Database& db, const std::string& path, MatchCache* cache = nullptr)
      : parts(Open(schema::ShardPaths(path), 1)),
        doubled_parts(Open(schema::ShardPaths(path), 2)),
        doubled(Doubled(db, path)),
        all{Shards(db, none, cache), Shards(db, parts, cache), Shards(doubled, none, cache),
            Shards(doubled, doubled_parts, cache)} {}
  ShardViews(const ShardViews&) = delete;  // the views point at the members
  ShardViews& operator=(const ShardViews&) = delete;
  static std::vector<Xapian::Database> Open(const std::vector<std::string>& paths, int times) {
    std::vector<Xapian::Database> out;
    for (int t = 0; t < times; ++t)
      for (const std::string& path : paths) out.emplace_back(path);
    return out;
  }
  static Xapian::Database Doubled(const Xapian::Database& db, const std::string& path) {
    Xapian::Database doubled(db);
    doubled.add_database(Xapian::Database(path));
    return doubled;
  }
  const std::vector<Xapian::Database> none, parts, doubled_parts;
  const Xapian::Database doubled;
  const std::vector<Shards> all;
};

class QueryBuilderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new TempDir();
    const fs::path corpus = tmp_->path() / "papers";
    fs::create_directories(corpus);
    fs::copy(testing::SourceDir() / "examples/corpus", corpus / "seeds", fs::copy_options::recursive);
    fs::copy(testing::TestDataDir() / "synonyms", corpus / "synonyms", fs::copy_options::recursive);
    IndexOptions options;
    options.db_path = (tmp_->path() / "db").string();
    options.writer.new_shards = 2;  // a folder of shards, searched as one (MatchSetIsTheMatchersSet adds a third)
    SilentProgress progress;
    auto s = IndexDirectory(corpus, options, progress);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
  }
  static void TearDownTestSuite() { delete tmp_; }

  void SetUp() override {
    db_ = Xapian::Database((tmp_->path() / "db").string());
    builder_ = std::make_unique<QueryBuilder>(db_, DefaultKnowledge());
  }

  // A stored field of every item that matches: "title" (its paper's) or "item" (its id).
  std::set<std::string> Field(const std::string& query, const char* field) {
    auto q = builder_->Parse(query);
    EXPECT_TRUE(q.ok()) << query << ": " << q.status().ToString();
    std::set<std::string> out;
    if (!q.ok()) return out;
    Xapian::Enquire enquire(db_);
    enquire.set_query(*q);
    const Xapian::MSet mset = enquire.get_mset(0, db_.get_doccount());
    for (auto m = mset.begin(); m != mset.end(); ++m) {
      const auto data = nlohmann::json::parse(schema::ReadStoredItem(m.get_document(), false)->json);
      out.insert(data[field].get<std::string>());
    }
    return out;
  }
  // The typed queries parsed (each must parse), each checked to be ranked
  // in the facet walk (CanRankCompound) or left to the matcher.
  std::vector<Xapian::Query> ParsedRankable(std::initializer_list<const char*> typed, bool rankable) {
    std::vector<Xapian::Query> out;
    for (const char* t : typed) {
      auto q = builder_->Parse(t);
      EXPECT_TRUE(q.ok()) << t;
      if (!q.ok()) continue;
      EXPECT_EQ(CanRankCompound(*q), rankable) << t << ": " << q->get_description();
      out.push_back(*q);
    }
    return out;
  }
  std::set<std::string> Files(const std::string& query) { return Field(query, "title"); }
  std::set<std::string> Items(const std::string& query) { return Field(query, "item"); }

  // Items whose text contains `needle` (case-sensitive) and not `absent`.
  std::set<std::string> ItemsWith(const std::string& query, const std::string& needle, const std::string& absent) {
    auto q = builder_->Parse(query);
    std::set<std::string> items;
    Xapian::Enquire enquire(db_);
    enquire.set_query(*q);
    const Xapian::MSet mset = enquire.get_mset(0, db_.get_doccount());
    for (auto m = mset.begin(); m != mset.end(); ++m) {
      const Xapian::Document doc = m.get_document();
      const schema::StoredItem item = *schema::ReadStoredItem(doc);
      const auto data = nlohmann::json::parse(item.json);
      const std::string& text = item.text;
      std::string lower = text;
      for (char& c : lower) c = static_cast<char>(std::tolower(c));
      if (lower.find(needle) != std::string::npos && text.find(absent) == std::string::npos)
        items.insert(data["item"].get<std::string>());
    }
    return items;
  }

  static TempDir* tmp_;
  Xapian::Database db_;
  std::unique_ptr<QueryBuilder> builder_;
};

TempDir* QueryBuilderTest::tmp_ = nullptr;

TEST_F(QueryBuilderTest, AbbreviationsFindTheirLongFormsAndBack) {
  // CiC finds items that say only "children in care".
  EXPECT_FALSE(ItemsWith("CiC", "children in care", "CiC").empty());
  // LAC finds the Nottinghamshire report that says "Looked After Children".
  const auto lac = Files("LAC");
  EXPECT_EQ(lac.count("Progress against the Improving the Effectiveness and Efficiency of the Children's Services Plan"), 1u);
  EXPECT_EQ(Files("lac").count("Budget challenge session"), 1u);
  // SGO finds "Special Guardianship Order"; the phrase finds a paper that says only "SGO".
  EXPECT_FALSE(ItemsWith("SGO", "special guardianship order", "SGO").empty());
  EXPECT_EQ(Files("\"special guardianship order\"").count("Kinship care update"), 1u);
  // MTFP and "medium term financial plan" find each other.
  EXPECT_EQ(Files("MTFP").count("Budget challenge session"), 1u);
  EXPECT_EQ(Files("medium term financial plan").count("Finance update"), 1u);
  EXPECT_EQ(Files("\"medium term financial plan\"").count("Finance update"), 1u);
  // Combined with other words, the expansion stays local: both must hold.
  EXPECT_EQ(Files("MTFP agency").count("Finance update"), 1u);
  EXPECT_EQ(Files("MTFP placements").count("Budget challenge session"), 1u);
  EXPECT_EQ(Files("MTFP placements").count("Finance update"), 0u);
}

TEST_F(QueryBuilderTest, ExpansionRewritesOnlyWholeForms) {
  const Knowledge& kb = DefaultKnowledge();
  EXPECT_EQ(ExpandConcepts("CiC budget", kb), "((CiC) OR concept:cic) budget");
  EXPECT_EQ(ExpandConcepts("\"special guardianship order\"", kb), "((\"special guardianship order\") OR concept:sgo)");
  // Inside a longer phrase or a field value it is left alone.
  EXPECT_EQ(ExpandConcepts("\"reduce children in care numbers\"", kb), "\"reduce children in care numbers\"");
  EXPECT_EQ(ExpandConcepts("title:MTFP", kb), "title:MTFP");
  // A hyphenated concept id is written so the parser keeps it whole.
  EXPECT_EQ(ExpandConcepts("child protection plans", kb), "((child protection plans) OR concept:cpplan)");
}

TEST_F(QueryBuilderTest, HyphenatedConceptsParseAndMatch) {
  // "CP plan" and "child protection plan(s)" are one concept (id "cp-plan").
  for (const char* q : {"child protection plans", "\"child protection plan\"", "CP plan", "concept:cpplan"}) {
    auto parsed = builder_->Parse(q);
    ASSERT_TRUE(parsed.ok()) << q << ": " << parsed.status().ToString();
    EXPECT_NE(parsed->get_description().find("XCONCEPTcp-plan"), std::string::npos) << q << ": " << parsed->get_description();
  }
}

TEST_F(QueryBuilderTest, FieldsFiltersAndRanges) {
  EXPECT_EQ(Files("council:\"North East Lincolnshire Council\""),
            (std::set<std::string>{"Minutes, 21 September 2023"}));
  EXPECT_EQ(Files("committee:children-and-lifelong-learning-scrutiny-panel family"),
            (std::set<std::string>{"Minutes, 21 September 2023"}));
  EXPECT_FALSE(Files("theme:early-help").empty());
  EXPECT_EQ(Files("theme:\"Family hubs and children's centres\""), Files("theme:family-hubs"));
  EXPECT_EQ(Files("2023-09-01..2023-12-31"), (std::set<std::string>{"Minutes, 21 September 2023"}));
  EXPECT_EQ(Files("year:2019"),
            (std::set<std::string>{"Progress against the Improving the Effectiveness and Efficiency of the Children's Services Plan"}));
  // Money in the item: seed 003 mentions a £7.1million overspend.
  EXPECT_EQ(Files("amount:7m..7.2m").count("Minutes, 21 September 2023"), 1u);
  EXPECT_EQ(Files("amount:7100000..7100000").count("Minutes, 21 September 2023"), 1u);
  EXPECT_TRUE(Files("amount:900bn..").empty());
  // An open upper end asks the largest amount's slot; a closed one ORs the
  // amount terms: the same items either way.
  for (const char* lo : {"0", "1", "999.5", "50k", "1m", "7100000", "7100001", "2bn"}) {
    const std::string open = std::string("amount:") + lo + "..";
    EXPECT_EQ(Items(open), Items(open + "999999999999999")) << open;
  }
  EXPECT_FALSE(Items("amount:1m..").empty());
  EXPECT_NE(Items("amount:1m.."), Items("amount:0.."));
  EXPECT_FALSE(Files("decision:workshops").empty());
  EXPECT_FALSE(Files("person:\"Janice Spencer\"").empty());
  // Stemming, phrases, NEAR, wildcards, boolean operators.
  EXPECT_EQ(Files("inspections"), Files("inspection"));
  EXPECT_FALSE(Files("\"children in care\"").empty());
  EXPECT_FALSE(Files("family NEAR/3 hubs").empty());
  EXPECT_FALSE(Files("foster*").empty());
  EXPECT_TRUE(Files("fostering NOT fostering").empty());
  // British and American spellings.
  EXPECT_EQ(Files("organization"), Files("organisation"));
}

// A closed amount range, built from blocks and the exact terms at its ends,
// finds exactly the items with some amount in range: ranges ending on, next
// to and between the amounts held, at every magnitude.
TEST(AmountRangeQueryTest, FindsExactlyTheItemsWithAnAmountInRange) {
  std::vector<uint64_t> amounts = {0,      1,       7,       999,     1000,      1001,        1999,
                                   9999,   10000,   12345,   99999,   100000,    250000,      499999,
                                   500000, 500001,  999999,  1000000, 7100000,   123456789,   1000000000000,
                                   schema::kAmountMax};
  std::mt19937_64 rng(20261123);
  for (int i = 0; i < 300; ++i) amounts.push_back(rng() % schema::PowerOfTen(1 + static_cast<int>(rng() % 15)));
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  std::map<Xapian::docid, std::vector<uint64_t>> held;
  for (size_t i = 0; i < amounts.size(); ++i) {
    Xapian::Document doc;
    std::vector<uint64_t> mine{amounts[i]};
    if (i % 3 == 0) mine.push_back(amounts[(i * 7 + 1) % amounts.size()]);  // some items hold two
    for (uint64_t m : mine)
      for (const std::string& t : schema::AmountTerms(m)) doc.add_boolean_term(t);
    held[db.add_document(doc)] = mine;
  }
  std::vector<uint64_t> edges;
  for (uint64_t a : amounts) {
    edges.push_back(a);
    edges.push_back(a + 1);
    if (a > 0) edges.push_back(a - 1);
  }
  std::vector<std::pair<uint64_t, uint64_t>> ranges = {
      {0, schema::kAmountMax}, {100000, 500000}, {1000, 1999}, {0, 999}, {999, 1000}, {1000000, 5000000}};
  for (int i = 0; i < 3000; ++i) {
    uint64_t lo = edges[rng() % edges.size()], hi = edges[rng() % edges.size()];
    if (lo > hi) std::swap(lo, hi);
    ranges.emplace_back(lo, hi);
  }
  Xapian::Enquire enquire(db);
  for (const auto& [lo, hi] : ranges) {
    std::set<Xapian::docid> expected, found;
    for (const auto& [id, mine] : held)
      for (uint64_t m : mine)
        if (m >= lo && m <= hi) expected.insert(id);
    enquire.set_query(AmountRangeQuery(db, lo, hi));
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    for (auto m = mset.begin(); m != mset.end(); ++m) found.insert(*m);
    ASSERT_EQ(found, expected) << "amount:" << lo << ".." << hi;
  }
  // The usual question costs a handful of lists: blocks 1-4 of 10^5 and the exact 500000.
  EXPECT_LE(AmountRangeQuery(db, 100000, 500000).get_num_subqueries(), 5u);
}

// A date range, as the year, month and day terms that tile it, finds exactly
// the items dated in range (never an undated one): ends on and next to the
// dates held, whole years and months, leap days, open ends.
TEST(DateRangeQueryTest, FindsExactlyTheItemsDatedInRange) {
  std::mt19937 rng(20261123);
  auto date = [&rng]() {
    const int year = 2012 + static_cast<int>(rng() % 9), month = 1 + static_cast<int>(rng() % 12);
    const int day = 1 + static_cast<int>(rng() % (month == 2 ? (year % 4 == 0 ? 29 : 28) : 30));
    char ymd[9];
    std::snprintf(ymd, sizeof ymd, "%04d%02d%02d", year, month, day);
    return std::string(ymd);
  };
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  std::map<Xapian::docid, std::string> dated;
  for (int i = 0; i < 600; ++i) {
    Xapian::Document doc;
    if (i % 10 == 0) {
      doc.add_boolean_term(std::string(schema::kTermUndated));
      db.add_document(doc);
      continue;
    }
    const std::string ymd = i == 1 ? "20160229" : i == 2 ? "20151231" : i == 3 ? "20170101" : date();
    doc.add_boolean_term(std::string(schema::kPrefixYear) + ymd.substr(0, 4));
    doc.add_boolean_term(std::string(schema::kPrefixMonth) + ymd.substr(0, 6));
    doc.add_boolean_term(std::string(schema::kPrefixDay) + ymd);
    dated[db.add_document(doc)] = ymd;
  }
  std::vector<std::string> edges = {"00000101", "99991231", "20160101", "20161231", "20160201", "20160229",
                                    "20160228", "20160301", "20150101", "20171231", "20120101", "20201231"};
  for (const auto& [id, ymd] : dated) edges.push_back(ymd);
  std::vector<std::pair<std::string, std::string>> ranges = {{"00000101", "99991231"}, {"20160201", "20160229"},
                                                             {"20150101", "20171231"}, {"20161231", "20160101"}};
  for (int i = 0; i < 2000; ++i) ranges.emplace_back(edges[rng() % edges.size()], edges[rng() % edges.size()]);
  Xapian::Enquire enquire(db);
  for (const auto& [lo, hi] : ranges) {
    std::set<Xapian::docid> expected, found;
    for (const auto& [id, ymd] : dated)
      if (ymd >= lo && ymd <= hi) expected.insert(id);
    enquire.set_query(DateRangeQuery(db, lo, hi));
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    for (auto m = mset.begin(); m != mset.end(); ++m) {
      found.insert(*m);
      EXPECT_EQ(m.get_weight(), 0) << "a date range only filters";
    }
    ASSERT_EQ(found, expected) << lo << ".." << hi;
  }
  // Whole years are one term each.
  EXPECT_EQ(DateRangeQuery(db, "20150101", "20171231").get_subquery(0).get_num_subqueries(), 3u);
}

// Trends count a query's matches from the posting lists (MatchSet) when the
// query is words, synonyms, boolean operators and filters: the set must be the
// matcher's, on one database and on two shards (interleaved docids). Queries
// that need positions or values are left to the matcher; ForEachMatch,
// which facets and trends use, gives every match once either way.
TEST_F(QueryBuilderTest, MatchSetIsTheMatchersSet) {
  struct Case {
    const char* query;
    bool evaluated;  // whether MatchSet handles it
  };
  const Case cases[] = {
      {"fostering", true},
      {"children OR families", true},
      {"children AND NOT care", true},
      {"children XOR care", true},
      {"family hubs", true},  // default operator, with synonyms
      {"SEND", true},         // abbreviation expanded both ways
      {"theme:early-help", true},
      {"council:\"North East Lincolnshire Council\" budget", true},
      {"zzzunknownword", true},
      {"budget type:minutes", true},                  // a word filtered by a common term
      {"(children OR families) AND care", true},      // terms and a compound child
      {"children AND care AND NOT foster", true},
      {"children AND zzzunknownword", true},          // one list empty: nothing
      {"amount:100..1m", true},                       // the OR of every amount term in range
      {"", true},  // every item
      {"\"children in care\"", false},
      {"family NEAR/3 hubs", false},
      {"foster*", true},                             // wildcards are the OR of stems (WildcardQuery)
      {"famil* OR safeguard*", true},
      {"2023-09-01..2023-12-31", true},              // date ranges are Y, M and D terms
      {"family 2019..", true},
  };
  // The two-shard database, and it twice over (four databases); each walked
  // as one handle and part by part.
  const ShardViews views(db_, (tmp_->path() / "db").string());
  ASSERT_EQ(views.parts.size(), 2u);
  for (const Shards& shards : views.all) {
    const Xapian::Database& db = shards.combined();
    SCOPED_TRACE(std::to_string(db.get_doccount()) + " items in " + std::to_string(shards.part_count()) + " parts");
    QueryBuilder builder(db, DefaultKnowledge());
    for (const Case& c : cases) {
      auto q = builder.Parse(c.query);
      ASSERT_TRUE(q.ok()) << c.query;
      const Xapian::Query query = *q;
      Xapian::Enquire enquire(db);
      enquire.set_query(query);
      const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
      const std::set<Xapian::docid> expected(mset.begin(), mset.end());
      // ForEachMatch: each match once, whichever way it takes.
      std::multiset<Xapian::docid> each;
      const Xapian::doccount n = ForEachMatch(shards, query, [&](Xapian::docid id) { each.insert(id); });
      EXPECT_EQ(each, std::multiset<Xapian::docid>(expected.begin(), expected.end())) << c.query;
      EXPECT_EQ(n, expected.size()) << c.query;
      // The matcher's way, in pages of three ids (several databases page).
      std::multiset<Xapian::docid> paged;
      EXPECT_EQ(ForEachMatchThroughMatcher(shards, query, [&](Xapian::docid id) { paged.insert(id); }, 3),
                expected.size())
          << c.query;
      EXPECT_EQ(paged, each) << c.query;

      const auto set = MatchSet::Evaluate(shards, query);
      ASSERT_EQ(set.has_value(), c.evaluated) << c.query << ": " << query.get_description();
      EXPECT_EQ(MatchSet::Supports(query), c.evaluated) << c.query;
      if (!set) continue;
      std::set<Xapian::docid> got;
      set->ForEach([&](Xapian::docid id) { got.insert(id); });
      EXPECT_EQ(got, expected) << c.query << ": " << query.get_description();
      EXPECT_EQ(set->Count(), expected.size()) << c.query;
    }
  }
}

// A one-word search is ranked in the walk that counts its facets
// (term_ranking.h): the same hits, in the same order, with the same weights
// to the last bit as Xapian's matcher gives, for every word of the database
// (stemmed, unstemmed and prefixed terms), on one database, on two shards
// walked part by part, and on the database twice over (other statistics).
TEST_F(QueryBuilderTest, OneWordRankingIsTheMatchers) {
  const ShardViews views(db_, (tmp_->path() / "db").string());
  ASSERT_EQ(views.parts.size(), 2u);
  for (const Shards& shards : views.all) {
    const Xapian::Database& db = shards.combined();
    SCOPED_TRACE(std::to_string(db.get_doccount()) + " items in " + std::to_string(shards.part_count()) + " parts");
    const auto table = DocTable::Build(db, /*with_lengths=*/true);
    size_t words = 0, ties = 0;
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
      for (const Xapian::termcount wqf : {1u, 3u}) {
        const Xapian::Query query(*t, wqf, 1);
        ASSERT_TRUE(IsOneWord(query));
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        const Xapian::MSet mset = enquire.get_mset(0, 25);
        Xapian::doccount matches = 0;
        std::vector<Xapian::docid> walked;
        const std::vector<RankedMatch> ranked =
            RankOneWord(shards, query, table->lengths(), 25, matches, [&](Xapian::docid id) { walked.push_back(id); });
        ASSERT_EQ(matches, db.get_termfreq(*t)) << *t;
        ASSERT_EQ(walked.size(), matches) << *t;
        ASSERT_EQ(ranked.size(), mset.size()) << *t;
        size_t i = 0;
        for (auto m = mset.begin(); m != mset.end(); ++m, ++i) {
          ASSERT_EQ(ranked[i].id, *m) << *t << " hit " << i;
          ASSERT_EQ(ranked[i].weight, m.get_weight()) << *t << " hit " << i;  // bit for bit
          if (i > 0 && ranked[i].weight == ranked[i - 1].weight) ++ties;
        }
      }
      ++words;
    }
    EXPECT_GT(words, 1000u);
    EXPECT_GT(ties, 0u) << "equal weights ordered by docid were checked";
  }
  // Without lengths (a remote shard) the table has none, and search uses the matcher.
  EXPECT_TRUE(DocTable::Build(db_)->lengths().empty());
}

// Ranks each of `queries` that CanRankCompound takes with RankCompound on
// every view of the test database and checks it against Xapian's matcher:
// every match, each with the matcher's weight (Xapian may add a document's
// term weights in another order: equal within 1e-12), in the matcher's
// order but for such near-ties. Returns how many queries were ranked and
// how many matches compared, per view.
struct Compared {
  size_t queries = 0, matches = 0;
};
// With `kept_phrases`, phrases anywhere whose document sets the views'
// cache keeps are ranked too.
std::vector<Compared> RankAsTheMatcher(const ShardViews& views, const std::vector<Xapian::Query>& queries,
                                       bool kept_phrases = false) {
  std::vector<Compared> out;
  for (const Shards& shards : views.all) {
    const Xapian::Database& db = shards.combined();
    SCOPED_TRACE(std::to_string(db.get_doccount()) + " items in " + std::to_string(shards.part_count()) + " parts");
    const auto table = DocTable::Build(db, /*with_lengths=*/true);
    const PhraseRule kept = [&shards](const Xapian::Query& phrase) { return KeepsMatches(shards, phrase); };
    Compared compared;
    for (const Xapian::Query& query : queries) {
      if (!CanRankCompound(query, kept_phrases ? kept : nullptr)) continue;  // e.g. a word drawn twice
      ++compared.queries;
      Xapian::Enquire enquire(db);
      enquire.set_query(query);
      const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
      std::map<Xapian::docid, double> expected;
      for (auto m = mset.begin(); m != mset.end(); ++m) expected[*m] = m.get_weight();
      Xapian::doccount matches = 0;
      std::set<Xapian::docid> walked;
      const std::vector<RankedMatch> ranked = RankCompound(shards, query, table->lengths(), db.get_doccount(), matches,
                                                           [&](Xapian::docid id) { walked.insert(id); });
      const std::string what = query.get_description();
      EXPECT_EQ(matches, expected.size()) << what;
      EXPECT_EQ(walked.size(), expected.size()) << what;
      EXPECT_EQ(ranked.size(), expected.size()) << what;
      if (ranked.size() != expected.size()) continue;
      size_t i = 0;
      for (auto m = mset.begin(); m != mset.end(); ++m, ++i) {
        EXPECT_EQ(expected.count(ranked[i].id), 1u) << what;
        EXPECT_NEAR(ranked[i].weight, expected[ranked[i].id], 1e-12) << what;
        EXPECT_NEAR(ranked[i].weight, m.get_weight(), 1e-12) << what << " at " << i;  // the same order
        ++compared.matches;
      }
    }
    out.push_back(compared);
  }
  return out;
}

// The free-text terms (stems, unprefixed) that two items or more hold.
std::vector<std::string> WordsInTwoItemsOrMore(const Xapian::Database& db) {
  std::vector<std::string> words;
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
    const std::string term = *t;
    if (term[0] >= 'a' && term[0] <= 'z' && t.get_termfreq() >= 2) words.push_back(term);
  }
  return words;
}

// Words joined by AND and OR are ranked in the same walk (RankCompound) as
// the matcher ranks them: random trees of the database's words and the
// query parser's own, on one, two and four shards.
TEST_F(QueryBuilderTest, CompoundRankingIsTheMatchers) {
  using Q = Xapian::Query;
  const ShardViews views(db_, (tmp_->path() / "db").string());
  const std::vector<std::string> words = WordsInTwoItemsOrMore(db_);
  ASSERT_GT(words.size(), 200u);
  std::mt19937 random(20261127);
  auto word = [&] { return Q(words[random() % words.size()], 1, 1); };
  auto pair = [&](Q::op op) { return Q(op, word(), word()); };
  std::vector<Q> queries;
  for (int i = 0; i < 150; ++i) {
    switch (i % 5) {
      case 0: queries.push_back(pair(Q::OP_AND)); break;
      case 1: queries.push_back(pair(Q::OP_OR)); break;
      case 2: queries.push_back(Q(Q::OP_AND, pair(Q::OP_OR), word())); break;
      case 3: queries.push_back(Q(Q::OP_OR, pair(Q::OP_AND), word())); break;
      default: {
        const std::vector<Q> three = {word(), word(), word()};
        queries.push_back(Q(Q::OP_AND, three.begin(), three.end()));
        break;
      }
    }
  }
  for (const char* typed : {"children care", "special educational needs", "child protection plans", "family OR families"}) {
    auto q = builder_->Parse(typed);
    ASSERT_TRUE(q.ok()) << typed;
    queries.push_back(*q);
  }
  for (const Compared& c : RankAsTheMatcher(views, queries)) {
    EXPECT_GT(c.queries, 140u);
    EXPECT_GT(c.matches, 500u);
  }
  EXPECT_FALSE(CanRankCompound(Q(Q::OP_AND, Q("care"), Q("care"))));
}

// Filtered words too: FILTER and AND_NOT by terms, ANDs, small and large
// ORs (merged as they go, or a bitset) and ranges scaled by 0, and the
// parser's fields, NOT and ranges; random trees over the database's words
// and its boolean terms.
TEST_F(QueryBuilderTest, FilteredRankingIsTheMatchers) {
  using Q = Xapian::Query;
  const ShardViews views(db_, (tmp_->path() / "db").string());
  std::vector<std::string> words, filters;  // stemmed words; type, council, committee, theme and year terms
  words = WordsInTwoItemsOrMore(db_);
  for (const char* prefix : {"XTYPE", "XCOUNCIL", "XCOMMITTEE", "XTHEME", "Y"})
    for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) filters.push_back(*t);
  ASSERT_GT(filters.size(), 20u);
  std::mt19937 random(20261128);
  auto word = [&] { return Q(words[random() % words.size()], 1, 1); };
  auto filter = [&] { return Q(filters[random() % filters.size()]); };
  auto any_of = [&](size_t n) {
    std::vector<Q> terms;
    for (size_t i = 0; i < n; ++i) terms.push_back(filter());
    return Q(Q::OP_OR, terms.begin(), terms.end());
  };
  auto zero = [](const Q& q) { return Q(Q::OP_SCALE_WEIGHT, q, 0); };
  std::vector<Q> queries;
  for (int i = 0; i < 160; ++i) {
    switch (i % 8) {
      case 0: queries.push_back(Q(Q::OP_FILTER, word(), filter())); break;
      case 1: queries.push_back(Q(Q::OP_FILTER, Q(Q::OP_OR, word(), word()), Q(Q::OP_AND, any_of(2), filter()))); break;
      case 2: queries.push_back(Q(Q::OP_AND_NOT, word(), word())); break;
      case 3: queries.push_back(Q(Q::OP_AND, word(), zero(any_of(3)))); break;
      case 4: queries.push_back(Q(Q::OP_FILTER, Q(Q::OP_AND, word(), word()), any_of(12))); break;  // a bitset
      case 5: queries.push_back(Q(Q::OP_AND_NOT, Q(Q::OP_OR, word(), word()), zero(any_of(2)))); break;
      case 6: queries.push_back(Q(Q::OP_AND_NOT, Q(Q::OP_FILTER, word(), any_of(2)), filter())); break;
      default: queries.push_back(Q(Q::OP_FILTER, word(), Q(Q::OP_AND_NOT, any_of(3), filter()))); break;
    }
  }
  const auto typed = ParsedRankable({"children type:minutes", "care -children", "family NOT hubs",
                                     "council 2019..2025", "housing OR homes type:agenda"},
                                    true);
  queries.insert(queries.end(), typed.begin(), typed.end());
  for (const Compared& c : RankAsTheMatcher(views, queries)) {
    EXPECT_GT(c.queries, 150u);
    EXPECT_GT(c.matches, 400u);
  }
  // The same with every filter's document set kept (no minimum cost), twice:
  // sets made, then found.
  MatchCache cache(64 << 20, /*min_cost=*/0);
  const ShardViews kept(db_, (tmp_->path() / "db").string(), &cache);
  for (int pass = 0; pass < 2; ++pass) {
    for (const Compared& c : RankAsTheMatcher(kept, queries)) EXPECT_GT(c.matches, 400u) << "pass " << pass;
  }
  EXPECT_GT(cache.stats().hits, 0u);
  // What keeps the matcher: positions, values, weights scaled but not to 0,
  // filters alone (with nothing weighted, the matcher stops at the page's end).
  ParsedRankable({"\"early help\" type:minutes", "budget amount:1m..", "theme:early-help"}, false);
  EXPECT_FALSE(CanRankCompound(Q(Q::OP_SCALE_WEIGHT, Q("care"), 2.0)));
}

// Phrases ORed with other words are ranked in the walk too, as the AND of
// their words over the documents the matcher finds them in: random phrases
// of two and three words read off the items' own positions, ORed with a
// word or a phrase, filtered and excluded from, and the parser's. Phrases
// elsewhere keep the matcher.
TEST_F(QueryBuilderTest, PhraseRankingIsTheMatchers) {
  using Q = Xapian::Query;
  const ShardViews views(db_, (tmp_->path() / "db").string());
  std::vector<std::string> words, filters;
  words = WordsInTwoItemsOrMore(db_);
  for (const char* prefix : {"XTYPE", "XCOUNCIL", "Y"})
    for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) filters.push_back(*t);
  std::mt19937 random(20261129);
  // A phrase of `length` words from a random item: its unprefixed terms by position.
  auto phrase = [&](size_t length) {
    for (;;) {
      const Xapian::docid id = 1 + static_cast<Xapian::docid>(random() % db_.get_lastdocid());
      std::map<Xapian::termpos, std::string> at;
      try {
        for (auto t = db_.termlist_begin(id); t != db_.termlist_end(id); ++t) {
          if ((*t)[0] < 'a' || (*t)[0] > 'z') continue;  // prefixed (upper case) or not a word
          for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) at[*p] = *t;
        }
      } catch (const Xapian::DocNotFoundError&) {
        continue;  // a docid no longer used (the fixture replaces papers)
      }
      if (at.size() < 50) continue;
      auto first = at.begin();
      std::advance(first, static_cast<long>(random() % (at.size() - length)));
      std::vector<Q> terms;
      for (auto w = first; terms.size() < length && w != at.end(); ++w) {
        if (w->first != first->first + terms.size()) break;  // a gap: not a phrase
        terms.emplace_back(w->second, 1, static_cast<Xapian::termpos>(terms.size() + 1));
      }
      if (terms.size() == length)
        return Q(Q::OP_PHRASE, terms.begin(), terms.end(), static_cast<Xapian::termcount>(length));
    }
  };
  auto word = [&] { return Q(words[random() % words.size()], 1, 1); };
  auto filter = [&] { return Q(filters[random() % filters.size()]); };
  std::vector<Q> queries;
  for (int i = 0; i < 100; ++i) {
    switch (i % 5) {
      case 0: queries.push_back(Q(Q::OP_OR, phrase(2), word())); break;
      case 1: queries.push_back(Q(Q::OP_OR, phrase(3), word())); break;
      case 2: queries.push_back(Q(Q::OP_OR, phrase(2), phrase(2))); break;
      case 3: queries.push_back(Q(Q::OP_FILTER, Q(Q::OP_OR, phrase(2), word()), filter())); break;
      default:
        queries.push_back(Q(Q::OP_AND_NOT, Q(Q::OP_OR, Q(Q::OP_AND, phrase(2), word()), word()), filter()));
        break;
    }
  }
  const auto typed = ParsedRankable({"\"children in care\" OR adoption",
                                     "\"early help\" OR \"family hubs\" type:minutes",
                                     "(\"special educational needs\" OR send) 2019..2025",
                                     "\"family hubs\" OR centres -budget"},
                                    true);
  queries.insert(queries.end(), typed.begin(), typed.end());
  for (const Compared& c : RankAsTheMatcher(views, queries)) {
    EXPECT_GT(c.queries, 95u);
    EXPECT_GT(c.matches, 300u);
  }
  // The phrase's stems and a word's are one term ("hubs" is "hub"): the
  // query holds a term twice, so it stays with the matcher.
  ParsedRankable({"\"early help\"", "ofsted AND \"requires improvement\"", "\"public consultation\" -residential",
                  "\"family hubs\" OR hubs -budget"},
                 false);
  // A phrase with a word twice stays with the matcher (as any query does).
  const std::vector<Q> twice = {Q("children"), Q("in"), Q("children")};
  EXPECT_FALSE(CanRankCompound(Q(Q::OP_OR, Q(Q::OP_PHRASE, twice.begin(), twice.end(), 3), Q("care"))));

  // Phrases anywhere, once their document sets are kept (every set here: no
  // minimum cost), on the views that can keep them (part by part; a
  // combined handle keeps nothing), twice: sets made, then found.
  MatchCache cache(64 << 20, /*min_cost=*/0);
  const ShardViews kept(db_, (tmp_->path() / "db").string(), &cache);
  std::vector<Q> anywhere;
  for (int i = 0; i < 60; ++i) {
    switch (i % 4) {
      case 0: anywhere.push_back(phrase(2)); break;
      case 1: anywhere.push_back(Q(Q::OP_AND, phrase(3), word())); break;
      case 2: anywhere.push_back(Q(Q::OP_FILTER, phrase(2), filter())); break;
      default: anywhere.push_back(Q(Q::OP_AND_NOT, phrase(2), word())); break;
    }
  }
  for (int pass = 0; pass < 2; ++pass) {
    const std::vector<Compared> compared = RankAsTheMatcher(kept, anywhere, /*kept_phrases=*/true);
    for (size_t v : {0u, 2u}) EXPECT_EQ(compared[v].queries, 0u) << "view " << v;
    for (size_t v : {1u, 3u}) {
      EXPECT_GT(compared[v].queries, 55u) << "view " << v;
      EXPECT_GT(compared[v].matches, 100u) << "view " << v;
    }
  }
  EXPECT_GT(cache.stats().hits, 0u);
}

// XOR is built without Xapian's OP_XOR (which crashes Xapian 1.4.22 on
// several databases once a page of results is full): the items an odd
// number of the operands match, on the two-shard database, in pages of three.
TEST_F(QueryBuilderTest, XorMatchesAnOddNumberOfOperands) {
  struct Case {
    std::string query;
    std::vector<std::string> operands;
  };
  const Case cases[] = {
      {"children XOR care", {"children", "care"}},
      {"\"children in care\" XOR foster*", {"\"children in care\"", "foster*"}},
      {"family XOR hubs XOR budget", {"family", "hubs", "budget"}},
      {"(children XOR care) AND council", {}},
  };
  auto matches = [&](const Xapian::Query& q) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(q);
    const Xapian::MSet mset = enquire.get_mset(0, db_.get_doccount());
    return std::set<Xapian::docid>(mset.begin(), mset.end());
  };
  for (const Case& c : cases) {
    auto q = builder_->Parse(c.query);
    ASSERT_TRUE(q.ok()) << c.query;
    EXPECT_EQ(q->get_description().find("XOR"), std::string::npos) << q->get_description();
    std::set<Xapian::docid> paged;
    ForEachMatchThroughMatcher(db_, *q, [&](Xapian::docid id) { paged.insert(id); }, 3);
    Xapian::Enquire top(db_);
    top.set_query(*q);
    EXPECT_LE(top.get_mset(0, 3).size(), 3u);
    if (c.operands.empty()) continue;
    std::map<Xapian::docid, int> hits;
    for (const std::string& operand : c.operands) {
      for (Xapian::docid id : matches(*builder_->Parse(operand))) ++hits[id];
    }
    std::set<Xapian::docid> odd;
    for (const auto& [id, count] : hits)
      if (count % 2 == 1) odd.insert(id);
    EXPECT_FALSE(odd.empty()) << c.query;
    EXPECT_EQ(paged, odd) << c.query;
    EXPECT_EQ(matches(*builder_->Parse(c.query)), odd) << c.query;
  }
  auto many = builder_->Parse("a XOR b XOR c XOR d XOR e XOR f XOR g XOR h XOR i");
  ASSERT_FALSE(many.ok());
  EXPECT_EQ(many.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(many.status().message().find("at most 8"), std::string::npos);
}

// A wildcard finds every item with a written word that starts so, although
// the index holds stems: "housing" is indexed as "hous", which a search
// among the stems for "housing..." misses. The truth is read from the items'
// stored text (and their papers' titles for title:), word by word.
TEST_F(QueryBuilderTest, WildcardsFindEveryWordThatStartsSo) {
  std::map<std::string, std::set<std::string>> text_words, title_words;  // item -> lower-cased words
  for (auto p = db_.postlist_begin(""); p != db_.postlist_end(""); ++p) {
    const schema::StoredItem item = *schema::ReadStoredItem(db_.get_document(*p));
    const auto data = nlohmann::json::parse(item.json);
    const std::string id = data["item"].get<std::string>();
    ForEachWord(item.text, [&](const std::string& w) { text_words[id].insert(w); });
    ForEachWord(data["title"].get<std::string>(), [&](const std::string& w) { title_words[id].insert(w); });
  }
  const auto starting = [](const std::map<std::string, std::set<std::string>>& words, const std::string& start) {
    std::set<std::string> items;
    for (const auto& [id, set] : words) {
      const auto w = set.lower_bound(start);
      if (w != set.end() && w->compare(0, start.size(), start) == 0) items.insert(id);
    }
    return items;
  };
  // Words whose stems are shorter ("hous", "plan", "famili", "hub"), the same
  // ("children") or a prefix typed short ("safeguard", "fam").
  for (const char* start : {"housing", "planning", "families", "hubs", "fostering", "councillors", "inspections",
                            "safeguarding", "children", "safeguard", "fam"}) {
    const std::set<std::string> truth = starting(text_words, start);
    ASSERT_FALSE(truth.empty()) << start;
    const std::set<std::string> found = Items(std::string(start) + "*");
    for (const std::string& id : truth) EXPECT_EQ(found.count(id), 1u) << start << "* misses " << id;
    // Everything the word itself finds, in every form; and inside other operators.
    for (const std::string& id : Items(start)) EXPECT_EQ(found.count(id), 1u) << start << "* misses " << id;
    EXPECT_EQ(Items(std::string(start) + "* OR qqzxv"), found) << start;
  }
  EXPECT_EQ(Items("HOUSING*"), Items("housing*"));
  const std::set<std::string> title_truth = starting(title_words, "improvement");
  ASSERT_FALSE(title_truth.empty());
  const std::set<std::string> titled = Items("title:improvement*");
  for (const std::string& id : title_truth) EXPECT_EQ(titled.count(id), 1u) << "title:improvement* misses " << id;
  EXPECT_TRUE(Items("qqzxv*").empty());
  // The highlighted words are the stems the wildcard found.
  ASSERT_TRUE(builder_->Parse("housing*").ok());
  EXPECT_NE(std::find(builder_->words().begin(), builder_->words().end(), "hous"), builder_->words().end());
}

// A short wildcard keeps only its most frequent stems; a query, few wildcards.
TEST_F(QueryBuilderTest, WildcardsKeepTheirMostFrequentStems) {
  std::vector<std::pair<Xapian::doccount, std::string>> stems;
  for (auto t = db_.allterms_begin("c"); t != db_.allterms_end("c"); ++t) stems.emplace_back(t.get_termfreq(), *t);
  ASSERT_GT(stems.size(), 10u);
  std::sort(stems.begin(), stems.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  const Xapian::Query q = WildcardQuery(db_, "", "c", DefaultKnowledge(), 5);
  const std::set<std::string> kept(q.get_unique_terms_begin(), q.get_unique_terms_end());
  std::set<std::string> expected;
  for (size_t i = 0; i < 5; ++i) expected.insert(stems[i].second);
  EXPECT_EQ(kept, expected);
  EXPECT_TRUE(WildcardQuery(db_, "", "qqzxv", DefaultKnowledge()).empty());
  // A query holds at most kMaxWildcards of them, each of three letters or more.
  EXPECT_TRUE(builder_->Parse("aaa* bbb* ccc* ddd* eee* fff* ggg* hhh*").ok());
  auto many = builder_->Parse("aaa* bbb* ccc* ddd* eee* fff* ggg* hhh* iii*");
  ASSERT_FALSE(many.ok());
  EXPECT_EQ(many.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(many.status().message().find("at most 8 wildcards"), std::string::npos) << many.status().message();
  for (const char* short_one : {"c*", "co*", "title:co*", "children OR ca*", "\xc3\xa9t*"}) {
    auto rejected = builder_->Parse(short_one);
    ASSERT_FALSE(rejected.ok()) << short_one;
    EXPECT_EQ(rejected.status().code(), Status::Code::kInvalidArgument) << short_one;
    EXPECT_NE(rejected.status().message().find("at least 3 letters"), std::string::npos) << rejected.status().message();
  }
  EXPECT_TRUE(builder_->Parse("cou*").ok());
  EXPECT_TRUE(builder_->Parse("\xc3\xa9t\xc3\xa9*").ok());  // three letters, five bytes
}

TEST_F(QueryBuilderTest, SyntaxErrorsAreInvalidArgument) {
  for (const char* bad : {"children AND", "\"unclosed", "(family hubs"}) {
    auto q = builder_->Parse(bad);
    if (q.ok()) continue;  // Xapian recovers from some of these
    EXPECT_EQ(q.status().code(), Status::Code::kInvalidArgument) << bad;
    EXPECT_EQ(q.status().message().rfind("query syntax", 0), 0u) << q.status().message();
  }
  auto bad = builder_->Parse("children AND OR care");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidArgument);
}

TEST(ParseMoney, Suffixes) {
  double v = 0;
  EXPECT_TRUE(ParseMoney("500000", v));
  EXPECT_DOUBLE_EQ(v, 500000);
  EXPECT_TRUE(ParseMoney("500k", v));
  EXPECT_DOUBLE_EQ(v, 500000);
  EXPECT_TRUE(ParseMoney("2m", v));
  EXPECT_DOUBLE_EQ(v, 2e6);
  EXPECT_TRUE(ParseMoney("1.5bn", v));
  EXPECT_DOUBLE_EQ(v, 1.5e9);
  EXPECT_TRUE(ParseMoney("250,000", v));
  EXPECT_DOUBLE_EQ(v, 250000);
  EXPECT_FALSE(ParseMoney("lots", v));
  EXPECT_FALSE(ParseMoney("5x", v));
}

}  // namespace
}  // namespace councilsearch
