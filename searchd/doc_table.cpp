#include "searchd/doc_table.h"

#include "indexer/schema.h"

namespace councilsearch {
namespace {

using namespace schema;

// Fills `out[docid]` for every document with a value in `slot`.
template <typename F>
void ForEachValue(const Xapian::Database& db, Xapian::valueno slot, F&& f) {
  for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) f(v.get_docid(), *v);
}

// '\n'-separated values as dictionary ids: `start(docid)` is set to the
// docid's first index in `values`, for every docid and one past the last.
template <typename Start>
void FillMulti(const Xapian::Database& db, Xapian::valueno slot, size_t docids, DocTable::Dictionary& dict,
               Start&& start, std::vector<uint32_t>& values) {
  std::vector<std::pair<Xapian::docid, std::vector<uint32_t>>> rows;
  ForEachValue(db, slot, [&](Xapian::docid id, const std::string& v) {
    std::vector<uint32_t> ids;
    size_t b = 0;
    while (b < v.size()) {
      size_t e = v.find('\n', b);
      if (e == std::string::npos) e = v.size();
      if (e > b) ids.push_back(dict.Id(std::string_view(v).substr(b, e - b)));
      b = e + 1;
    }
    rows.emplace_back(id, std::move(ids));
  });
  // Rows come in docid order from the value stream.
  size_t r = 0;
  for (Xapian::docid id = 0; id < docids; ++id) {
    start(id) = static_cast<uint32_t>(values.size());
    if (r < rows.size() && rows[r].first == id) {
      values.insert(values.end(), rows[r].second.begin(), rows[r].second.end());
      ++r;
    }
  }
  start(static_cast<Xapian::docid>(docids)) = static_cast<uint32_t>(values.size());
}

// Paper ids as numbers from 1, while the table is built. The indexer's ids
// are 16 hex digits (a 64-bit hash of the paper's key), numbered by their
// value; any other id by its text.
class PaperNumbers {
 public:
  explicit PaperNumbers(size_t expected) { by_value_.reserve(expected); }
  uint32_t Number(const std::string& id) {
    uint64_t value = 0;
    if (id.size() == 16 && ParseHex(id, value)) return by_value_.try_emplace(value, Next()).first->second;
    return by_text_.try_emplace(id, Next()).first->second;
  }
  uint32_t count() const { return static_cast<uint32_t>(by_value_.size() + by_text_.size()); }

 private:
  uint32_t Next() const { return count() + 1; }
  static bool ParseHex(const std::string& s, uint64_t& out) {
    for (char c : s) {
      const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (digit < 0) return false;
      out = out << 4 | static_cast<uint64_t>(digit);
    }
    return true;
  }
  std::unordered_map<uint64_t, uint32_t> by_value_;
  std::unordered_map<std::string, uint32_t> by_text_;
};

}  // namespace

uint32_t DocTable::Dictionary::Id(std::string_view name) {
  if (name.empty()) return 0;
  const auto [it, added] = ids.try_emplace(std::string(name), static_cast<uint32_t>(names.size() + 1));
  if (added) names.emplace_back(name);
  return it->second;
}

std::shared_ptr<const DocTable> DocTable::Build(const Xapian::Database& db, bool with_lengths) {
  auto table = std::make_shared<DocTable>();
  const size_t docids = static_cast<size_t>(db.get_lastdocid()) + 1;
  table->date_.assign(docids, 0);
  table->rows_.assign(docids + 1, Row{});
  table->paper_.assign(docids, 0);
  table->amount_.assign(docids, 0);
  table->month_.assign(docids, 0);
  ForEachValue(db, kSlotDate, [&](Xapian::docid id, const std::string& v) {
    if (v.size() != 8) return;
    const auto date = static_cast<uint32_t>(std::stoul(v));
    table->date_[id] = date;
    table->rows_[id].year = date / 10000;
    if (date / 100 % 100 >= 1 && date / 100 % 100 <= 12 && date / 10000 < 5000)
      table->month_[id] = MonthCode(date / 10000, date / 100 % 100);
  });
  auto& rows = table->rows_;
  ForEachValue(db, kSlotCouncil, [&](Xapian::docid id, const std::string& v) { rows[id].council = table->councils_.Id(v); });
  ForEachValue(db, kSlotCommittee,
               [&](Xapian::docid id, const std::string& v) { rows[id].committee = table->committees_.Id(v); });
  ForEachValue(db, kSlotType, [&](Xapian::docid id, const std::string& v) { rows[id].type = table->types_.Id(v); });
  {
    PaperNumbers papers(docids / 2);
    ForEachValue(db, kSlotPaperId, [&](Xapian::docid id, const std::string& v) {
      if (!v.empty()) table->paper_[id] = papers.Number(v);
    });
    table->paper_count_ = papers.count();
  }
  ForEachValue(db, kSlotAmountTotal, [&](Xapian::docid id, const std::string& v) {
    table->amount_[id] = static_cast<float>(Xapian::sortable_unserialise(v));
  });
  FillMulti(db, kSlotThemes, docids, table->theme_names_, [&](Xapian::docid id) -> uint32_t& { return rows[id].themes; },
            table->theme_values_);
  FillMulti(db, kSlotPeople, docids, table->people_names_, [&](Xapian::docid id) -> uint32_t& { return rows[id].people; },
            table->people_values_);
  if (with_lengths) {
    table->length_.assign(docids, 0);
    for (auto p = db.postlist_begin(""), end = db.postlist_end(""); p != end; ++p) table->length_[*p] = p.get_doclength();
  }
  return table;
}

size_t DocTable::MemoryBytes() const {
  size_t bytes = (date_.size() + paper_.size() + length_.size() + theme_values_.size() + people_values_.size()) *
                     sizeof(uint32_t) +
                 rows_.size() * sizeof(Row) + amount_.size() * sizeof(float) + month_.size() * 2;
  for (const Dictionary* d : {&councils_, &committees_, &types_, &theme_names_, &people_names_})
    for (const std::string& n : d->names) bytes += 2 * (n.size() + 32);
  return bytes;
}

std::shared_ptr<const DocTable> DocTableCache::Get(const std::string& key, const Xapian::Database& db,
                                                   bool with_lengths) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Forget tables no handle uses any more.
  for (auto it = tables_.begin(); it != tables_.end();) it = it->second.expired() ? tables_.erase(it) : std::next(it);
  if (auto it = tables_.find(key); it != tables_.end()) {
    if (auto table = it->second.lock()) return table;
  }
  auto table = DocTable::Build(db, with_lengths);
  tables_[key] = table;
  return table;
}

}  // namespace councilsearch
