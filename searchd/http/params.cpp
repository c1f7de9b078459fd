#include "searchd/http/params.h"

#include <algorithm>

namespace councilsearch::http {

void Params::Fail(std::string message) {
  if (status_.ok()) status_ = Status::InvalidArgument(std::move(message));
}

std::string Params::Text(const std::string& name, const std::string& fallback) {
  const auto [begin, end] = values_.equal_range(name);
  if (begin == end) return fallback;
  if (std::next(begin) != end) Fail("'" + name + "' is given more than once");
  return begin->second;
}

std::vector<std::string> Params::All(const std::string& name) const {
  std::vector<std::string> out;
  const auto [begin, end] = values_.equal_range(name);
  for (auto it = begin; it != end; ++it)
    if (!it->second.empty()) out.push_back(it->second);
  return out;
}

uint32_t Params::Number(const std::string& name, uint32_t fallback, uint32_t max) {
  if (!Has(name)) return fallback;
  const std::string text = Text(name);
  const bool digits = !text.empty() && text.size() <= 9 && std::all_of(text.begin(), text.end(), ::isdigit);
  if (!digits) {
    Fail("'" + name + "' must be a whole number (got '" + text + "')");
    return fallback;
  }
  const auto value = static_cast<uint32_t>(std::stoul(text));
  if (value > max) {
    Fail("'" + name + "' is at most " + std::to_string(max) + " (got " + text + ")");
    return fallback;
  }
  return value;
}

bool Params::Flag(const std::string& name, bool fallback) {
  return Choice<bool>(name, {{"true", true}, {"false", false}, {"1", true}, {"0", false}, {"yes", true}, {"no", false}},
                      fallback);
}

std::string Params::Date(const std::string& name, bool end_of_period) {
  const std::string text = Text(name);
  if (text.empty()) return "";
  auto bound = DateBound(text, end_of_period);
  if (!bound.ok()) {
    Fail("'" + name + "': " + bound.status().message());
    return "";
  }
  return *bound;
}

Filters Params::ReadFilters(bool theme_is_filter) {
  Filters f;
  f.councils = All("council");
  f.committees = All("committee");
  if (theme_is_filter) f.themes = All("theme");
  f.types = All("type");
  f.people = All("person");
  f.kinds = All("kind");
  f.papers = All("paper");
  f.from = Date("from", false);
  f.to = Date("to", true);
  f.decisions_only = Flag("decisions", false);
  if (!f.from.empty() && !f.to.empty() && f.from > f.to) Fail("'from' is after 'to'");
  return f;
}

}  // namespace councilsearch::http
