#include "analyzers/money.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "analyzers/text_util.h"

namespace councilsearch {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

constexpr std::string_view kPound = "\xC2\xA3";     // £
constexpr std::string_view kEuro = "\xE2\x82\xAC";  // €

// The currency whose symbol starts at s[i]; sets `len` to the symbol's length.
const char* CurrencyAt(std::string_view s, size_t i, size_t& len) {
  if (s.substr(i, kPound.size()) == kPound) {
    len = kPound.size();
    return "GBP";
  }
  if (s.substr(i, kEuro.size()) == kEuro) {
    len = kEuro.size();
    return "EUR";
  }
  if (s[i] == '$') {
    len = 1;
    return "USD";
  }
  return nullptr;
}

// A comma at s[k] that separates thousands: exactly three digits follow.
bool ThousandsComma(std::string_view s, size_t k) {
  return k + 3 < s.size() && IsDigit(s[k + 1]) && IsDigit(s[k + 2]) && IsDigit(s[k + 3]) &&
         (k + 4 >= s.size() || !IsDigit(s[k + 4]));
}

// A number at s[i]: digits with thousands commas and a decimal point.
// Returns its length (0: none) and value.
size_t ReadNumber(std::string_view s, size_t i, double& value) {
  size_t k = i;
  std::string digits;
  bool point = false;
  while (k < s.size()) {
    const char c = s[k];
    if (IsDigit(c)) {
      digits += c;
    } else if (c == ',' && !point && !digits.empty() && ThousandsComma(s, k)) {
      // skip the separator
    } else if (c == '.' && !point && !digits.empty() && k + 1 < s.size() && IsDigit(s[k + 1])) {
      point = true;
      digits += '.';
    } else {
      break;
    }
    ++k;
  }
  if (digits.empty()) return 0;
  value = std::strtod(digits.c_str(), nullptr);
  return k - i;
}

// A scale word after a number ("m", "million", "bn", "k", "thousand"),
// joined or after one space; advances `k` past it.
double ReadScale(std::string_view s, size_t& k) {
  size_t j = k;
  if (j < s.size() && s[j] == ' ') ++j;
  size_t w = j;
  while (w < s.size() && IsAlpha(s[w])) ++w;
  const std::string word = ToLowerAscii(s.substr(j, w - j));
  double scale;
  if (word == "m" || word == "million" || word == "millions" || word == "mn") {
    scale = 1e6;
  } else if (word == "bn" || word == "billion") {
    scale = 1e9;
  } else if (word == "k" || word == "thousand") {
    scale = 1e3;
  } else {
    return 1;
  }
  k = w;
  return scale;
}

// Prose amounts: a currency symbol, a number, an optional scale.
void FindProseAmounts(std::string_view s, std::vector<Amount>& out) {
  for (size_t i = 0; i < s.size(); ++i) {
    size_t symbol_len = 0;
    const char* currency = CurrencyAt(s, i, symbol_len);
    if (currency == nullptr) continue;
    size_t k = i + symbol_len;
    if (k < s.size() && s[k] == ' ') ++k;
    double value = 0;
    const size_t n = ReadNumber(s, k, value);
    if (n == 0) continue;
    size_t end = k + n;
    value *= ReadScale(s, end);
    // Negative: "-£0.2m", "(£0.113m)".
    const bool minus = i > 0 && s[i - 1] == '-' && (i < 2 || !IsAlpha(s[i - 2]));
    const bool bracketed = i > 0 && s[i - 1] == '(' && end < s.size() && s[end] == ')';
    if (minus || bracketed) value = -value;
    out.push_back({static_cast<uint32_t>(bracketed || minus ? i - 1 : i),
                   static_cast<uint32_t>(bracketed ? end + 1 : end), value, currency, false});
    i = end - 1;
  }
}

struct Unit {
  double scale = 0;  // 0: not a money column
  const char* currency = nullptr;
};

// A unit marker in a header cell: "£m", "2022/23 £m", "£000", "£'000", "£k", "€m".
Unit UnitIn(std::string_view cell) {
  for (size_t i = 0; i < cell.size(); ++i) {
    size_t len = 0;
    const char* currency = CurrencyAt(cell, i, len);
    if (currency == nullptr) continue;
    std::string rest = ToLowerAscii(TrimView(cell.substr(i + len)));
    if (!rest.empty() && rest.front() == '\'') rest.erase(0, 1);
    if (rest == "m" || rest.rfind("m ", 0) == 0 || rest == "million" || rest == "m)") return {1e6, currency};
    if (rest == "000" || rest == "000s" || rest == "k" || rest == "thousand") return {1e3, currency};
    if (rest.empty() || rest == ")" || rest == "s") return {1, currency};
  }
  return {};
}

std::vector<std::string_view> SplitCells(std::string_view line) {
  std::vector<std::string_view> cells;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    cells.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return cells;
}

// A table cell that is only a figure: "1.095", "(0.200)", "-14.13", "0.000".
std::optional<double> CellFigure(std::string_view cell, size_t& figure_begin, size_t& figure_end) {
  const std::string_view t = TrimView(cell);
  if (t.empty()) return std::nullopt;
  figure_begin = static_cast<size_t>(t.data() - cell.data());
  bool negative = false;
  std::string_view body = t;
  if (body.front() == '(' && body.back() == ')') {
    negative = true;
    body = body.substr(1, body.size() - 2);
  } else if (body.front() == '-') {
    negative = true;
    body.remove_prefix(1);
  }
  double value = 0;
  const size_t n = ReadNumber(body, 0, value);
  if (n == 0 || n != body.size()) return std::nullopt;
  figure_end = figure_begin + t.size();
  return negative ? -value : value;
}

// Tab-separated tables: units from header cells apply to their columns until
// the table ends (a line without tabs); a row label ending in a unit ("... -
// £m") applies to its row.
void FindTableAmounts(std::string_view s, std::vector<Amount>& out) {
  std::vector<Unit> columns;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    const std::string_view line = s.substr(start, end - start);
    if (line.find('\t') == std::string_view::npos) {
      if (!TrimView(line).empty()) columns.clear();  // the table has ended
      start = end + 1;
      continue;
    }
    const std::vector<std::string_view> cells = SplitCells(line);
    // A header row: some cells carry a unit and none is a figure in a money column.
    std::vector<Unit> units(cells.size());
    bool has_unit = false;
    for (size_t c = 0; c < cells.size(); ++c) {
      units[c] = UnitIn(cells[c]);
      has_unit = has_unit || units[c].scale > 0;
    }
    size_t fb, fe;
    bool has_figure = false;
    for (size_t c = 1; c < cells.size(); ++c) has_figure = has_figure || CellFigure(cells[c], fb, fe).has_value();
    if (has_unit && !has_figure) {
      columns = units;
      start = end + 1;
      continue;
    }
    // A unit in the row label: "Core Placements > £4,100 p/w - £m".
    Unit row_unit;
    if (!cells.empty()) {
      const std::string_view label = TrimView(cells[0]);
      const size_t dash = label.rfind(" - ");
      if (dash != std::string_view::npos) row_unit = UnitIn(label.substr(dash + 3));
    }
    for (size_t c = 0; c < cells.size(); ++c) {
      const Unit unit = row_unit.scale > 0 ? row_unit : (c < columns.size() ? columns[c] : Unit{});
      if (unit.scale == 0) continue;
      const auto figure = CellFigure(cells[c], fb, fe);
      if (!figure) continue;
      const size_t cell_offset = static_cast<size_t>(cells[c].data() - s.data());
      out.push_back({static_cast<uint32_t>(cell_offset + fb), static_cast<uint32_t>(cell_offset + fe),
                     std::round(*figure * unit.scale * 100) / 100, unit.currency, true});
    }
    start = end + 1;
  }
}

}  // namespace

std::vector<Amount> FindAmounts(std::string_view text) {
  std::vector<Amount> out;
  FindProseAmounts(text, out);
  FindTableAmounts(text, out);
  std::sort(out.begin(), out.end(), [](const Amount& a, const Amount& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace councilsearch
