// Query-string parameters of one request, read and validated.
//
// Routes declare the parameters they accept (routes.h) and anything else is
// rejected, so a misspelt filter ("comittee=") never silently widens a
// search. Getters
// return the value or a default and remember the first problem, so a route
// reads everything and then checks status() once.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzers/status.h"
#include "searchd/search_service.h"

namespace councilsearch::http {

// The parameter names ReadFilters reads.
inline constexpr std::string_view kFilterParams[] = {"council", "committee", "theme", "type",     "person",
                                                     "kind",    "paper",     "from",  "to",       "decisions"};

class Params {
 public:
  explicit Params(const std::multimap<std::string, std::string>& values) : values_(values) {}

  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  // A single-valued parameter (given twice is an error), or `fallback`.
  std::string Text(const std::string& name, const std::string& fallback = "");
  // Every value of a repeatable parameter, empty values dropped.
  std::vector<std::string> All(const std::string& name) const;
  // A whole number in [0, max].
  uint32_t Number(const std::string& name, uint32_t fallback, uint32_t max);
  // true/false/1/0/yes/no.
  bool Flag(const std::string& name, bool fallback);
  // One of a fixed set of words.
  template <typename T>
  T Choice(const std::string& name, std::initializer_list<std::pair<std::string_view, T>> choices, T fallback) {
    if (!Has(name)) return fallback;
    const std::string value = Text(name);
    std::string names;
    for (const auto& [word, v] : choices) {
      if (value == word) return v;
      names += names.empty() ? "" : ", ";
      names += word;
    }
    Fail("'" + name + "' must be one of " + names + " (got '" + value + "')");
    return fallback;
  }
  // A date bound (YYYY, YYYY-MM or YYYY-MM-DD) as YYYYMMDD, or "".
  std::string Date(const std::string& name, bool end_of_period);
  // The shared filters: council, committee, theme (unless `theme_is_filter`
  // is false), type, person, kind, paper, from, to, decisions.
  Filters ReadFilters(bool theme_is_filter = true);

  void Fail(std::string message);
  const Status& status() const { return status_; }

 private:
  const std::multimap<std::string, std::string>& values_;
  Status status_;
};

}  // namespace councilsearch::http
