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
  uint32_t council(Xapian::docid id) const { return council_[id]; }
  uint32_t committee(Xapian::docid id) const { return committee_[id]; }
  uint32_t type(Xapian::docid id) const { return type_[id]; }
  uint32_t paper(Xapian::docid id) const { return paper_[id]; }
  double amount(Xapian::docid id) const { return amount_[id]; }
  std::span<const uint32_t> themes(Xapian::docid id) const { return Span(themes_, id); }
  std::span<const uint32_t> people(Xapian::docid id) const { return Span(people_, id); }
  // Document lengths (the number of word positions, as Xapian's BM25 reads
  // them) by docid, or empty when built without them.
  std::span<const uint32_t> lengths() const { return length_; }

  const Dictionary& councils() const { return councils_; }
  const Dictionary& committees() const { return committees_; }
  const Dictionary& types() const { return types_; }
  const Dictionary& papers() const { return papers_; }
  const Dictionary& theme_names() const { return theme_names_; }
  const Dictionary& people_names() const { return people_names_; }
  size_t MemoryBytes() const;

 private:
  // Several values per docid, compressed-row style.
  struct MultiValues {
    std::vector<uint32_t> start;  // docid -> first index in values (size: docids + 1)
    std::vector<uint32_t> values;
  };
  static std::span<const uint32_t> Span(const MultiValues& m, Xapian::docid id) {
    if (id + 1 >= m.start.size()) return {};
    return {m.values.data() + m.start[id], m.start[id + 1] - m.start[id]};
  }

  std::vector<uint32_t> date_, council_, committee_, type_, paper_, length_;
  std::vector<uint16_t> month_;
  std::vector<float> amount_;
  MultiValues themes_, people_;
  Dictionary councils_, committees_, types_, papers_, theme_names_, people_names_;
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
