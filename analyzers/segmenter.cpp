#include "analyzers/segmenter.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>

#include "analyzers/dates.h"
#include "analyzers/document_type.h"
#include "analyzers/text_lines.h"
#include "analyzers/text_util.h"

namespace councilsearch {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAlpha(char c) { return IsUpper(c) || IsLower(c); }

struct Line {
  uint32_t begin = 0, end = 0;  // the raw line, without its '\n'
  std::string_view text;        // trimmed, without list markers' "- " or "• "
  bool boilerplate = false;
};

std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find_first_of("\n\f", start);
    if (end == std::string_view::npos) end = text.size();
    Line line;
    line.begin = static_cast<uint32_t>(start);
    line.end = static_cast<uint32_t>(end);
    line.text = TrimView(text.substr(start, end - start));
    lines.push_back(line);
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

// "Page 59", "59", "- 12 -", "Page 3 of 10", "12 | Page".
bool IsPageNumberLine(std::string_view s) {
  // At most "page" + 6 digits + "of" survive the stripping below: most lines
  // are longer, and are let go before any copy is made.
  size_t kept = 0;
  for (char c : s)
    if (c != ' ' && c != '-' && c != '|' && c != '\t' && ++kept > 12) return false;
  std::string lower = ToLowerAscii(s);
  std::string stripped;
  for (char c : lower)
    if (c != ' ' && c != '-' && c != '|' && c != '\t') stripped += c;
  if (stripped.empty()) return false;
  if (StartsWith(stripped, "page")) stripped = stripped.substr(4);
  if (EndsWith(stripped, "page")) stripped = stripped.substr(0, stripped.size() - 4);
  const size_t of = stripped.find("of");
  if (of != std::string::npos) stripped.erase(of, 2);
  return !stripped.empty() && stripped.size() <= 6 && std::all_of(stripped.begin(), stripped.end(), IsDigit);
}

// A normalised key for spotting running headers: lower case, digits as '#'.
std::string RepeatKey(std::string_view s) {
  std::string key;
  for (char c : s) {
    if (IsDigit(c)) {
      if (key.empty() || key.back() != '#') key += '#';
    } else if (c == ' ' || c == '\t') {
      if (!key.empty() && key.back() != ' ') key += ' ';
    } else {
      key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  return key;
}

bool IsDecisionCue(std::string_view line);

// Lines repeated as running headers or footers: the same text (numbers aside)
// three or more times, long enough to be a title, and not a decision or an
// item's formula ("That the report be noted.").
void MarkBoilerplate(std::vector<Line>& lines) {
  std::vector<std::string> keys(lines.size());  // of the lines long enough to be a running title
  std::unordered_map<std::string_view, int> counts;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string_view text = lines[i].text;
    if (text.size() < 15 || text.size() > 140) continue;
    keys[i] = RepeatKey(text);
    ++counts[keys[i]];
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    Line& l = lines[i];
    if (l.text.empty()) continue;
    if (IsBoilerplateLine(l.text)) {
      l.boilerplate = true;
      continue;
    }
    if (keys[i].empty()) continue;
    const char last = l.text.back();
    if (last == '.' || last == ',' || last == ';') continue;
    if (IsDecisionCue(l.text)) continue;
    if (IsDigit(l.text.front()) || l.text.front() == '(') continue;
    if (counts[keys[i]] >= 3) l.boilerplate = true;
  }
}

bool IsDecisionCue(std::string_view line) {
  for (const char* cue : {"resolved", "it was resolved", "recommendation", "recommendations", "decision:", "decisions:",
                          "agreed:", "it was agreed", "the committee resolved", "the panel resolved",
                          "the cabinet resolved", "council resolved"}) {
    if (StartsWithLowerAscii(line, cue)) return true;
  }
  return false;
}

// Heading words: short, no sentence punctuation at the end, starting with a
// capital, and not a sentence ("To provide an update on ...").
bool IsHeadingLike(std::string_view s, size_t max_words = 16) {
  s = TrimView(s);
  if (s.empty() || s.size() > 160) return false;
  const char last = s.back();
  if (last == '.' || last == ',' || last == ';') return false;
  if (!IsUpper(s.front()) && !IsDigit(s.front()) && s.front() != '\'' && s.front() != '"') return false;
  size_t words = 0;
  bool in = false;
  for (char c : s) {
    const bool space = c == ' ' || c == '\t';
    if (!space && !in) ++words;
    in = !space;
  }
  if (words > max_words) return false;
  if (last == ':' && words > 8) return false;  // "During discussion the following questions were asked ...:"
  // Sentences in minutes start like these.
  const std::string lower = ToLowerAscii(s);
  for (const char* start : {"to ", "that ", "the committee ", "the panel ", "it was ", "there ", "members ",
                            "councillor ", "cllr", "mr ", "mrs ", "ms ", "he ", "she ", "they ", "we "}) {
    if (StartsWith(lower, start) && words > 5) return false;
  }
  return true;
}

struct Candidate {
  size_t line = 0;          // the line the item starts on
  std::string prefix;       // "SPCLL" in "SPCLL.27"; "" otherwise
  int number = 0;
  std::string number_text;  // as printed: "27", "SPCLL.27", "286"
  std::string heading;
  bool table_row = false;   // "1<TAB>Apologies<TAB>": an agenda table's row
};

// The next non-blank, non-boilerplate line after `i`, or lines.size().
size_t NextContentLine(const std::vector<Line>& lines, size_t i, size_t limit = 4) {
  for (size_t k = i + 1; k < lines.size() && k <= i + limit; ++k) {
    if (!lines[k].text.empty() && !lines[k].boilerplate) return k;
  }
  return lines.size();
}

// The heading that continues on the next line ("Minutes of the meetings held
// on 19 December 2024 and 9 January 2025" / "and, if in order, ...").
std::string HeadingWithContinuation(const std::vector<Line>& lines, size_t i, std::string heading) {
  const size_t next = NextContentLine(lines, i, 1);
  if (next < lines.size() && !lines[next].text.empty() && IsLower(lines[next].text.front()) &&
      heading.size() + lines[next].text.size() < 200) {
    heading += ' ';
    heading += lines[next].text;
  }
  return heading;
}

// Numbered headings: "22 Chair", "SPCLL.27 CHILDREN'S ...", "286.<TAB>Apologies",
// "1." alone with the title on the next line, "Item 1" / "Item 1: Minutes",
// "Agenda Item: 13".
std::optional<Candidate> NumberedHeading(const std::vector<Line>& lines, size_t i) {
  std::string_view s = lines[i].text;
  if (s.empty() || lines[i].boilerplate) return std::nullopt;
  Candidate c;
  c.line = i;
  const std::string lower = ToLowerAscii(s.substr(0, 16));
  // "Item 1", "Agenda Item: 13", "ITEM 4:"
  for (const char* word : {"agenda item", "item"}) {
    if (!StartsWith(lower, word)) continue;
    size_t k = std::string_view(word).size();
    while (k < s.size() && (s[k] == ' ' || s[k] == ':' || s[k] == '.' || s[k] == '\t')) ++k;
    size_t digits = 0;
    int value = 0;
    while (k < s.size() && IsDigit(s[k]) && digits < 3) value = value * 10 + (s[k++] - '0'), ++digits;
    if (digits == 0 || (k < s.size() && IsAlpha(s[k]))) return std::nullopt;
    c.number = value;
    c.number_text = std::to_string(value);
    while (k < s.size() && (s[k] == ' ' || s[k] == ':' || s[k] == '.' || s[k] == '-' || s[k] == '\t')) ++k;
    std::string_view title = TrimView(s.substr(k));
    if (title.empty()) {
      const size_t next = NextContentLine(lines, i);
      if (next < lines.size() && IsHeadingLike(lines[next].text)) title = lines[next].text;
    }
    c.heading = std::string(title);
    return c;
  }
  // Optional prefix "SPCLL." then 1-3 digits.
  size_t k = 0;
  while (k < s.size() && IsUpper(s[k]) && k < 8) ++k;
  if (k >= 2 && k < s.size() && s[k] == '.' && k + 1 < s.size() && IsDigit(s[k + 1])) {
    c.prefix = std::string(s.substr(0, k));
    ++k;
  } else {
    k = 0;
  }
  const size_t digits_start = k;
  int value = 0;
  while (k < s.size() && IsDigit(s[k]) && k - digits_start < 3) value = value * 10 + (s[k++] - '0');
  if (k == digits_start || (k < s.size() && IsDigit(s[k]))) return std::nullopt;
  // "2.1 The Committee is asked": a section number, not an item.
  if (k + 1 < s.size() && s[k] == '.' && IsDigit(s[k + 1])) return std::nullopt;
  if (k < s.size() && (s[k] == '.' || s[k] == ')' || s[k] == ':')) ++k;
  if (k < s.size() && s[k] != ' ' && s[k] != '\t') return std::nullopt;  // "4th", "3rd", "10am"
  c.number = value;
  c.number_text = c.prefix.empty() ? std::to_string(value) : c.prefix + "." + std::to_string(value);
  std::string_view rest = TrimView(s.substr(k));
  c.table_row = rest.find('\t') != std::string_view::npos;
  if (c.table_row) rest = TrimView(rest.substr(0, rest.find('\t')));
  if (rest.empty()) {
    // The number alone on its line; the title on the next.
    const size_t next = NextContentLine(lines, i);
    if (next >= lines.size() || !IsHeadingLike(lines[next].text)) return std::nullopt;
    c.heading = HeadingWithContinuation(lines, next, std::string(lines[next].text));
    return c;
  }
  if (!IsHeadingLike(rest)) return std::nullopt;
  c.heading = HeadingWithContinuation(lines, i, std::string(rest));
  return c;
}

// The longest run of numbered headings whose numbers go up by one to three
// at each step (same prefix); runs shorter than two are not trusted. For
// each (prefix, number) only the best run ending there so far is kept, so
// this is linear in the number of candidates.
std::vector<Candidate> NumberedChain(const std::vector<Candidate>& candidates) {
  const size_t n = candidates.size();
  std::vector<int> length(n, 1);
  std::vector<int> previous(n, -1);
  std::map<std::pair<std::string, int>, int> best_ending;  // (prefix, number) -> candidate index
  for (size_t i = 0; i < n; ++i) {
    for (int step : {1, 2, 3}) {
      const auto it = best_ending.find({candidates[i].prefix, candidates[i].number - step});
      if (it == best_ending.end()) continue;
      const int j = it->second;
      if (length[static_cast<size_t>(j)] + 1 > length[i]) {
        length[i] = length[static_cast<size_t>(j)] + 1;
        previous[i] = j;
      }
    }
    const std::pair<std::string, int> key{candidates[i].prefix, candidates[i].number};
    const auto it = best_ending.find(key);
    if (it == best_ending.end() || length[i] >= length[static_cast<size_t>(it->second)])
      best_ending[key] = static_cast<int>(i);
  }
  int best = -1;
  for (size_t i = 0; i < n; ++i)
    if (best < 0 || length[i] > length[static_cast<size_t>(best)]) best = static_cast<int>(i);
  std::vector<Candidate> chain;
  if (best < 0 || length[static_cast<size_t>(best)] < 2) return chain;
  for (int k = best; k >= 0; k = previous[static_cast<size_t>(k)]) chain.push_back(candidates[static_cast<size_t>(k)]);
  std::reverse(chain.begin(), chain.end());
  return chain;
}

bool IsBodyLine(std::string_view s) {
  const std::string last = LastWordLower(s);
  return (last == "committee" || last == "panel" || last == "board" || last == "cabinet" || last == "council" ||
          last == "sub-committee" || last == "forum") &&
         s.size() < 100;
}

bool IsDateLine(std::string_view s) {
  const std::vector<DateMention> dates = FindDateMentions(s);
  if (dates.empty()) return false;
  size_t other = 0;
  for (size_t k = 0; k < s.size(); ++k) {
    if (k >= dates.front().begin && k < dates.front().end) continue;
    if (IsAlpha(s[k]) || IsDigit(s[k])) ++other;
  }
  return other <= 12;  // "Thursday 31st March 2022", "26 January 2023"
}

// A value after a label: "Subject:<TAB>Children's Social Care Service Redesign".
std::optional<std::string> LabelValue(std::string_view line, std::initializer_list<const char*> labels) {
  const std::string lower = ToLowerAscii(line);
  for (const char* label : labels) {
    if (!StartsWith(lower, label)) continue;
    std::string_view value = line.substr(std::string_view(label).size());
    if (value.empty() || (value.front() != ':' && value.front() != '\t')) continue;  // the label ends there
    while (!value.empty() && (value.front() == ':' || value.front() == '\t' || value.front() == ' ')) value.remove_prefix(1);
    value = TrimView(value);
    if (value.size() == line.size() - std::string_view(label).size()) continue;  // "Subject to call-in"
    if (!value.empty()) return std::string(value);
  }
  return std::nullopt;
}

struct Part {
  size_t line = 0;
  std::string heading;
  std::string number;
  bool minutes = false;  // split into numbered items
};

// Cover sheets inside a document pack.
std::vector<Part> FindParts(const std::vector<Line>& lines) {
  std::vector<Part> parts;
  parts.push_back({0, "", "", false});
  auto add = [&](size_t line, std::string heading, bool minutes) {
    if (!parts.empty() && line <= parts.back().line + 3 && parts.back().line != 0) {
      if (!heading.empty() && parts.back().heading.empty()) parts.back().heading = std::move(heading);
      return;
    }
    parts.push_back({line, std::move(heading), "", minutes});
  };
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string_view s = lines[i].text;
    if (s.empty()) continue;
    const std::string lower = ToLowerAscii(s);
    // "Minutes of the meeting held at ... on 1 December 2022"
    if (StartsWith(lower, "minutes of the meeting") || StartsWith(lower, "minutes of a meeting") ||
        StartsWith(lower, "minutes of meeting")) {
      size_t start = i;
      // Take the council and committee lines just above into the part.
      for (size_t back = 0; back < 3 && start > 0; ++back) {
        const size_t prev = start - 1;
        if (lines[prev].text.empty() || (IsBodyLine(lines[prev].text) && lines[prev].text.size() < 80)) {
          start = prev;
        } else {
          break;
        }
      }
      add(start, std::string(s.substr(0, std::min<size_t>(s.size(), 120))), true);
      continue;
    }
    // "Subject:<TAB>title", "Report Title<TAB>title", "Item Name: title".
    if (auto v = LabelValue(s, {"subject", "report title", "item name"})) {
      size_t start = i;
      for (size_t back = 0; back < 6 && start > 0; ++back) {
        const std::string_view prev = lines[start - 1].text;
        const std::string prev_lower = ToLowerAscii(prev);
        if (prev.empty() || IsDateLine(prev) || IsBodyLine(prev) || StartsWith(prev_lower, "meeting title") ||
            StartsWith(prev_lower, "report ") || StartsWith(prev_lower, "meeting date")) {
          start = start - 1;
        } else {
          break;
        }
      }
      while (start < i && lines[start].text.empty()) ++start;
      add(start, *v, false);
      continue;
    }
    // A committee line, a date line, then a title: a report's cover (not the
    // pack's own front sheet, which heads part one).
    if (IsBodyLine(s) && lines[i].begin > 1500) {
      const size_t date = NextContentLine(lines, i, 2);
      if (date >= lines.size() || !IsDateLine(lines[date].text)) continue;
      const size_t title = NextContentLine(lines, date, 3);
      if (title >= lines.size() || !IsHeadingLike(lines[title].text, 12) || IsDateLine(lines[title].text)) continue;
      if (LabelValue(lines[title].text, {"subject", "report title", "item name"})) continue;  // handled above
      if (lines[title].text.find(':') != std::string_view::npos) continue;             // "Time: 10.00 am"
      add(i, std::string(lines[title].text), false);
    }
  }
  return parts;
}

// The title of a part that has no cover: its first heading-like line that is
// not a date, a council or committee name, or an "Agenda Item"/"Report of"
// line (those are only used when nothing better follows).
std::string PartTitle(const std::vector<Line>& lines, size_t from, size_t to, std::string* number) {
  std::string weak;
  size_t seen = 0;
  for (size_t i = from; i < to && seen < 12; ++i) {
    const std::string_view s = lines[i].text;
    if (s.empty() || lines[i].boilerplate || IsChromeLine(s)) continue;
    ++seen;
    if (std::count(s.begin(), s.end(), ' ') > 25) break;  // prose: the title came before it, if at all
    const std::string lower = ToLowerAscii(s);
    if (auto v = LabelValue(s, {"subject", "report title", "item name"})) return *v;
    if (StartsWith(lower, "agenda item") || StartsWith(lower, "item ")) {
      if (auto c = NumberedHeading(lines, i); c && number != nullptr) *number = c->number_text;
      continue;
    }
    if (StartsWith(lower, "from:") || StartsWith(lower, "to:") || StartsWith(lower, "classification") ||
        lower == "minutes:" || lower == "public" || StartsWith(lower, "by:") || IsDateLine(s))
      continue;
    if (!IsHeadingLike(s, 20)) continue;
    // "Time: 10.00 am", "Direct Dial: 0115 ...": labelled details, not titles.
    if (const size_t colon = s.find(':'); colon != std::string_view::npos && colon < 25 && colon + 1 < s.size()) continue;
    // A sentence ("Councillors are requested to attend ..."), not a title.
    const std::string padded = " " + lower + " ";
    bool sentence = false;
    for (const char* verb : {" are ", " is ", " will ", " were ", " was ", " be ", " has ", " have "})
      sentence = sentence || padded.find(verb) != std::string::npos;
    if (sentence) continue;
    const bool report_of = StartsWith(lower, "report of") || StartsWith(lower, "report to") ||
                           StartsWith(lower, "report by") || IsBodyLine(s) || StartsWith(lower, "public document pack") ||
                           s.find(' ') == std::string_view::npos;  // one word: "AGENDA", "CABINET", "Nottingham"
    if (report_of) {
      if (weak.empty()) weak = std::string(s);
      continue;
    }
    return std::string(s);
  }
  return weak;
}

struct Boundary {
  size_t line = 0;
  std::string heading;
  std::string number;
};

// Items of a part that is split by numbered headings; the text before the
// first heading is an item of its own when it holds anything.
void SplitNumbered(const std::vector<Line>& lines, size_t from, size_t to, const std::string& part_heading,
                   bool require_chain, std::vector<Boundary>& out) {
  std::vector<Candidate> candidates;
  for (size_t i = from; i < to; ++i) {
    if (auto c = NumberedHeading(lines, i)) candidates.push_back(std::move(*c));
  }
  // Rows of an agenda table ("1<TAB>Apologies for absence<TAB>3 - 10") list
  // items; they do not start them.
  candidates.erase(std::remove_if(candidates.begin(), candidates.end(), [](const Candidate& c) { return c.table_row; }),
                   candidates.end());
  const std::vector<Candidate> chain = NumberedChain(candidates);
  if (chain.empty() && require_chain) {
    out.push_back({from, part_heading, ""});
    return;
  }
  const size_t first = chain.empty() ? to : chain.front().line;
  // The preamble: attendance, apologies, or the whole part when nothing is numbered.
  bool preamble = false;
  for (size_t i = from; i < first; ++i) {
    if (!lines[i].text.empty() && !lines[i].boilerplate && !IsChromeLine(lines[i].text)) preamble = true;
  }
  if (preamble) out.push_back({from, part_heading, ""});
  for (const Candidate& c : chain) out.push_back({c.line, c.heading, c.number_text});
}

// Lettered points: "a) ...", "- a) ...", "(b) ...", "aa) ..." in order.
std::vector<Point> FindPoints(std::string_view text) {
  std::vector<Point> points;
  auto next_label = [](const std::string& label) {
    if (label.empty()) return std::string("a");
    if (label.size() == 1) return label == "z" ? std::string("aa") : std::string(1, static_cast<char>(label[0] + 1));
    return label[0] == 'z' ? std::string("zz") : std::string(2, static_cast<char>(label[0] + 1));  // aa, bb, cc
  };
  std::string expected = "a";
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    size_t k = 0;
    while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
    if (k + 1 < line.size() && (line[k] == '-' || line[k] == '*') && line[k + 1] == ' ') k += 2;
    const bool bracket = k < line.size() && line[k] == '(';
    if (bracket) ++k;
    size_t letters = 0;
    while (k + letters < line.size() && IsLower(line[k + letters]) && letters < 2) ++letters;
    const std::string label(line.substr(k, letters));
    const bool closed = k + letters < line.size() && line[k + letters] == ')';
    const bool doubled = letters == 2 && label[0] == label[1];
    if (letters >= 1 && closed && (letters == 1 || doubled) && label == expected) {
      points.push_back({label, static_cast<uint32_t>(start)});
      expected = next_label(label);
    } else if (letters == 1 && closed && label == "a" && !points.empty()) {
      // A new list starts: keep counting only the first list of the item.
    }
    start = end + 1;
  }
  return points;
}

// "Resolved:", "RESOLVED -", "RECOMMENDATION/S" and what follows, up to the
// next heading-like line that is not part of it (or the item's end).
std::vector<TextSpan> FindDecisions(std::string_view text) {
  std::vector<TextSpan> spans;
  size_t start = 0;
  constexpr size_t kClosed = std::string_view::npos;
  size_t open = kClosed;
  auto close = [&](size_t at) {
    if (open != kClosed && at > open) spans.push_back({static_cast<uint32_t>(open), static_cast<uint32_t>(at)});
    open = kClosed;
  };
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = TrimView(text.substr(start, end - start));
    if (!line.empty()) {
      std::string_view bare = line;
      if (StartsWith(bare, "- ")) bare.remove_prefix(2);
      if (IsDecisionCue(bare)) {
        if (open == kClosed) open = start;
      } else if (open != kClosed && IsHeadingLike(line, 8) && !IsDigit(line.front()) && line.front() != '(' &&
                 line.size() < 60 && !StartsWith(ToLowerAscii(line), "that ")) {
        close(start);  // "Reason/s for Recommendation/s", "Supporting documents:"
      }
    }
    start = end + 1;
  }
  close(text.size());
  return spans;
}

}  // namespace

bool IsBoilerplateLine(std::string_view line) {
  const std::string_view trimmed = TrimView(line);
  if (trimmed.size() < 60 && ContainsLowerAscii(trimmed, "intentionally left blank")) return true;
  // OCR banners: "Scanned page, text may contain errors. See original file for clarity".
  if (trimmed.size() < 100 && ContainsLowerAscii(trimmed, "text may contain errors")) return true;
  if (IsChromeLine(line)) return true;
  return IsPageNumberLine(line);
}

std::vector<Item> SegmentItems(const SourceText& source, std::string_view document_type) {
  std::string_view text = source.text;
  std::vector<Line> lines = SplitLines(text);
  MarkBoilerplate(lines);

  std::vector<Boundary> boundaries;
  const std::string type(document_type);
  if (type == "document-pack") {
    const std::vector<Part> parts = FindParts(lines);
    for (size_t p = 0; p < parts.size(); ++p) {
      const size_t from = parts[p].line;
      const size_t to = p + 1 < parts.size() ? parts[p + 1].line : lines.size();
      std::string number;
      // A pack opens with its agenda front sheet.
      const std::string heading = p == 0 ? std::string("Agenda")
                                  : parts[p].heading.empty() ? PartTitle(lines, from, to, &number)
                                                             : parts[p].heading;
      if (parts[p].minutes) {
        SplitNumbered(lines, from, to, heading, true, boundaries);
      } else {
        boundaries.push_back({from, heading, number});
      }
    }
  } else {
    std::string number;
    const std::string heading = PartTitle(lines, 0, lines.size(), &number);
    const bool split = type == "minutes" || type == "agenda" || type.empty() || type == "other";
    if (split) {
      SplitNumbered(lines, 0, lines.size(), heading, true, boundaries);
      if (boundaries.size() == 1) boundaries.front().number = number;
    } else {
      boundaries.push_back({0, heading, number});
    }
  }

  // The page in force at an offset (0 when the format has no pages); offsets
  // are asked for in increasing order, so a cursor walks the pages once.
  size_t page_cursor = 0;
  auto page_at = [&](uint32_t offset) -> uint32_t {
    while (page_cursor + 1 < source.pages.size() && source.pages[page_cursor + 1].offset <= offset) ++page_cursor;
    if (source.pages.empty() || source.pages[page_cursor].offset > offset) return 0;
    return source.pages[page_cursor].page;
  };
  // Build the items: each from its boundary to the next, without boilerplate.
  std::vector<Item> items;
  for (size_t b = 0; b < boundaries.size(); ++b) {
    const size_t from = boundaries[b].line;
    const size_t to = b + 1 < boundaries.size() ? boundaries[b + 1].line : lines.size();
    Item item;
    item.heading = boundaries[b].heading;
    item.number = boundaries[b].number;
    item.offset = lines[from].begin;
    item.page = page_at(lines[from].begin);
    uint32_t page = item.page;
    for (size_t i = from; i < to; ++i) {
      if (const uint32_t p = page_at(lines[i].begin); p != page) {
        item.pages.push_back({static_cast<uint32_t>(item.text.size()), p});
        page = p;
      }
      if (lines[i].boilerplate) continue;
      item.text.append(text.substr(lines[i].begin, lines[i].end - lines[i].begin));
      item.text += '\n';
    }
    while (!item.text.empty() && (item.text.back() == '\n' || item.text.back() == ' ')) item.text.pop_back();
    while (!item.pages.empty() && item.pages.back().offset >= item.text.size()) item.pages.pop_back();
    if (TrimView(item.text).empty()) continue;
    item.points = FindPoints(item.text);
    item.decisions = FindDecisions(item.text);
    items.push_back(std::move(item));
  }
  if (items.empty()) {
    Item whole;
    whole.ordinal = 1;
    whole.text = std::string(text);
    whole.page = source.pages.empty() ? 0 : source.pages.front().page;
    items.push_back(std::move(whole));
  }
  for (size_t k = 0; k < items.size(); ++k) items[k].ordinal = static_cast<uint32_t>(k + 1);
  return items;
}

}  // namespace councilsearch
