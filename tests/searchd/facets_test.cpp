// Facet counts from the DocTable: the count arrays are reused between
// requests (and shared by threads), so a count must never carry over from
// one counter to the next, whatever the order and overlap of their lives.
// And the table numbers papers without keeping their ids.
#include "searchd/facets.h"

#include <gtest/gtest.h>

#include <random>

#include "indexer/schema.h"
#include "searchd/doc_table.h"

namespace councilsearch {
namespace {

struct Item {
  std::string date, council, committee, type, themes, people;
};

class FacetCounterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937 rng(7);
    const char* councils[] = {"Kent County Council", "Limerick City and County Council", "Leeds City Council"};
    const char* committees[] = {"Cabinet", "Full Council", "Planning", "Scrutiny"};
    const char* themes[] = {"early-help", "family-hubs", "housing", "early-help\nhousing", ""};
    const char* people[] = {"Ann Lee", "Bo Chan\nAnn Lee", "", "Cy Dee"};
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (int i = 0; i < 500; ++i) {
      Item item{rng() % 10 == 0 ? "" : std::to_string(2015 + rng() % 10) + "0101", councils[rng() % 3],
                committees[rng() % 4], rng() % 2 ? "minutes" : "agenda", themes[rng() % 5], people[rng() % 4]};
      Xapian::Document doc;
      doc.add_value(schema::kSlotDate, item.date);
      doc.add_value(schema::kSlotCouncil, item.council);
      doc.add_value(schema::kSlotCommittee, item.committee);
      doc.add_value(schema::kSlotType, item.type);
      doc.add_value(schema::kSlotThemes, item.themes);
      doc.add_value(schema::kSlotPeople, item.people);
      doc.add_value(schema::kSlotPaperId, "paper" + std::to_string(i / 5));
      items_.push_back(item);
      db.add_document(doc);
    }
    table_ = DocTable::Build(db);
  }

  // The counts of `facet` over the items with docids in `ids`, from the items themselves.
  std::map<std::string, uint64_t> Expected(Facet facet, const std::vector<Xapian::docid>& ids) const {
    std::map<std::string, uint64_t> out;
    auto add_all = [&out](const std::string& joined) {
      size_t start = 0;
      while (start < joined.size()) {
        const size_t end = std::min(joined.find('\n', start), joined.size());
        ++out[joined.substr(start, end - start)];
        start = end + 1;
      }
    };
    for (Xapian::docid id : ids) {
      const Item& item = items_[id - 1];
      switch (facet) {
        case Facet::kCouncil: ++out[item.council]; break;
        case Facet::kCommittee: ++out[item.committee]; break;
        case Facet::kType: ++out[item.type]; break;
        case Facet::kYear: ++out[item.date.empty() ? "undated" : item.date.substr(0, 4)]; break;
        case Facet::kTheme: add_all(item.themes); break;
        case Facet::kPerson: add_all(item.people); break;
      }
    }
    return out;
  }

  std::vector<Xapian::docid> Every(int step, int offset) const {
    std::vector<Xapian::docid> ids;
    for (Xapian::docid id = 1 + offset; id <= items_.size(); id += step) ids.push_back(id);
    return ids;
  }

  std::vector<Item> items_;
  std::shared_ptr<const DocTable> table_;
};

constexpr Facet kAll[] = {Facet::kCouncil, Facet::kCommittee, Facet::kType, Facet::kTheme, Facet::kPerson, Facet::kYear};

TEST_F(FacetCounterTest, CountsNeverCarryOverBetweenCounters) {
  const std::vector<std::vector<Xapian::docid>> sets = {Every(1, 0), Every(7, 3), Every(2, 1), Every(7, 3), {}};
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& ids : sets) {
      FacetCounter counter(*table_, {std::begin(kAll), std::end(kAll)});
      // A second counter alive at the same time takes other arrays.
      FacetCounter other(*table_, {Facet::kPerson, Facet::kYear});
      for (Xapian::docid id : ids) counter.Add(id);
      for (Xapian::docid id : Every(3, 0)) other.Add(id);
      EXPECT_EQ(counter.total(), ids.size());
      for (Facet f : kAll) EXPECT_EQ(counter.Counts(f), Expected(f, ids)) << FacetName(f) << " of " << ids.size();
      EXPECT_EQ(other.Counts(Facet::kPerson), Expected(Facet::kPerson, Every(3, 0)));
    }
  }
}

// A search shows each facet's most frequent values, ties by name: named
// from the counts without naming every value seen (FacetCounter::Top), they
// are the same as ranking every count.
TEST_F(FacetCounterTest, TopIsTheMostFrequentOfEveryCount) {
  for (const auto& ids : {Every(1, 0), Every(7, 3), Every(2, 1), Every(50, 4), std::vector<Xapian::docid>{}}) {
    FacetCounter counter(*table_, {std::begin(kAll), std::end(kAll)});
    for (Xapian::docid id : ids) counter.Add(id);
    for (Facet f : kAll) {
      for (size_t limit : {0, 1, 2, 3, 5, 10, 1000}) {
        EXPECT_EQ(counter.Top(f, limit), TopValues(Expected(f, ids), limit))
            << FacetName(f) << " of " << ids.size() << ", top " << limit;
      }
    }
  }
}

TEST_F(FacetCounterTest, ByPaperCountsEachPaperOnce) {
  FacetCounter counter(*table_, {Facet::kCouncil}, /*by_paper=*/true);
  for (Xapian::docid id : Every(1, 0)) counter.Add(id);
  EXPECT_EQ(counter.total(), 100u);  // 500 items, five a paper
  uint64_t papers = 0;
  for (const auto& [council, n] : counter.Counts(Facet::kCouncil)) papers += n;
  EXPECT_GE(papers, 100u);  // a paper whose items name two councils counts under both
  EXPECT_LE(papers, 300u);
}

// Papers are numbered, not named: two items share a number exactly when
// they share a paper id, whether the id is the indexer's (16 hex digits,
// numbered by value) or any other text; an item with no paper has none.
TEST(DocTableTest, PapersAreNumberedOncePerId) {
  const std::vector<std::string> ids = {"00000000000000ff", "ffffffffffffffff", "0123456789abcdef",
                                        "0123456789ABCDEF",  // not the indexer's: by text, another paper
                                        "0123456789abcde",   // 15 digits: by text
                                        "paper-7", "00000000000000fg", ""};
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  std::vector<std::string> of_item;  // by docid - 1
  std::mt19937 rng(11);
  for (int i = 0; i < 200; ++i) {
    of_item.push_back(ids[rng() % ids.size()]);
    Xapian::Document doc;
    if (!of_item.back().empty()) doc.add_value(schema::kSlotPaperId, of_item.back());
    db.add_document(doc);
  }
  const auto table = DocTable::Build(db);
  EXPECT_EQ(table->paper_count(), ids.size() - 1);
  for (Xapian::docid a = 1; a <= of_item.size(); ++a) {
    if (of_item[a - 1].empty()) {
      EXPECT_EQ(table->paper(a), 0u) << a;
      continue;
    }
    EXPECT_GE(table->paper(a), 1u);
    EXPECT_LE(table->paper(a), table->paper_count());
    for (Xapian::docid b = 1; b <= of_item.size(); ++b)
      EXPECT_EQ(table->paper(a) == table->paper(b), of_item[a - 1] == of_item[b - 1]) << a << " " << b;
  }
}

}  // namespace
}  // namespace councilsearch
