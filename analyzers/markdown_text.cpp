#include "analyzers/markdown_text.h"

#include <algorithm>
#include <cctype>

namespace councilsearch {
namespace {

bool IsTableSeparatorRow(std::string_view line) {
  // | --- | :---: | ---: |
  bool saw_dash = false;
  for (char c : line) {
    if (c == '-') saw_dash = true;
    else if (c != '|' && c != ':' && c != ' ' && c != '\t') return false;
  }
  return saw_dash && line.find('|') != std::string_view::npos;
}

bool IsRule(std::string_view line) {
  // ---, ***, ___ (three or more, optionally spaced)
  size_t n = 0;
  char mark = 0;
  for (char c : line) {
    if (c == ' ' || c == '\t') continue;
    if (c != '-' && c != '*' && c != '_') return false;
    if (mark != 0 && c != mark) return false;
    mark = c;
    ++n;
  }
  return n >= 3;
}

// Rewrites inline markup in one line.
void AppendInlineText(std::string& out, std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    // Text without markup is copied as it is, a run at a time.
    const size_t markup = std::min(s.find_first_of("\\[!*_<", i), s.size());
    out.append(s.substr(i, markup - i));
    i = markup;
    if (i == s.size()) break;
    const char c = s[i];
    if (c == '\\' && i + 1 < s.size() && std::ispunct(static_cast<unsigned char>(s[i + 1]))) {
      out += s[i + 1];
      i += 2;
      continue;
    }
    // Images and links: ![alt](url) -> alt, [text](url) -> text.
    if (c == '[' || (c == '!' && i + 1 < s.size() && s[i + 1] == '[')) {
      const size_t open = c == '[' ? i : i + 1;
      const size_t close = s.find(']', open);
      if (close != std::string_view::npos && close + 1 < s.size() && s[close + 1] == '(') {
        const size_t paren = s.find(')', close + 2);
        if (paren != std::string_view::npos) {
          AppendInlineText(out, s.substr(open + 1, close - open - 1));
          i = paren + 1;
          continue;
        }
      }
    }
    // Emphasis markers: runs of * or _ that touch a word are dropped; a lone
    // '*' between spaces (a footnote, a multiplication) is kept.
    if (c == '*' || (c == '_' && (i + 1 < s.size() && s[i + 1] == '_'))) {
      size_t j = i;
      while (j < s.size() && s[j] == c) ++j;
      const bool before_space = i == 0 || std::isspace(static_cast<unsigned char>(s[i - 1]));
      const bool after_space = j >= s.size() || std::isspace(static_cast<unsigned char>(s[j]));
      if (!(before_space && after_space)) {
        i = j;
        continue;
      }
    }
    // Inline HTML tags such as <small>, </small>, <br>, <input ...>.
    if (c == '<' && i + 1 < s.size() && (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '/')) {
      const size_t close = s.find('>', i);
      if (close != std::string_view::npos) {
        bool tag = true;
        for (size_t k = i + 1; k < close; ++k)
          if (s[k] == '<') tag = false;
        if (tag) {
          const std::string_view name = s.substr(i + 1, close - i - 1);
          if (name.rfind("br", 0) == 0 || name.rfind("/p", 0) == 0) out += ' ';
          i = close + 1;
          continue;
        }
      }
    }
    out += c;
    ++i;
  }
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "| a | b |" -> "a<TAB>b".
std::string PipeRowToCells(std::string_view row) {
  row = Trim(row);
  if (!row.empty() && row.front() == '|') row.remove_prefix(1);
  if (!row.empty() && row.back() == '|') row.remove_suffix(1);
  std::string cells;
  size_t p = 0;
  while (true) {
    const size_t q = row.find('|', p);
    if (p > 0) cells += '\t';
    cells += Trim(row.substr(p, q == std::string_view::npos ? std::string_view::npos : q - p));
    if (q == std::string_view::npos) break;
    p = q + 1;
  }
  return cells;
}

void AppendLineText(std::string& out, std::string_view line) {
  if (IsTableSeparatorRow(line) || IsRule(line)) return;
  std::string_view body = Trim(line);
  // Heading marks: "## Title" -> "Title".
  size_t hashes = 0;
  while (hashes < body.size() && body[hashes] == '#') ++hashes;
  if (hashes > 0 && hashes <= 6 && hashes < body.size() && body[hashes] == ' ') body.remove_prefix(hashes + 1);
  // Block quotes.
  while (!body.empty() && body.front() == '>') {
    body.remove_prefix(1);
    if (!body.empty() && body.front() == ' ') body.remove_prefix(1);
  }
  const size_t start = out.size();
  AppendInlineText(out, body);
  if (out.size() > start && out[start] == '|') {
    const std::string row = out.substr(start);
    out.resize(start);
    out += PipeRowToCells(row);
  }
}

}  // namespace

std::string MarkdownToText(std::string_view md) {
  std::string out;
  out.reserve(md.size());
  size_t start = 0;
  while (true) {
    const size_t end = md.find('\n', start);
    AppendLineText(out, md.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    out += '\n';
    start = end + 1;
  }
  return out;
}

}  // namespace councilsearch
