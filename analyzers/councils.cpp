#include "analyzers/councils.h"

#include <algorithm>
#include <array>
#include <map>

#include "analyzers/knowledge.h"
#include "analyzers/text_util.h"

namespace councilsearch {
namespace {

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAlpha(char c) { return IsUpper(c) || IsLower(c); }
bool IsWordChar(char c) { return IsAlpha(c) || (c >= '0' && c <= '9') || c == '-' || c == '\''; }

std::string Lower(std::string_view s) { return ToLowerAscii(s); }

// The start of the capitalised words (at most `max`) that end at the space
// at `space` in `flat` (the text with line breaks as spaces). A name may
// continue over a line break only when the earlier line holds nothing else
// ("Nottingham" / "City Council"), never from the end of a sentence's line
// ("... Revenue Budget" / "County Council is asked").
size_t ProperNameStart(std::string_view flat, std::string_view original, size_t space, int max) {
  static constexpr std::array<const char*, 30> kGeneric = {
      "The", "THE", "A", "This", "Each", "Every", "Our", "Your", "Local", "Both", "Other", "All",
      "Full", "FULL", "Any", "Neighbouring", "That", "Draft", "Special", "Meeting", "MEETING", "OF", "AND",
      "AT", "ON", "TO", "FOR", "Dear", "From", "Of"};
  size_t start = space;
  size_t p = space;
  for (int words = 0; words < max && p > 0 && flat[p] == ' '; ++words) {
    if (original[p] == '\n' || original[p] == '\f') {
      // Crossing to the previous line: it must be only capitalised words.
      const size_t line_start = original.rfind('\n', p - 1);
      const std::string_view prev = original.substr(line_start == std::string_view::npos ? 0 : line_start + 1,
                                                    p - (line_start == std::string_view::npos ? 0 : line_start + 1));
      size_t prev_words = 0;
      bool all_capitalised = true;
      for (size_t i = 0; i < prev.size(); ++i) {
        if (IsWordChar(prev[i]) && (i == 0 || !IsWordChar(prev[i - 1]))) {
          ++prev_words;
          all_capitalised = all_capitalised && IsUpper(prev[i]);
        } else if (!IsWordChar(prev[i]) && prev[i] != ' ' && prev[i] != '*') {
          all_capitalised = false;
        }
      }
      if (!all_capitalised || prev_words == 0 || prev_words > 4) break;
    }
    size_t w = p;
    while (w > 0 && IsWordChar(flat[w - 1])) --w;
    if (w == p) break;
    const std::string_view word = flat.substr(w, p - w);
    if (!IsUpper(word.front())) break;
    if (std::any_of(kGeneric.begin(), kGeneric.end(), [&](const char* g) { return word == g; })) break;
    start = w;
    if (w == 0) break;
    p = w - 1;
  }
  return start;
}

std::string TitleCaseName(std::string_view name) {
  std::string out;
  size_t letters = 0, upper = 0;
  for (char c : name) {
    if (IsAlpha(c)) {
      ++letters;
      upper += IsUpper(c) ? 1 : 0;
    }
  }
  const bool shouting = letters > 0 && upper == letters;
  std::string word;
  auto flush = [&]() {
    if (word.empty()) return;
    std::string w = shouting ? Lower(word) : word;
    if (w == "and" || w == "of" || w == "the") {
      out += w;
    } else {
      bool first = true;
      for (char& c : w) {
        if (first && IsLower(c)) c = static_cast<char>(c - 'a' + 'A');
        first = c == '-';
      }
      out += w;
    }
    word.clear();
  };
  for (char c : name) {
    if (c == ' ') {
      flush();
      out += ' ';
    } else {
      word += c;
    }
  }
  flush();
  return out;
}

bool WordBoundaryAt(std::string_view text, size_t begin, size_t end) {
  return (begin == 0 || !IsWordChar(text[begin - 1])) && (end >= text.size() || !IsWordChar(text[end]));
}

// Case-insensitive search for `needle` (lower case) in `lower_text`, on word boundaries.
template <typename F>
void ForEachWordMatch(const std::string& lower_text, std::string_view needle, F&& f) {
  if (needle.empty()) return;
  size_t at = 0;
  while ((at = lower_text.find(needle, at)) != std::string::npos) {
    if (WordBoundaryAt(lower_text, at, at + needle.size())) f(at, at + needle.size());
    at += needle.size();
  }
}

}  // namespace

std::vector<CouncilMention> FindCouncilMentions(std::string_view text, const Knowledge& knowledge) {
  std::vector<CouncilMention> out;
  // Newlines inside a name ("Nottingham\nCity Council") are common in headings.
  std::string flat(text);
  for (char& c : flat)
    if (c == '\n' || c == '\t' || c == '\f' || c == '\r') c = ' ';
  const std::string lower = Lower(flat);

  // Known councils, by name and alias.
  for (const CouncilInfo& council : knowledge.councils) {
    std::vector<std::string> names = council.aliases;
    names.push_back(council.name);
    for (const std::string& n : names) {
      ForEachWordMatch(lower, Lower(n), [&](size_t b, size_t e) {
        out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e), council.name});
      });
    }
  }
  // "<Proper name> City|County|Borough|District|Town|Parish Council", "... City and County Council".
  static constexpr std::array<const char*, 8> kKinds = {" city and county council", " city council", " county council",
                                                        " borough council", " district council", " town council",
                                                        " parish council", " metropolitan borough council"};
  for (const char* kind : kKinds) {
    size_t at = 0;
    const std::string_view k(kind);
    while ((at = lower.find(k, at)) != std::string::npos) {
      const size_t end = at + k.size();
      const bool plural_or_more = end < lower.size() && (IsAlpha(lower[end]));  // "Councils", "Councillor"
      if (!plural_or_more && at > 0 && IsUpper(flat[at + 1])) {
        const size_t start = ProperNameStart(flat, text, at, 4);
        if (start < at) {
          out.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(end),
                         TitleCaseName(std::string_view(flat).substr(start, end - start))});
        }
      }
      at = end;
    }
  }
  // "London Borough of X", "Royal Borough of X".
  for (const char* prefix : {"london borough of ", "royal borough of "}) {
    size_t at = 0;
    while ((at = lower.find(prefix, at)) != std::string::npos) {
      size_t end = at + std::string_view(prefix).size();
      size_t w = end;
      while (w < flat.size() && IsWordChar(flat[w])) ++w;
      if (w > end && IsUpper(flat[end])) {
        out.push_back({static_cast<uint32_t>(at), static_cast<uint32_t>(w),
                       TitleCaseName(std::string_view(flat).substr(at, w - at))});
      }
      at = w;
    }
  }
  // Pattern matches that are, or end with, a known council's name (perhaps
  // mis-read by OCR: "Umerick City and County Council") take that name.
  for (CouncilMention& m : out) {
    if (const CouncilInfo* known = knowledge.FindCouncil(m.name)) {
      m.name = known->name;
      continue;
    }
    const std::string key = NameKey(m.name);
    for (const CouncilInfo& c : knowledge.councils) {
      std::vector<std::string> names = c.aliases;
      names.push_back(c.name);
      for (const std::string& n : names) {
        const std::string known_key = NameKey(n);
        const bool suffix = key.size() > known_key.size() && EndsWith(key, " " + known_key);
        if (suffix) {
          m.begin = m.end - static_cast<uint32_t>(n.size());
          m.name = c.name;
        } else if (known_key.size() >= 12 && EditDistance(key, known_key, 2) <= 2) {
          m.name = c.name;
        }
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const CouncilMention& a, const CouncilMention& b) {
    return a.begin < b.begin || (a.begin == b.begin && a.end > b.end);
  });
  // Drop mentions inside a longer one ("County Council" inside "Limerick City and County Council").
  std::vector<CouncilMention> kept;
  for (const CouncilMention& m : out) {
    if (!kept.empty() && m.begin < kept.back().end) continue;
    kept.push_back(m);
  }
  return kept;
}

std::optional<Extracted> ExtractCouncil(std::string_view text, const Knowledge& knowledge) {
  constexpr size_t kFront = 4000;
  std::map<std::string, double> score;
  std::map<std::string, std::string> evidence;
  for (const CouncilMention& m : FindCouncilMentions(text, knowledge)) {
    const double w = m.begin < kFront ? 3.0 : 1.0;
    double& s = score[m.name];
    s = std::min(s + w, 12.0);
    if (evidence.count(m.name) == 0) evidence[m.name] = std::string(text.substr(m.begin, m.end - m.begin));
  }
  // Weak evidence: known councils' domains and phone prefixes.
  const std::string lower = Lower(text);
  for (const CouncilInfo& c : knowledge.councils) {
    double weak = 0;
    for (const std::string& d : c.domains) {
      const std::string needle = Lower(d);
      for (size_t at = lower.find(needle); at != std::string::npos && weak < 2; at = lower.find(needle, at + 1)) {
        const bool host = at > 0 && (lower[at - 1] == '@' || lower[at - 1] == '.' || lower[at - 1] == '/');
        if (host) weak += 1;
      }
    }
    for (const std::string& p : c.phone_prefixes) {
      if (text.find(p) != std::string_view::npos) weak += 0.5;
    }
    if (weak > 0) {
      score[c.name] += std::min(weak, 2.0);
      if (evidence.count(c.name) == 0) evidence[c.name] = "e-mail domain or phone number of " + c.name;
    }
  }
  if (score.empty()) return std::nullopt;
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto& [name, s] : score) ranked.emplace_back(s, name);
  std::sort(ranked.rbegin(), ranked.rend());
  const auto& [best, name] = ranked.front();
  const double second = ranked.size() > 1 ? ranked[1].first : 0;
  if (best < 3 || best - second < 2) return std::nullopt;  // weak evidence alone, or two councils alike
  const double confidence = std::min(0.99, 0.5 + 0.05 * best + 0.03 * (best - second));
  return Extracted{name, confidence, evidence[name]};
}

}  // namespace councilsearch
