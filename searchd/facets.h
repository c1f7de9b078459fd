// Facet counting while matching: a MatchSpy that sees every matching item
// (searches ask for exact counts: check_at_least = the database's size) and
// counts the values of several fields at once, by item or by paper.
#pragma once

#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace councilsearch {

struct FacetValue {
  std::string value;
  uint64_t count = 0;
  bool operator==(const FacetValue&) const = default;
};

enum class FacetKind {
  kValue,       // the slot's value, "" for none
  kMultiValue,  // several values separated by '\n' (themes, people)
  kYear,        // the year of a YYYYMMDD slot, "undated" for none
};

struct FacetField {
  std::string name;
  Xapian::valueno slot;
  FacetKind kind;
};

class FacetSpy final : public Xapian::MatchSpy {
 public:
  // With a `paper_slot`, each value counts the distinct papers of the
  // matching items (what a search grouped by paper shows), else the items.
  explicit FacetSpy(std::vector<FacetField> fields, Xapian::valueno paper_slot = Xapian::BAD_VALUENO);
  void operator()(const Xapian::Document& doc, double weight) override;

  // The counts of one field's values (empty values left out).
  std::map<std::string, uint64_t> Counts(const std::string& field) const;
  // Distinct papers seen (with a paper slot), else items seen.
  uint64_t total() const { return paper_slot_ == Xapian::BAD_VALUENO ? items_ : papers_.size(); }

 private:
  void Add(size_t field, const std::string& value, const std::string& paper);

  std::vector<FacetField> fields_;
  Xapian::valueno paper_slot_;
  uint64_t items_ = 0;
  std::set<std::string> papers_;
  std::vector<std::map<std::string, uint64_t>> counts_;                 // by item
  std::vector<std::map<std::string, std::set<std::string>>> by_paper_;  // by paper
};

// The values of a count map, most frequent first (then by value), at most `limit`.
std::vector<FacetValue> TopValues(const std::map<std::string, uint64_t>& counts, size_t limit);

}  // namespace councilsearch
