#include "analyzers/themes.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "analyzers/knowledge.h"
#include "analyzers/phrase_matcher.h"

namespace councilsearch {
namespace {

size_t WordCount(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    const bool space = c == ' ' || c == '\t';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

// For each line of `text`: is it a listing (a table row whose cells are all
// short, or a short bullet with no sentence)?
std::vector<bool> ListingLines(std::string_view text) {
  std::vector<bool> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    bool listing = false;
    if (line.find('\t') != std::string_view::npos) {
      size_t longest = 0, cell_start = 0;
      while (cell_start <= line.size()) {
        size_t tab = line.find('\t', cell_start);
        if (tab == std::string_view::npos) tab = line.size();
        longest = std::max(longest, WordCount(line.substr(cell_start, tab - cell_start)));
        cell_start = tab + 1;
      }
      listing = longest < 12;
    } else {
      while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
      const bool bullet = line.rfind("- ", 0) == 0 || line.rfind("* ", 0) == 0 || line.rfind("\xE2\x80\xA2", 0) == 0;
      while (!line.empty() && (line.back() == ' ' || line.back() == '*')) line.remove_suffix(1);
      listing = bullet && WordCount(line) < 12 && !line.empty() && line.back() != '.';
    }
    out.push_back(listing);
    if (end == text.size()) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

std::vector<ThemeWeight> TagThemes(std::string_view heading, std::string_view text, const Knowledge& kb) {
  std::vector<ThemeWeight> out;
  if (kb.themes.empty()) return out;
  const std::vector<Word> words = SplitWords(text);
  const size_t n = kb.themes.size();
  // Word positions of each theme's mentions; overlapping matches ("play and
  // youth service": "play and youth" and "youth service") count once.
  std::vector<std::vector<size_t>> positions(n);
  std::vector<std::vector<double>> weights(n);
  std::vector<std::set<int>> distinct(n);
  std::vector<uint32_t> covered_until(n, 0);
  size_t w = 0;
  for (const auto& m : kb.theme_matcher.FindAll(text, words)) {
    const size_t t = static_cast<size_t>(m.id);
    distinct[t].insert(m.phrase);
    if (m.begin < covered_until[t]) continue;
    covered_until[t] = m.end;
    while (w < words.size() && words[w].begin < m.begin) ++w;
    // "Child in Need (CIN)": a long form and its abbreviation are one mention.
    if (!positions[t].empty() && w - positions[t].back() <= 3) continue;
    positions[t].push_back(w);
    const bool weak = static_cast<size_t>(m.phrase) < kb.theme_weak_phrase.size() && kb.theme_weak_phrase[static_cast<size_t>(m.phrase)];
    weights[t].push_back(weak ? 0.5 : 1.0);
  }
  // Listings (agenda and work-programme tables, short bulleted titles) name
  // topics without discussing them: mentions there count a third. A table
  // row with a narrative cell of a dozen words or more is not a listing.
  {
    const std::vector<bool> listing = ListingLines(text);
    size_t line = 0, line_start = 0;
    for (size_t t = 0; t < n; ++t) {
      line = 0;
      line_start = 0;
      for (size_t i = 0; i < positions[t].size(); ++i) {
        const uint32_t at = words[positions[t][i]].begin;
        while (true) {
          const size_t nl = text.find('\n', line_start);
          if (nl == std::string_view::npos || nl >= at) break;
          line_start = nl + 1;
          ++line;
        }
        if (line < listing.size() && listing[line]) weights[t][i] /= 3;
      }
    }
  }
  // A sentence that lists many themes ("services that protect vulnerable
  // children, including safeguarding, children in care, those with SEND")
  // mentions each in passing: mentions with three or more other themes
  // within 15 words count a third.
  {
    std::vector<std::pair<size_t, size_t>> all;  // (word position, theme)
    for (size_t t = 0; t < n; ++t)
      for (size_t i = 0; i < positions[t].size(); ++i) all.emplace_back(positions[t][i], t);
    std::sort(all.begin(), all.end());
    for (size_t t = 0; t < n; ++t) {
      for (size_t i = 0; i < positions[t].size(); ++i) {
        const size_t at = positions[t][i];
        std::set<size_t> others;
        const auto lo = std::lower_bound(all.begin(), all.end(), std::make_pair(at >= 15 ? at - 15 : 0, size_t{0}));
        for (auto it = lo; it != all.end() && it->first <= at + 15; ++it)
          if (it->second != t) others.insert(it->second);
        if (others.size() >= 3) weights[t][i] /= 3;
      }
    }
  }
  std::vector<bool> in_heading(n, false);
  for (const auto& m : kb.theme_matcher.FindAll(heading)) in_heading[static_cast<size_t>(m.id)] = true;
  // What length alone would give: about one mention per 800 words.
  const double expected = 2.0 + static_cast<double>(words.size()) / 600.0;
  for (size_t t = 0; t < n; ++t) {
    const std::vector<size_t>& p = positions[t];
    const std::vector<double>& wt = weights[t];
    if (p.empty() && !in_heading[t]) continue;
    double hits = 0;
    for (double x : wt) hits += x;
    // Across the item: mentions beyond what its length would give by chance.
    const double global = std::min(1.0, (hits + 0.5 * (static_cast<double>(distinct[t].size()) - 1)) / (2.0 * expected));
    // In one passage: separate mentions close together (a paragraph or a
    // lettered point about the theme), not two words of one phrase-list.
    double local = 0;
    for (size_t i = 0; i < p.size(); ++i) {
      // Separate mentions (at least 12 words apart) within 100 words, weighted.
      double in_window = wt[i];
      size_t last = p[i];
      for (size_t j = i + 1; j < p.size() && p[j] - p[i] <= 100; ++j) {
        if (p[j] - last < 12) continue;
        in_window += wt[j];
        last = p[j];
      }
      if (in_window >= 3) local = std::max(local, 0.8);
      else if (in_window >= 1.5) local = std::max(local, 0.6);
    }
    const double weight = std::max({global, local, in_heading[t] ? 0.8 : 0.0});
    const double bar = kb.themes[t].min_weight > 0 ? kb.themes[t].min_weight : 0.5;
    if (weight >= bar) out.push_back({kb.themes[t].id, std::round(weight * 100) / 100, static_cast<int>(p.size())});
  }
  std::sort(out.begin(), out.end(), [](const ThemeWeight& a, const ThemeWeight& b) { return a.weight > b.weight; });
  return out;
}

}  // namespace councilsearch
