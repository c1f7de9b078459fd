#include "analyzers/text_lines.h"

#include <cctype>

#include "analyzers/text_util.h"

namespace councilsearch {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

bool IsChromeLine(std::string_view line) {
  static constexpr const char* kChrome[] = {
      "skip to main content", "skip to content", "skip to navigation", "skip to main navigation",
      "back to top", "print this page", "jump to navigation", "accessibility links", "toggle navigation",
      "original file", "download", "view pdf", "download pdf"};
  const std::string_view trimmed = TrimView(line);
  for (const char* c : kChrome)
    if (EqualsLowerAscii(trimmed, c)) return true;
  return false;
}

bool AllCapitals(std::string_view s) {
  size_t letters = 0;
  for (char c : s) {
    if (IsAlpha(c)) {
      ++letters;
      if (!IsUpper(c)) return false;
    }
  }
  return letters > 0;
}

std::string LastWordLower(std::string_view s) {
  s = TrimView(s);
  while (!s.empty() && !IsAlpha(s.back())) s.remove_suffix(1);
  const size_t sp = s.find_last_of(" \t");
  return ToLowerAscii(sp == std::string_view::npos ? s : s.substr(sp + 1));
}

std::vector<LogicalLine> HeadingLines(std::string_view text, size_t max) {
  std::vector<std::pair<std::string_view, size_t>> physical;
  for (size_t start = 0; start < text.size() && physical.size() < max;) {
    size_t end = text.find_first_of("\n\f", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = TrimView(text.substr(start, end - start));
    if (!line.empty()) physical.emplace_back(line, static_cast<size_t>(line.data() - text.data()));
    start = end + 1;
  }
  std::vector<LogicalLine> out;
  for (size_t i = 0; i < physical.size(); ++i) {
    LogicalLine l{std::string(physical[i].first), physical[i].second, physical[i].second + physical[i].first.size()};
    while (i + 1 < physical.size() && l.text.size() < 250) {
      const std::string_view next = physical[i + 1].first;
      const char last = l.text.back();
      if (last == '.' || last == ';' || last == ':' || last == '?' || last == '!') break;
      if (!next.empty() && (std::isdigit(static_cast<unsigned char>(next.front())) || next.front() == '(')) break;
      const std::string last_word = LastWordLower(l.text);
      const bool joiner = last == ',' || last == '-' || last == '&' || last_word == "and" || last_word == "of" ||
                          last_word == "the" || last_word == "for" || last_word == "at" || last_word == "to" ||
                          last_word == "in" || last_word == "on" || last_word == "an" || last_word == "a";
      const bool capitals = AllCapitals(l.text) && AllCapitals(next) && next.size() < 90;
      const bool lower_next = !next.empty() && next.front() >= 'a' && next.front() <= 'z';
      if (!joiner && !capitals && !lower_next) break;
      l.text += ' ';
      l.text += next;
      l.end = physical[i + 1].second + next.size();
      ++i;
    }
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace councilsearch
