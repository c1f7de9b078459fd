// Facet counting while matching: MatchSpies that see every matching item
// (searches ask for exact counts: check_at_least = the database's size).
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

namespace councilsearch {

struct FacetValue {
  std::string value;
  uint64_t count = 0;
  bool operator==(const FacetValue&) const = default;
};

// Counts a slot that holds several values separated by '\n' (themes, people).
class MultiValueCountSpy final : public Xapian::MatchSpy {
 public:
  explicit MultiValueCountSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  const std::map<std::string, uint64_t>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  std::map<std::string, uint64_t> counts_;
};

// Counts the year of a "YYYYMMDD" slot; "undated" for items without a date.
class YearCountSpy final : public Xapian::MatchSpy {
 public:
  explicit YearCountSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  const std::map<std::string, uint64_t>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  std::map<std::string, uint64_t> counts_;
};

// The values of a count map, most frequent first (then by value), at most `limit`.
std::vector<FacetValue> TopValues(const std::map<std::string, uint64_t>& counts, size_t limit);
std::vector<FacetValue> TopValues(const Xapian::ValueCountMatchSpy& spy, size_t limit);

}  // namespace councilsearch
