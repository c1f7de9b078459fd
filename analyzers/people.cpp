#include "analyzers/people.h"

#include <algorithm>
#include <array>
#include <set>

#include "analyzers/text_util.h"

namespace councilsearch {
namespace {

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAlpha(char c) { return IsUpper(c) || IsLower(c); }
bool IsNameChar(char c) {
  return IsAlpha(c) || c == '\'' || c == '-' || c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

struct Section {
  const char* label;
  const char* kind;
};

// Attendance labels, longest first so "members present" wins over "present".
constexpr std::array<Section, 22> kSections = {{
    {"colleagues, partners and others in attendance", "other"},
    {"present in the chair", "member"},
    {"officers in attendance", "officer"},
    {"officials in attendance", "officer"},
    {"others in attendance", "other"},
    {"also in attendance", "other"},
    {"councillors present", "member"},
    {"co-opted member", "member"},
    {"officials present", "officer"},
    {"officers present", "officer"},
    {"members present", "member"},
    {"apologies for absence", "apologies"},
    {"other invitees", "other"},
    {"in attendance", "officer"},
    {"also present", "other"},
    {"membership", "member"},
    {"apologies", "apologies"},
    {"officials", "officer"},
    {"officers", "officer"},
    {"present", "member"},
    {"absent", "absent"},
    {"attendees", "member"},
}};

// The section a line opens, and where its content starts on the line.
const Section* SectionAt(std::string_view line, size_t& content) {
  std::string_view bare = TrimView(line);
  while (!bare.empty() && (bare.front() == '*' || bare.front() == '#')) bare.remove_prefix(1);
  const std::string lower = ToLowerAscii(bare);
  for (const Section& s : kSections) {
    const std::string_view label(s.label);
    if (lower.rfind(label, 0) != 0) continue;
    size_t k = label.size();
    while (k < lower.size() && (lower[k] == ' ' || lower[k] == '*')) ++k;
    if (k < lower.size() && lower[k] != ':') return nullptr;  // "Apologies were received ...": a sentence
    if (k < lower.size()) ++k;
    content = static_cast<size_t>(bare.data() - line.data()) + k;
    return &s;
  }
  return nullptr;
}

constexpr std::array<const char*, 19> kTitles = {"councillors", "councillor", "cllrs.", "cllrs", "cllr.", "cllr",
                                                 "mrs.", "mrs", "mr.", "mr", "ms.", "ms", "miss", "dr.", "dr",
                                                 "sir", "professor", "reverend", "rev."};

// Strips a leading title; `plural` is set for "Councillors"/"Cllrs".
std::string_view StripTitle(std::string_view s, bool* plural = nullptr, bool* had_title = nullptr) {
  s = TrimView(s);
  const std::string lower = ToLowerAscii(s.substr(0, 12));
  for (const char* t : kTitles) {
    const std::string_view title(t);
    if (lower.rfind(title, 0) != 0) continue;
    if (s.size() > title.size() && IsAlpha(s[title.size()])) continue;  // "Mrs" vs "Mr", "Missing"
    if (plural != nullptr) *plural = title == "councillors" || title == "cllrs" || title == "cllrs.";
    if (had_title != nullptr) *had_title = true;
    return TrimView(s.substr(title.size()));
  }
  return s;
}

bool IsName(std::string_view s) {
  s = TrimView(s);
  if (s.empty() || s.size() > 60) return false;
  static const std::set<std::string> kNotNames = {"none", "nil", "all", "members", "officers", "councillors",
                                                  "the", "chair", "vice", "committee", "council", "mayor", "and",
                                                  "an cathaoirleach", "cathaoirleach", "director", "manager"};
  if (kNotNames.count(ToLowerAscii(s)) != 0) return false;
  // Roles and bodies written like names ("Administrative Officer",
  // "Corporate Services", "Senior Executive Engineer") are not people.
  static const std::set<std::string> kRoleWords = {
      "officer",   "officers",   "services",  "service",    "director",  "manager",    "administrative",
      "department", "directorate", "section",  "unit",       "team",      "council",    "committee",
      "district",  "municipal",  "executive", "engineer",   "planner",   "senior",     "assistant",
      "chief",     "secretary",  "clerk",     "administrator", "corporate", "governance", "finance",
      "programme", "coordinator", "co-ordinator", "partnership", "board", "authority", "agency",
      "meetings",  "democratic", "scrutiny",  "cabinet",    "member",    "members",    "county",
      "city",      "borough",    "group",     "support",    "strategic", "policy"};
  for (size_t start = 0; start < s.size();) {
    size_t end = s.find(' ', start);
    if (end == std::string_view::npos) end = s.size();
    if (kRoleWords.count(ToLowerAscii(s.substr(start, end - start))) != 0) return false;
    start = end + 1;
  }
  size_t words = 0;
  bool in = false;
  for (char c : s) {
    if (c == ' ') {
      in = false;
      continue;
    }
    if (!IsNameChar(c)) return false;
    if (!in) {
      ++words;
      if (!IsUpper(c) && static_cast<unsigned char>(c) < 0x80) return false;
    }
    in = true;
  }
  return words >= 1 && words <= 5;
}

// "Matt Clayton" from "Matt Clayton, CBE", "T. Gilligan" -> "T Gilligan".
std::string CleanName(std::string_view s) {
  std::string out;
  for (char c : TrimView(s)) {
    if (c == '.') continue;
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  for (const char* honour : {" CBE", " OBE", " MBE", " BEM", " MP", " TD"}) {
    if (EndsWith(out, honour)) out.resize(out.size() - std::string_view(honour).size());
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ',')) out.pop_back();
  return out;
}

// Splits at commas, semicolons and " and " outside brackets.
std::vector<std::string_view> SplitEntries(std::string_view s) {
  std::vector<std::string_view> out;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '(') ++depth;
    if (c == ')') depth = std::max(0, depth - 1);
    if (depth > 0) continue;
    size_t cut = 0;
    if (c == ',' || c == ';') cut = 1;
    if (c == ' ' && s.substr(i, 5) == " and ") cut = 5;
    if (c == ' ' && s.substr(i, 3) == " & ") cut = 3;
    if (cut == 0) continue;
    out.push_back(s.substr(start, i - start));
    start = i + cut;
    i = start - 1;
  }
  out.push_back(s.substr(start));
  return out;
}

void AddPerson(std::vector<Person>& people, std::set<std::string>& seen, std::string name, std::string role,
               const char* kind) {
  if (!IsName(name)) return;
  name = CleanName(name);
  if (name.empty() || !seen.insert(PersonKey(name)).second) return;
  people.push_back({std::move(name), std::string(TrimView(role)), kind});
}

// One line of an attendance section.
void ParseEntryLine(std::string_view line, const char* kind, std::vector<Person>& people, std::set<std::string>& seen) {
  line = TrimView(line);
  while (!line.empty() && (line.front() == '-' || line.front() == '*' || line.front() == ' ')) line.remove_prefix(1);
  if (line.rfind("\xE2\x80\xA2", 0) == 0) line.remove_prefix(3);  // bullet
  line = TrimView(line);
  while (!line.empty() && (line.back() == '.' || line.back() == ',')) line.remove_suffix(1);
  if (line.empty()) return;
  // "Ailsa Barr - Director of Children's Integrated Services"
  const size_t dash = line.find(" - ");
  if (dash != std::string_view::npos) {
    const std::string_view name = StripTitle(line.substr(0, dash));
    if (IsName(name)) {
      AddPerson(people, seen, std::string(name), std::string(line.substr(dash + 3)), kind);
      return;
    }
  }
  bool plural = false;
  line = StripTitle(line, &plural);
  for (std::string_view entry : SplitEntries(line)) {
    entry = TrimView(entry);
    if (entry.empty()) continue;
    bool entry_plural = false;
    entry = StripTitle(entry, &entry_plural);
    // "Head of Finance (Mr. T. Gilligan)" or "Matt Clayton (Head of Service)"
    const size_t open = entry.find('(');
    const size_t close = entry.rfind(')');
    if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
      const std::string_view outside = TrimView(entry.substr(0, open));
      const std::string_view inside = entry.substr(open + 1, close - open - 1);
      bool titled = false;
      const std::string_view inside_name = StripTitle(inside, nullptr, &titled);
      if (titled && IsName(inside_name)) {
        AddPerson(people, seen, std::string(inside_name), std::string(outside), kind);
      } else {
        AddPerson(people, seen, std::string(StripTitle(outside)), std::string(inside), kind);
      }
      continue;
    }
    AddPerson(people, seen, std::string(entry), "", kind);
  }
}

}  // namespace

std::string PersonKey(std::string_view name) { return Slug(name); }

std::string_view Surname(std::string_view name) {
  name = TrimView(name);
  const size_t sp = name.rfind(' ');
  return sp == std::string_view::npos ? name : name.substr(sp + 1);
}

std::vector<Person> FindAttendees(std::string_view text) {
  std::vector<Person> people;
  std::set<std::string> seen;
  const Section* open = nullptr;
  int lines_in_section = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of("\n\f", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    const std::string_view trimmed = TrimView(line);
    size_t content = 0;
    if (const Section* s = SectionAt(line, content)) {
      open = s;
      lines_in_section = 0;
      ParseEntryLine(line.substr(content), s->kind, people, seen);
      continue;
    }
    if (open == nullptr || trimmed.empty()) continue;
    // The section ends at prose, a numbered heading, or after 40 lines.
    const size_t words = static_cast<size_t>(std::count(trimmed.begin(), trimmed.end(), ' ')) + 1;
    const bool numbered = trimmed.front() >= '0' && trimmed.front() <= '9';
    const bool prose = words > 14 && trimmed.find(" - ") == std::string_view::npos &&
                       trimmed.find('(') == std::string_view::npos;
    if (numbered || prose || IsLower(trimmed.front()) || ++lines_in_section > 40) {
      open = nullptr;
      continue;
    }
    ParseEntryLine(trimmed, open->kind, people, seen);
  }
  return people;
}

std::vector<std::string> FindTitledNames(std::string_view text) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsUpper(text[i]) || (i > 0 && IsAlpha(text[i - 1]))) continue;
    bool plural = false, titled = false;
    const std::string_view rest = StripTitle(text.substr(i, 200), &plural, &titled);
    if (!titled || rest.empty() || !IsUpper(rest.front())) continue;
    // One or two capitalised words (initials allowed): "Spencer", "Cheryl Barnard", "B J Sweetland".
    size_t k = 0, words = 0, end = 0;
    while (k < rest.size() && words < 3) {
      size_t w = k;
      while (w < rest.size() && IsNameChar(rest[w])) ++w;
      if (w == k || !IsUpper(rest[k])) break;
      // Another title ("Mr Dicker. Mr Vincent") starts another name.
      bool title = false;
      StripTitle(rest.substr(k, w - k + 1), nullptr, &title);
      if (title && words > 0) break;
      ++words;
      end = w;
      // A full stop after a word (not an initial) ends the sentence.
      if (rest[w - 1] == '.' && w - k > 2) break;
      if (w >= rest.size() || rest[w] != ' ') break;
      k = w + 1;
    }
    if (words == 0) continue;
    std::string name = CleanName(rest.substr(0, end));
    if (IsName(name) && seen.insert(PersonKey(name)).second) names.push_back(std::move(name));
    i = static_cast<size_t>(rest.data() - text.data()) + end - 1;
  }
  return names;
}

}  // namespace councilsearch
