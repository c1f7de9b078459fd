#include "analyzers/dates.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "analyzers/text_util.h"

namespace councilsearch {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view WordAt(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() && IsAlpha(s[j])) ++j;
  return s.substr(i, j - i);
}

bool EqualsLower(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (size_t k = 0; k < word.size(); ++k)
    if (Lower(word[k]) != lower[k]) return false;
  return true;
}

int MonthFromWord(std::string_view w) {
  static constexpr std::array<const char*, 12> kFull = {"january", "february", "march",     "april",
                                                         "may",     "june",     "july",      "august",
                                                         "september", "october", "november", "december"};
  static constexpr std::array<const char*, 12> kShort = {"jan", "feb", "mar", "apr", "may", "jun",
                                                          "jul", "aug", "sep", "oct", "nov", "dec"};
  for (int m = 0; m < 12; ++m) {
    if (EqualsLower(w, kFull[static_cast<size_t>(m)]) || EqualsLower(w, kShort[static_cast<size_t>(m)]))
      return m + 1;
  }
  if (EqualsLower(w, "sept")) return 9;
  return 0;
}

// 0 Monday .. 6 Sunday, or -1.
int WeekdayFromWord(std::string_view w) {
  static constexpr std::array<std::pair<const char*, int>, 17> kDays = {{
      {"monday", 0}, {"tuesday", 1}, {"wednesday", 2}, {"thursday", 3}, {"friday", 4}, {"saturday", 5},
      {"sunday", 6}, {"mon", 0}, {"tue", 1}, {"tues", 1}, {"wed", 2}, {"thu", 3}, {"thur", 3}, {"thurs", 3},
      {"fri", 4}, {"sat", 5}, {"sun", 6}}};
  for (const auto& [name, day] : kDays)
    if (EqualsLower(w, name)) return day;
  return -1;
}

bool ValidDay(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d > kDays[m - 1]) return false;
  if (y != 0 && m == 2 && d == 29) return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return true;
}

// Reads 1..max_digits digits at i; returns the count read (0: none) and the value.
size_t ReadNumber(std::string_view s, size_t i, size_t max_digits, int& value) {
  size_t n = 0;
  value = 0;
  while (i + n < s.size() && IsDigit(s[i + n]) && n < max_digits + 1) {
    value = value * 10 + (s[i + n] - '0');
    ++n;
  }
  return n > max_digits ? 0 : n;
}

// Skips spaces and tabs and at most one blank line (PDF conversions often
// put one between every line); returns the new position.
size_t SkipSpace(std::string_view s, size_t i, size_t max = 6) {
  size_t newlines = 0, n = 0;
  while (i < s.size() && n < max) {
    const char c = s[i];
    if (c == '\n') {
      if (++newlines > 2) break;
    } else if (c != ' ' && c != '\t') {
      break;
    }
    ++i;
    ++n;
  }
  return i;
}

// After a day number: an ordinal suffix, possibly spaced ("26 th") or mangled
// by OCR ("9TM" from a trademark sign, 17%, 25"", 1°"). Returns the position
// after it (i itself when there is none).
size_t SkipOrdinal(std::string_view s, size_t i) {
  size_t j = i;
  if (j < s.size() && s[j] == ' ' && j + 2 < s.size()) {
    const std::string_view w = WordAt(s, j + 1);
    if (w.size() == 2 && (EqualsLower(w, "st") || EqualsLower(w, "nd") || EqualsLower(w, "rd") ||
                          EqualsLower(w, "th")))
      return j + 3;
  }
  const std::string_view w = WordAt(s, j);
  if (w.size() == 2 && (EqualsLower(w, "st") || EqualsLower(w, "nd") || EqualsLower(w, "rd") ||
                        EqualsLower(w, "th") || EqualsLower(w, "tm")))
    return j + 2;
  // OCR junk: up to three of " ' % * ^ ` ° º ª
  size_t junk = 0;
  while (j < s.size() && junk < 3) {
    const char c = s[j];
    if (c == '"' || c == '\'' || c == '%' || c == '*' || c == '^' || c == '`') {
      ++j;
    } else if (c == '\xC2' && j + 1 < s.size() &&
               (s[j + 1] == '\xB0' || s[j + 1] == '\xBA' || s[j + 1] == '\xAA')) {
      j += 2;
    } else {
      break;
    }
    ++junk;
  }
  return j;
}

// A four-digit year in 1900..2100 at i, not followed by another digit.
bool ReadYear(std::string_view s, size_t i, int& year, size_t& end) {
  int v;
  const size_t n = ReadNumber(s, i, 4, v);
  if (n != 4 || v < 1900 || v > 2100) return false;
  year = v;
  end = i + 4;
  return true;
}

// "26 January 2023", "26th of January, 2023", "04th-Mar-2025", "21st September".
bool ParseDayFirst(std::string_view s, size_t i, DateMention& m) {
  int day;
  const size_t n = ReadNumber(s, i, 2, day);
  if (n == 0 || day < 1 || day > 31) return false;
  size_t j = SkipOrdinal(s, i + n);
  const bool dashed = j < s.size() && s[j] == '-';
  if (dashed) ++j;
  j = SkipSpace(s, j);
  if (EqualsLower(WordAt(s, j), "of")) j = SkipSpace(s, j + 2);
  if (j >= s.size() || !IsAlpha(s[j]) || (j > 0 && IsAlnum(s[j - 1]) && j != i + n)) return false;
  const std::string_view month_word = WordAt(s, j);
  const int month = MonthFromWord(month_word);
  if (month == 0) return false;
  size_t end = j + month_word.size();
  if (end < s.size() && s[end] == '.') ++end;
  m.month = month;
  m.day = day;
  m.end = static_cast<uint32_t>(end);
  size_t k = end;
  if (k < s.size() && (s[k] == ',' || (dashed && s[k] == '-'))) ++k;
  k = SkipSpace(s, k);
  int year;
  size_t year_end;
  if (ReadYear(s, k, year, year_end)) {
    m.year = year;
    m.end = static_cast<uint32_t>(year_end);
  }
  return ValidDay(m.year, m.month, m.day);
}

// "January 26, 2023" (month first needs a year).
bool ParseMonthFirst(std::string_view s, size_t i, DateMention& m) {
  const std::string_view month_word = WordAt(s, i);
  const int month = MonthFromWord(month_word);
  if (month == 0) return false;
  size_t j = i + month_word.size();
  if (j < s.size() && s[j] == '.') ++j;
  j = SkipSpace(s, j);
  int day;
  const size_t n = ReadNumber(s, j, 2, day);
  if (n == 0 || day < 1 || day > 31) return false;
  size_t k = SkipOrdinal(s, j + n);
  if (k < s.size() && IsAlnum(s[k])) return false;
  if (k < s.size() && s[k] == ',') ++k;
  k = SkipSpace(s, k);
  int year;
  size_t year_end;
  if (!ReadYear(s, k, year, year_end)) return false;
  m.year = year;
  m.month = month;
  m.day = day;
  m.end = static_cast<uint32_t>(year_end);
  return ValidDay(year, month, day);
}

// "26/01/2023", "26.01.23", "26-01-2023" (day first, as UK councils write),
// and ISO "2023-01-26".
bool ParseNumeric(std::string_view s, size_t i, DateMention& m) {
  int a, b, c;
  const size_t na = ReadNumber(s, i, 4, a);
  if (na == 0) return false;
  size_t j = i + na;
  if (j >= s.size()) return false;
  const char sep = s[j];
  if (sep != '/' && sep != '.' && sep != '-') return false;
  const size_t nb = ReadNumber(s, j + 1, 2, b);
  if (nb == 0) return false;
  size_t k = j + 1 + nb;
  if (k >= s.size() || s[k] != sep) return false;
  const size_t nc = ReadNumber(s, k + 1, 4, c);
  if (nc == 0) return false;
  const size_t end = k + 1 + nc;
  // Not part of a longer number or dotted sequence.
  if (end < s.size() && (IsDigit(s[end]) || ((s[end] == sep || s[end] == '.') && end + 1 < s.size() &&
                                             IsDigit(s[end + 1]))))
    return false;
  int y, mo, d;
  if (na == 4 && nb == 2 && nc == 2 && sep == '-') {
    y = a, mo = b, d = c;
  } else if (na <= 2 && (nc == 4 || nc == 2)) {
    d = a, mo = b, y = nc == 2 ? 2000 + c : c;
    if (nc == 2 && c > 50) y = 1900 + c;
  } else {
    return false;
  }
  if (y < 1900 || y > 2100 || !ValidDay(y, mo, d)) return false;
  m.year = y;
  m.month = mo;
  m.day = d;
  m.numeric = true;
  m.end = static_cast<uint32_t>(end);
  return true;
}

bool TryParseAt(std::string_view s, size_t i, DateMention& m) {
  m = DateMention{};
  m.begin = static_cast<uint32_t>(i);
  if (IsDigit(s[i])) return ParseNumeric(s, i, m) || ParseDayFirst(s, i, m);
  const std::string_view word = WordAt(s, i);
  if (const int weekday = WeekdayFromWord(word); weekday >= 0) {
    size_t j = i + word.size();
    if (j < s.size() && (s[j] == ',' || s[j] == '.')) ++j;
    j = SkipSpace(s, j);
    if (j < s.size() && EqualsLower(WordAt(s, j), "the")) j = SkipSpace(s, j + 3);
    if (j >= s.size()) return false;
    DateMention inner;
    inner.begin = static_cast<uint32_t>(i);
    const bool ok = IsDigit(s[j]) ? ParseDayFirst(s, j, inner) : ParseMonthFirst(s, j, inner);
    if (!ok) return false;
    m = inner;
    m.weekday = weekday;
    return true;
  }
  return ParseMonthFirst(s, i, m);
}

}  // namespace

int DayOfWeek(int y, int m, int d) {
  static constexpr int kOffsets[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  const int sunday_based = (y + y / 4 - y / 100 + y / 400 + kOffsets[m - 1] + d) % 7;  // 0 Sunday
  return (sunday_based + 6) % 7;
}

std::string IsoDate(int year, int month, int day) {
  if (year == 0 || !ValidDay(year, month, day)) return "";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::vector<DateMention> FindDateMentions(std::string_view s) {
  std::vector<DateMention> out;
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    const bool starts_token = IsAlnum(c) && (i == 0 || !IsAlnum(s[i - 1]));
    if (!starts_token) {
      ++i;
      continue;
    }
    DateMention m;
    if (TryParseAt(s, i, m)) {
      out.push_back(m);
      i = m.end;
      continue;
    }
    while (i < s.size() && IsAlnum(s[i])) ++i;  // skip the rest of this token
  }
  return out;
}

namespace {

// Lower-cased text with whitespace runs as single spaces.
std::string Collapse(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += Lower(c);
    }
  }
  return out;
}

bool Has(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

bool HasAny(const std::string& haystack, std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(), [&](std::string_view n) { return Has(haystack, n); });
}

// The text of the sentence before a mention: back to the previous sentence
// end or page break, at most `max` bytes. Blank lines do not end it: PDF
// conversions put them between the lines of one sentence.
std::string_view ContextBefore(std::string_view s, size_t at, size_t max) {
  const size_t lo = at > max ? at - max : 0;
  size_t start = lo;
  for (size_t k = at; k > lo; --k) {
    const char c = s[k - 1];
    if (c == '\f') {
      start = k;
      break;
    }
    // A sentence end: a word of four or more letters, a full stop, white
    // space, and a capital ("Co. Limerick", "Mr. Smith" and "Limerick. on"
    // are not).
    if (c == '.' && k < at && k >= 5 && IsAlpha(s[k - 2]) && IsAlpha(s[k - 3]) && IsAlpha(s[k - 4]) &&
        IsAlpha(s[k - 5])) {
      size_t n = k;
      while (n < at && (s[n] == ' ' || s[n] == '\n')) ++n;
      if (n > k && n < at && s[n] >= 'A' && s[n] <= 'Z') {
        start = k;
        break;
      }
    }
  }
  return s.substr(start, at - start);
}

// The front of a paper, where its own meeting is named; later mentions are
// mostly of other meetings and events.
constexpr size_t kFrontRegion = 1500;

// Non-empty lines before `at` (only counted within the front region).
int LinesBefore(std::string_view text, size_t at) {
  int lines = 0;
  bool content = false;
  for (size_t k = 0; k < at && k < text.size(); ++k) {
    if (text[k] == '\n' || text[k] == '\f') {
      if (content) ++lines;
      content = false;
    } else if (text[k] != ' ' && text[k] != '\t') {
      content = true;
    }
  }
  return lines;
}

// The short heading a mention ends: its line's text before it, with the
// previous line when that is short too; "" when the line is long prose or a
// numbered paragraph.
std::string HeadingBefore(std::string_view text, size_t at) {
  const size_t line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
  const size_t from = line_start == std::string_view::npos ? 0 : line_start + 1;
  const std::string_view prefix = text.substr(from, at - from);
  // Headings are short and are not sentences.
  if (prefix.size() > 80 || prefix.find(". ") != std::string_view::npos) return "";
  const std::string_view trimmed = TrimView(prefix);
  if (!trimmed.empty() && IsDigit(trimmed.front())) return "";  // "1. To provide an update ... 16th September"
  std::string heading = Collapse(prefix);
  // The previous non-blank line, when it is short.
  size_t end = from;
  while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  if (end > 0) {
    const size_t prev_start = text.rfind('\n', end - 1);
    const size_t pfrom = prev_start == std::string_view::npos ? 0 : prev_start + 1;
    if (end - pfrom <= 100) {
      std::string previous = Collapse(text.substr(pfrom, end - pfrom));
      previous.push_back(' ');
      heading.insert(0, previous);
    }
  }
  return heading;
}

// True when the front of the paper is a letter (a summons to a meeting, a
// covering letter): a date alone at its head is the letter's, not the meeting's.
bool LooksLikeLetter(std::string_view text) {
  const std::string front = Collapse(text.substr(0, kFrontRegion + 500));
  return HasAny(front, {"a chomhairleoir", "a chara", "dear councillor", "dear member", "dear sir", "to: the",
                        "to/ the", "to the mayor", "requested to attend", "hereby given", "hereby summoned",
                        "yours sincerely", "yours faithfully", "is mise le meas"});
}

// True when the mention's line starts with an item number or letter ("3.",
// "12", "(4)", "(c)", "b)").
bool StartsWithItemNumber(std::string_view text, size_t at) {
  const size_t line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
  size_t k = line_start == std::string_view::npos ? 0 : line_start + 1;
  while (k < at && (text[k] == ' ' || text[k] == '\t')) ++k;
  const bool open = k < at && text[k] == '(';
  if (open) ++k;
  size_t digits = 0;
  while (k < at && IsDigit(text[k])) ++k, ++digits;
  if (digits > 0) {
    return digits <= 3 && k < at && (text[k] == '.' || text[k] == '\t' || text[k] == ' ' || text[k] == ')');
  }
  // A single letter or roman numeral in brackets: "(c)", "b)", "(iv)".
  size_t letters = 0;
  while (k < at && text[k] >= 'a' && text[k] <= 'z' && letters < 4) ++k, ++letters;
  return letters > 0 && k < at && text[k] == ')';
}

// True when an unclosed "(" precedes the mention on its line.
bool InsideParentheses(std::string_view text, size_t at) {
  int depth = 0;
  for (size_t k = at; k > 0 && text[k - 1] != '\n'; --k) {
    if (text[k - 1] == ')') --depth;
    if (text[k - 1] == '(' && ++depth > 0) return true;
  }
  return false;
}

// True when the mention's line holds nothing but the date (and punctuation).
bool AloneOnLine(std::string_view text, const DateMention& m) {
  for (size_t k = m.begin; k > 0 && text[k - 1] != '\n'; --k)
    if (IsAlnum(text[k - 1])) return false;
  for (size_t k = m.end; k < text.size() && text[k] != '\n'; ++k)
    if (IsAlnum(text[k])) return false;
  return true;
}

struct DocFacts {
  bool letter = false;     // the paper opens as a letter
  int inferred_year = 0;   // for mentions without a year
};

// How much the words around a mention say "this is the meeting's date".
double ScoreMention(std::string_view text, const DateMention& m, size_t index_in_doc, const DocFacts& facts) {
  const std::string before = Collapse(ContextBefore(text, m.begin, 220));
  const std::string near = Collapse(text.substr(m.begin >= 40 ? m.begin - 40 : 0, std::min<size_t>(40, m.begin)));
  std::string_view rest_of_line = text.substr(m.end, 60);
  rest_of_line = rest_of_line.substr(0, rest_of_line.find('\n'));
  std::string after(" ");
  after.append(Collapse(rest_of_line)).push_back(' ');
  const bool front = m.begin < kFrontRegion;
  double score = 0;

  // Labels: "Date: Thursday, 26 January 2023", "Meeting Date 26 th January 2023".
  if (HasAny(near, {"date:", "date of meeting", "meeting date", "date of the meeting"})) score += 4;
  const bool announced = HasAny(before, {"to be held", "will be held", "is to be held", "shall be held"});
  const bool held = Has(before, "held");
  const bool recorded = HasAny(before, {"minutes of", "proceedings", "minutes for"});
  const bool previous = HasAny(before, {"previous", "last meeting", "confirm", "adopt", "approve", "agreed as",
                                        "correct record", "accurate record", "signed"});
  if (announced) {
    score += front ? 4 : 1;
  } else if (held && recorded) {
    // The paper's own title ("Minutes of the meeting ... held on"), at its
    // head; further on, most likely a previous meeting's minutes.
    score += m.begin < 600 ? 4 : front ? 1 : -2;
  } else if (held) {
    score += front ? 3 : 0.5;
  } else if (HasAny(before, {"meeting on", "meeting of", "take place", "takes place", "convened"})) {
    score += front ? 2 : 0;
  }
  if (previous) score -= 4;
  // "... held on 20th July 2023 were agreed as a correct record".
  const std::string rest = Collapse(text.substr(m.end, 80));
  if (HasAny(rest, {"were agreed", "were confirmed", "were approved", "were adopted", "be agreed", "be confirmed",
                    "be approved", "be adopted", "correct record", "accurate record", "were signed", "be signed",
                    "were noted"}))
    score -= 4;
  // "The special meeting on 27th September 2023 will consider ...": another meeting, to come.
  if (!announced && HasAny(rest.substr(0, rest.find('.')), {" will ", " would "})) score -= 1.5;
  // An agenda entry: "3. Minutes of the Meeting held on 30 January 2025 (Pages 1 - 18)",
  // "(c) Special Meeting of the Council held on 29 October, 2024."
  if ((recorded || held) && StartsWithItemNumber(text, m.begin)) score -= 5;
  // An aside: "(Metropolitan District Meeting held on Monday 21st December, 2020)".
  if (InsideParentheses(text, m.begin)) score -= 3;
  if (Has(after, "(pages") || Has(after, "(page ")) score -= 2;
  if (front) {
    // A heading among the first lines: "Minutes for Children and Lifelong
    // Learning Scrutiny Panel 21st September", "Cabinet - 4 March 2025", or a
    // date alone on its line at the head of a report.
    const int line = LinesBefore(text, m.begin);
    const std::string heading = HeadingBefore(text, m.begin);
    if (line < 6 && !held && !announced && !heading.empty() && HasAny(heading, {"minutes", "agenda", "meeting", "committee", "council", "panel", "board",
                                     "cabinet", "to:", "report"}))
      score += 3;
    else if (line < 8 && AloneOnLine(text, m) && !facts.letter)
      score += 2.5;  // a date heading a report; in a letter it is the letter's date
  }
  if (HasAny(near, {"report to", "report of", "presented to", "submitted to", "considered by", "approved by",
                    "agreed by", "adopted by", "dated", "letter", "published", "publication", "printed", "issued",
                    "despatch", "dispatch", "circulated", "deadline", "consultation", "from ", "until", "since",
                    "between", "by ", "before", "after", "ending", "ended", "commencing", "expires", "due",
                    "on or", "(", "updated", "revised", "version"}))
    score -= 1.5;
  if (HasAny(after, {" ago ", "- updated"})) score -= 6;  // a web page's publication stamp
  const std::string time_before = Collapse(text.substr(m.begin >= 12 ? m.begin - 12 : 0, std::min<size_t>(12, m.begin)));
  if (!held && (Has(time_before, "am,") || Has(time_before, "pm,"))) score -= 3;
  if (m.weekday >= 0) score += 1;
  if (m.numeric) score -= 1;
  if (m.year == 0) score -= 0.5;
  if (m.begin < 600) score += 1;
  else if (front) score += 0.5;
  if (index_in_doc == 0) score += 0.5;
  return score;
}

// The trimmed line holding [begin, end), at most 200 bytes.
std::string LineAround(std::string_view text, size_t begin, size_t end) {
  const size_t line_start = text.rfind('\n', begin);
  const size_t from = line_start == std::string_view::npos ? 0 : line_start + 1;
  const size_t line_end = text.find('\n', end);
  const std::string_view line =
      TrimView(text.substr(from, (line_end == std::string_view::npos ? text.size() : line_end) - from));
  return std::string(TruncateUtf8(line, 200));
}

int InferYear(const std::vector<DateMention>& mentions) {
  std::map<int, int> years;
  for (const DateMention& m : mentions)
    if (m.year != 0 && !m.numeric) ++years[m.year];
  int best = 0, count = 0;
  for (const auto& [y, n] : years) {
    if (n > count || (n == count && y > best)) {
      best = y;
      count = n;
    }
  }
  return best;
}

// The year a mention means: its own, or for a mention without one the
// paper's usual year, or the year beside it where a named weekday fits
// ("Thursday 18th February"). A weekday that does not fit a written year is
// more often the typo than the year is, so the year stands and the mention
// scores a little lower. Returns the year and a score adjustment.
std::pair<int, double> ResolveYear(const DateMention& m, int inferred_year) {
  if (m.weekday < 0) return {m.year != 0 ? m.year : inferred_year, 0.0};
  if (m.year != 0) {
    const bool fits = ValidDay(m.year, m.month, m.day) && DayOfWeek(m.year, m.month, m.day) == m.weekday;
    return {m.year, fits ? 0.5 : -0.5};
  }
  if (inferred_year == 0) return {0, 0.0};
  for (int year : {inferred_year, inferred_year + 1, inferred_year - 1}) {
    if (ValidDay(year, m.month, m.day) && DayOfWeek(year, m.month, m.day) == m.weekday) return {year, 0.0};
  }
  return {inferred_year, -0.5};
}

}  // namespace

std::vector<DateCandidate> RankMeetingDates(std::string_view text) {
  const std::vector<DateMention> mentions = FindDateMentions(text);
  DocFacts facts;
  facts.inferred_year = InferYear(mentions);
  facts.letter = LooksLikeLetter(text);
  std::map<std::string, DateCandidate> by_date;
  for (size_t k = 0; k < mentions.size(); ++k) {
    const DateMention& m = mentions[k];
    const auto [year, adjustment] = ResolveYear(m, facts.inferred_year);
    const std::string iso = IsoDate(year, m.month, m.day);
    if (iso.empty()) continue;
    const double s = ScoreMention(text, m, k, facts) + adjustment;
    DateCandidate& c = by_date[iso];
    if (c.mentions++ == 0 || s > c.score) {
      c.iso = iso;
      c.score = s;
      c.mention = m;
    }
  }
  std::vector<DateCandidate> out;
  for (auto& [iso, c] : by_date) {
    c.score += std::min(1.5, 0.5 * (c.mentions - 1));  // a date the paper repeats is more likely its own
    out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](const DateCandidate& a, const DateCandidate& b) {
    return a.score > b.score || (a.score == b.score && a.mention.begin < b.mention.begin);
  });
  return out;
}

std::optional<Extracted> ExtractMeetingDate(std::string_view text) {
  const std::vector<DateCandidate> candidates = RankMeetingDates(text);
  if (candidates.empty()) return std::nullopt;
  const DateCandidate& best = candidates.front();
  constexpr double kThreshold = 3.0;
  if (best.score < kThreshold) return std::nullopt;
  const double margin = candidates.size() > 1 ? best.score - candidates[1].score : 4.0;
  if (margin < 0.75) return std::nullopt;  // two dates look equally like the meeting's
  double confidence = 1.0 / (1.0 + std::exp(-(best.score - kThreshold) * 0.8)) * std::min(1.0, 0.5 + margin / 4);
  if (best.mention.year == 0) confidence *= 0.8;
  confidence = std::clamp(0.5 + confidence / 2, 0.5, 0.99);
  return Extracted{best.iso, confidence, LineAround(text, best.mention.begin, best.mention.end)};
}

}  // namespace councilsearch
