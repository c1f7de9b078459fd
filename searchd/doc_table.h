// The per-item attributes that facets and trends count, as in-memory arrays
// indexed by docid: date, council, committee, type, paper, money, themes and
// people. Filled once per database revision from Xapian's value streams and
// shared (read-only) by every thread, so that counting a match costs an array
// lookup instead of reading the document's values: a trend or a facet is one
// pass over the matches. With the documents' lengths too, a search for words
// is ranked in that pass as well (term_ranking.h).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace councilsearch {

class DocTable {
 public:
  // Reads the value slots of `db` (every shard, as one), and with
  // `with_lengths` each document's length (one walk of the length lists; only
  // for local databases: a remote one answers a length per round trip).
  static std::shared_ptr<const DocTable> Build(const Xapian::Database& db, bool with_lengths = false);

  // A string attribute as a small number: 0 is "none", else names()[id - 1].
  struct Dictionary {
    std::vector<std::string> names;
    std::unordered_map<std::string, uint32_t> ids;
    uint32_t Id(std::string_view name);
    const std::string& Name(uint32_t id) const { return names[id - 1]; }
  };

  bool Has(Xapian::docid id) const { return id < date_.size(); }
  uint32_t date(Xapian::docid id) const { return date_[id]; }  // YYYYMMDD, 0 when undated
  // The date's month as MonthCode(year, month), 0 when undated: what trend
  // buckets are made of, in a quarter of the cache lines of the date.
  uint16_t month(Xapian::docid id) const { return month_[id]; }
  static constexpr uint16_t MonthCode(uint32_t year, uint32_t month) {
    return static_cast<uint16_t>(year * 12 + month);  // month 1..12, so never 0
  }
  // Asks the CPU to fetch what council() to people() read of `id`.
  void Prefetch(Xapian::docid id) const {
    __builtin_prefetch(&rows_[id]);
    __builtin_prefetch(&rows_[id + 1]);  // where its themes and people end
  }
  uint32_t council(Xapian::docid id) const { return rows_[id].council; }
  uint32_t committee(Xapian::docid id) const { return rows_[id].committee; }
  uint32_t type(Xapian::docid id) const { return rows_[id].type; }
  uint32_t year(Xapian::docid id) const { return rows_[id].year; }  // 0 when undated
  uint32_t paper(Xapian::docid id) const { return paper_[id]; }
  double amount(Xapian::docid id) const { return amount_[id]; }
  std::span<const uint32_t> themes(Xapian::docid id) const {
    return {theme_values_.data() + rows_[id].themes, rows_[id + 1].themes - rows_[id].themes};
  }
  std::span<const uint32_t> people(Xapian::docid id) const {
    return {people_values_.data() + rows_[id].people, rows_[id + 1].people - rows_[id].people};
  }
  // Document lengths (the number of word positions, as Xapian's BM25 reads
  // them) by docid, or empty when built without them.
  std::span<const uint32_t> lengths() const { return length_; }

  const Dictionary& councils() const { return councils_; }
  const Dictionary& committees() const { return committees_; }
  const Dictionary& types() const { return types_; }
  // Papers are numbered 1..paper_count() (what counting distinct papers
  // needs); their ids are not kept: a million of them cost 100 MB and most
  // of the build.
  uint32_t paper_count() const { return paper_count_; }
  const Dictionary& theme_names() const { return theme_names_; }
  const Dictionary& people_names() const { return people_names_; }
  size_t MemoryBytes() const;

 private:
  // What a facet count reads of a match, side by side: one or two cache
  // lines a match instead of one per attribute (counting facets was 11% of
  // a search at 100k items with an array per attribute). An item's themes
  // and people run from its row's index to the next row's.
  struct Row {
    uint32_t council = 0, committee = 0, type = 0;
    uint32_t themes = 0, people = 0;  // first index in theme_values_ / people_values_
    uint32_t year = 0;
  };

  std::vector<uint32_t> date_, paper_, length_;
  std::vector<Row> rows_;  // one per docid, and one more (where the last item's themes and people end)
  std::vector<uint16_t> month_;
  std::vector<float> amount_;
  std::vector<uint32_t> theme_values_, people_values_;
  Dictionary councils_, committees_, types_, theme_names_, people_names_;
  uint32_t paper_count_ = 0;
};

// The tables of the revisions currently open, built once each and shared.
class DocTableCache {
 public:
  // The table for `db`, whose state `key` names (shard revisions and sizes).
  std::shared_ptr<const DocTable> Get(const std::string& key, const Xapian::Database& db, bool with_lengths);

 private:
  std::mutex mutex_;
  std::map<std::string, std::weak_ptr<const DocTable>> tables_;
};

}  // namespace councilsearch
