// Themes: what an item substantially discusses, from the taxonomy in
// data/themes.json (early help, children in care, SEND, ...).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace councilsearch {

struct Knowledge;

struct ThemeWeight {
  std::string id;
  double weight = 0;  // 0..1
  int mentions = 0;
  bool operator==(const ThemeWeight&) const = default;
};

// The themes an item discusses, strongest first. A theme's weight grows with
// its mentions (phrases and acronyms), a mention in the heading and the
// number of different phrases used, against what the item's length would
// give by chance; a single passing mention in a long item stays below the
// theme's min_weight and does not count.
std::vector<ThemeWeight> TagThemes(std::string_view heading, std::string_view text, const Knowledge& knowledge);

}  // namespace councilsearch
