#include "analyzers/committees.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "analyzers/councils.h"
#include "analyzers/dates.h"
#include "analyzers/knowledge.h"
#include "analyzers/normalize.h"
#include "analyzers/text_lines.h"
#include "analyzers/text_util.h"

namespace councilsearch {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

// Replaces every whole-word occurrence of `from` (lower case, spaces allowed)
// in a lower-case, single-spaced string.
void ReplaceWords(std::string& s, std::string_view from, std::string_view to) {
  std::string padded = " " + s + " ";
  const std::string needle = " " + std::string(from) + " ";
  const std::string repl = " " + std::string(to) + " ";
  size_t at = 0;
  while ((at = padded.find(needle, at)) != std::string::npos) {
    padded.replace(at, needle.size(), repl);
    at += repl.size() - 1;
  }
  s = std::string(TrimView(padded));
}

std::string Squeeze(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool StartsWithWord(const std::string& s, std::string_view word) {
  return s.size() >= word.size() && s.compare(0, word.size(), word) == 0 &&
         (s.size() == word.size() || s[word.size()] == ' ');
}

void StripLeadingWord(std::string& s, std::string_view word) {
  if (StartsWithWord(s, word)) s = std::string(TrimView(std::string_view(s).substr(word.size())));
}

// Meeting kinds that are not bodies, with the kind they record.
const std::map<std::string, std::string>& KindWords() {
  static const std::map<std::string, std::string> kinds = {
      {"virtual", "virtual"},       {"adjourned", "adjourned"},     {"special", "special"},
      {"annual", "annual"},         {"monthly", "monthly"},         {"inaugural", "inaugural"},
      {"ordinary", "ordinary"},     {"extraordinary", "extraordinary"}, {"statutory", "budget"},
      {"budget", "budget"},         {"budgetary", "budget"},        {"draft", "budget"},
      {"plan", "budget"},           {"emergency", "emergency"},     {"urgent", "urgent"},
      {"reconvened", "adjourned"},  {"three", ""},                  {"two", ""},
      {"remote", "virtual"},        {"hybrid", "virtual"},          {"informal", "informal"},
      {"joint", ""},  // only before "meeting" (see below)
      {"online", "virtual"},        {"on-line", "virtual"},         {"an", ""},
      {"blended", "virtual"},       {"re-scheduled", "adjourned"},  {"rescheduled", "adjourned"},
  };
  return kinds;
}

bool IsMonthOrYear(std::string_view w) {
  static constexpr std::array<const char*, 12> kMonths = {"january", "february", "march", "april", "may", "june",
                                                          "july", "august", "september", "october", "november",
                                                          "december"};
  if (std::any_of(kMonths.begin(), kMonths.end(), [&](const char* m) { return w == m; })) return true;
  return w.size() == 4 && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void AddKind(std::vector<std::string>& kinds, const std::string& kind) {
  if (!kind.empty() && std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);
}

// Strips meeting-kind words from the front ("virtual adjourned special meeting of ...").
void StripKinds(std::string& s, std::vector<std::string>& kinds) {
  while (true) {
    const size_t sp = s.find(' ');
    const std::string first = s.substr(0, sp);
    if (first == "a" || first == "the" || first == "full" || first == "in") {
      // "full meeting of", "in committee": only as kind words before more text
      if (sp == std::string::npos) return;
      if (first == "full" && !StartsWithWord(s.substr(sp + 1), "meeting")) return;
      if (first == "in") {
        if (!StartsWithWord(s.substr(sp + 1), "committee")) return;
        s = std::string(TrimView(std::string_view(s).substr(sp + 1 + 9)));
        AddKind(kinds, "in committee");
        continue;
      }
      s = s.substr(sp + 1);
      continue;
    }
    const auto kind = KindWords().find(first);
    const bool kind_word = kind != KindWords().end() && (first != "joint" || StartsWithWord(s.substr(sp + 1), "meeting"));
    if ((kind_word || IsMonthOrYear(first)) && sp != std::string::npos) {
      if (kind_word) AddKind(kinds, kind->second);
      s = s.substr(sp + 1);
      continue;
    }
    return;
  }
}

bool IsCouncilName(const std::string& s) {
  // "limerick city and county council", "kent county council", "council", "county council"
  if (!EndsWith(s, "council")) return false;
  for (const char* body : {"committee", "panel", "board", "cabinet", "forum", "district of", "sub-committee"})
    if (s.find(body) != std::string::npos) return false;
  return true;
}

// The canonical lower-case body name, or "" for a meeting of the whole council.
std::string CanonicalBodyLower(std::string s, const std::string& council_lower, std::vector<std::string>& kinds) {
  // Status prefixes.
  for (const char* status : {"cancelled:", "deferred:", "postponed:", "rescheduled:", "cancelled", "postponed"}) {
    if (StartsWithWord(s, status) || s.rfind(status, 0) == 0) {
      AddKind(kinds, std::string(status).substr(0, std::string(status).find(':')));
      s = std::string(TrimView(std::string_view(s).substr(std::string(status).size())));
    }
  }
  // Heading words around the name: "minutes of proceedings at ...", "attend a ...".
  for (const char* lead : {"minutes of proceedings at", "minutes of proceedings of", "minutes of the proceedings of",
                           "minutes of", "minutes for", "proceedings at", "proceedings of", "notice of",
                           "summons to", "attend", "agenda for", "agenda of", "agenda", "minutes", "summons"}) {
    if (StartsWithWord(s, lead)) {
      s = std::string(TrimView(std::string_view(s).substr(std::string(lead).size())));
      break;
    }
  }
  // "(in committee)": a kind of meeting wherever it stands.
  if (const size_t ic = (" " + s + " ").find(" in committee "); ic != std::string::npos) {
    s.erase(ic == 0 ? 0 : ic - 1, ic == 0 ? 13 : 13);
    s = Squeeze(s);
    AddKind(kinds, "in committee");
  }
  // "an on-line briefing, followed by the adjourned meeting of ...": the meeting is what follows.
  if (const size_t followed = s.find(" followed by "); followed != std::string::npos) s = s.substr(followed + 13);
  StripKinds(s, kinds);
  // "meeting to consider the draft budgetary plan 2019 for the municipal district of x": the body follows "for".
  if (StartsWithWord(s, "meeting") && s.find(" to ") == 7) {
    const size_t for_at = s.find(" for ");
    if (for_at == std::string::npos) return "";  // a purpose but no body: the whole council
    s = s.substr(for_at + 5);
  }
  // A purpose clause after the body: "... to consider ...", ": limerick/foynes road ...".
  for (const char* purpose : {" to consider", " to discuss", " to pass", " to elect", " to receive", " to approve",
                              " to agree", " to note", " to be", " which will", " will be", " which was", " was",
                              ":", " re "}) {
    const size_t at = s.find(purpose);
    if (at != std::string::npos && at > 0) s = s.substr(0, at);
  }
  StripKinds(s, kinds);
  for (const char* lead : {"meetings of", "meeting of", "meeting for", "meetings for"}) {
    if (StartsWithWord(s, lead)) {
      s = std::string(TrimView(std::string_view(s).substr(std::string(lead).size())));
      break;
    }
  }
  StripLeadingWord(s, "the");
  for (const char* lead : {"elected members of", "members of"}) {
    if (StartsWithWord(s, lead)) s = std::string(TrimView(std::string_view(s).substr(std::string(lead).size())));
  }
  StripLeadingWord(s, "the");
  // "<body> meeting of/for (elected members of) the <district>": a body of that district.
  for (const char* joiner : {" meeting of ", " meeting for "}) {
    const size_t at = s.find(joiner);
    if (at == std::string::npos) continue;
    std::string body = s.substr(0, at);
    std::string district = s.substr(at + std::string(joiner).size());
    // "special roads meeting of the municipal district of x": words before
    // "meeting" that are not a body (a purpose, a kind) are dropped.
    const std::string padded_body = " " + body + " ";
    bool names_body = false;
    for (const char* noun : {" committee ", " sub-committee ", " subcommittee ", " sub committee ", " jpc ", " spc ",
                             " panel ", " board ", " forum "})
      names_body = names_body || padded_body.find(noun) != std::string::npos;
    if (!names_body) body.clear();
    StripLeadingWord(district, "the");
    for (const char* lead : {"elected members of", "members of"}) {
      if (StartsWithWord(district, lead)) district = std::string(TrimView(std::string_view(district).substr(std::string(lead).size())));
    }
    StripLeadingWord(district, "the");
    StripLeadingWord(body, "district");
    s = body.empty() ? district : district + " " + body;
    break;
  }
  if (EndsWith(s, " meeting")) s = s.substr(0, s.size() - 8);
  if (EndsWith(s, " meetings")) s = s.substr(0, s.size() - 9);
  // Years or dates trailing the name ("... of limerick 2018").
  while (!s.empty()) {
    const size_t sp = s.rfind(' ');
    if (sp == std::string::npos || !IsMonthOrYear(s.substr(sp + 1))) break;
    s = s.substr(0, sp);
  }
  // The council's own name in front ("limerick city and county council's travel and ... committee").
  if (!council_lower.empty()) {
    for (const std::string& prefix : {council_lower + "'s ", council_lower + " "}) {
      if (s.rfind(prefix, 0) == 0 && s.size() > prefix.size()) s = s.substr(prefix.size());
    }
  }
  const size_t councils = s.find(" council's ");
  if (councils != std::string::npos) s = s.substr(councils + 11);
  // "<a council's name> home and social development strategic policy
  // committee": the council's name in front of a body's.
  {
    const size_t at = s.rfind(" council ");
    if (at != std::string::npos) {
      const std::string rest = s.substr(at + 9);
      const std::string last = rest.substr(rest.rfind(' ') == std::string::npos ? 0 : rest.rfind(' ') + 1);
      if (last == "committee" || last == "sub-committee" || last == "panel" || last == "board" || last == "forum")
        s = rest;
    }
  }
  // "... strategic policy committee of limerick city and county council": the council's name behind.
  if (!council_lower.empty() && EndsWith(s, " of " + council_lower)) s = s.substr(0, s.size() - council_lower.size() - 4);
  if (!council_lower.empty() && EndsWith(s, " of the " + council_lower)) s = s.substr(0, s.size() - council_lower.size() - 8);

  // Words and abbreviations.
  ReplaceWords(s, "sub committee", "sub-committee");
  ReplaceWords(s, "subcommittee", "sub-committee");
  ReplaceWords(s, "spc committee", "strategic policy committee");
  ReplaceWords(s, "spc", "strategic policy committee");
  ReplaceWords(s, "jpc", "joint policing committee");
  ReplaceWords(s, "joint policing committee sub-committee", "joint policing sub-committee");
  // "strategic policy committee for environment" -> "environment strategic policy committee"
  if (s.rfind("strategic policy committee for ", 0) == 0) s = s.substr(31) + " strategic policy committee";
  // "joint policing sub-committee of/for the municipal district of x" -> "municipal district of x joint policing sub-committee"
  for (const char* jp : {"joint policing sub-committee of ", "joint policing sub-committee for "}) {
    if (s.rfind(jp, 0) == 0) {
      std::string district = s.substr(std::string(jp).size());
      StripLeadingWord(district, "the");
      for (const char* lead : {"elected members of", "members of"}) {
        if (StartsWithWord(district, lead)) district = std::string(TrimView(std::string_view(district).substr(std::string(lead).size())));
      }
      StripLeadingWord(district, "the");
      s = district + " joint policing sub-committee";
    }
  }
  ReplaceWords(s, "metropolitan joint policing sub-committee", "metropolitan district joint policing sub-committee");
  // "x municipal district" / "municipal district x" -> "municipal district of x"
  {
    const size_t md = s.find("municipal district");
    if (md != std::string::npos) {
      const std::string before = std::string(TrimView(std::string_view(s).substr(0, md)));
      std::string after = std::string(TrimView(std::string_view(s).substr(md + 18)));
      std::string place, rest;
      if (StartsWithWord(after, "of")) {
        after = std::string(TrimView(std::string_view(after).substr(2)));
        StripLeadingWord(after, "the");
        // The place ends where a purpose starts: "... of cappamore-kilmallock on athenacey graveyard".
        for (const char* stop : {" on ", " in ", " re ", " regarding "}) {
          const size_t at = after.find(stop);
          if (at != std::string::npos && after.find(" joint policing") == std::string::npos) after = after.substr(0, at);
        }
        // the place runs up to a body word
        const size_t body = after.find(" joint policing");
        place = after.substr(0, body);
        rest = body == std::string::npos ? "" : after.substr(body + 1);
      } else if (!before.empty() && std::count(before.begin(), before.end(), ' ') < 3) {
        place = before;
        rest = after;
      } else if (!after.empty() && before.empty()) {
        const size_t body = after.find(" joint policing");
        place = after.substr(0, body);
        rest = body == std::string::npos ? "" : after.substr(body + 1);
      }
      if (!place.empty()) s = "municipal district of " + place + (rest.empty() ? "" : " " + rest);
    }
  }
  s = Squeeze(s);
  if (s.empty() || IsCouncilName(s) || s == "full" || s == "council meeting") return "";
  return s;
}

// "economic development enterprise and planning strategic policy committee" ->
// "Economic Development Enterprise and Planning Strategic Policy Committee".
std::string TitleCase(const std::string& lower, std::string_view original) {
  static constexpr std::array<const char*, 9> kSmall = {"of", "the", "and", "for", "in", "on", "to", "at", "a"};
  // Acronyms as the source wrote them, unless it wrote everything in capitals.
  size_t letters = 0, upper = 0;
  for (char c : original) {
    if (IsAlpha(c)) {
      ++letters;
      if (IsUpper(c)) ++upper;
    }
  }
  const bool shouting = letters > 0 && upper * 10 > letters * 7;
  std::string out;
  size_t i = 0;
  bool first_word = true;
  while (i < lower.size()) {
    size_t j = lower.find(' ', i);
    if (j == std::string::npos) j = lower.size();
    std::string word = lower.substr(i, j - i);
    const bool small = !first_word && std::any_of(kSmall.begin(), kSmall.end(), [&](const char* w) { return word == w; });
    bool acronym = false;
    if (!shouting) {
      // An all-capitals word of 2..6 letters in the original stays so.
      std::string upper_word = word;
      for (char& c : upper_word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      const std::string padded = " " + Squeeze(original) + " ";
      acronym = word.size() >= 2 && word.size() <= 6 && padded.find(" " + upper_word + " ") != std::string::npos;
      if (acronym) word = upper_word;
    }
    if (!small && !acronym) {
      bool start = true;
      for (char& c : word) {
        if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        start = c == '-' || c == '/';
      }
    }
    if (!out.empty()) out += ' ';
    out += word;
    first_word = false;
    i = j + 1;
  }
  return out;
}

std::string LowerForMatching(std::string_view raw) {
  std::string s;
  s.reserve(raw.size());
  for (char c : raw) {
    if (c == '&') {
      s += " and ";
    } else if (c == ',' || c == '(' || c == ')' || c == '"' || c == '*') {
      s += ' ';
    } else if (c == '/') {
      s += '-';
    } else {
      s += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  s = Squeeze(s);
  // "adare - rathkeale", "cappamore- kilmallock" -> one hyphenated word
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' && ((i + 1 < s.size() && s[i + 1] == '-') || (i > 0 && s[i - 1] == '-'))) continue;
    out += s[i];
  }
  while (!out.empty() && (out.back() == '.' || out.back() == '-' || out.back() == ' ' || out.back() == ':'))
    out.pop_back();
  return out;
}

}  // namespace

CommitteeName CanonicalCommittee(std::string_view raw, std::string_view council, const Knowledge* knowledge) {
  CommitteeName result;
  if (TrimView(raw).empty()) return result;
  std::string council_lower = LowerForMatching(council);
  const std::string normalized = NormalizeText(raw);
  std::string body = CanonicalBodyLower(LowerForMatching(normalized), council_lower, result.kinds);
  result.name = body.empty() ? std::string(kFullCouncil) : TitleCase(body, normalized);
  if (knowledge != nullptr) result.name = knowledge->CommitteeAlias(council, result.name);
  return result;
}

}  // namespace councilsearch

namespace councilsearch {
namespace {

constexpr size_t kCommitteeFront = 4000;

bool IsBodyNounWord(std::string_view w) {
  for (const char* noun : {"committee", "sub-committee", "subcommittee", "panel", "board", "cabinet", "council",
                           "forum", "executive", "commission", "district", "spc", "jpc", "assembly"}) {
    if (w == noun) return true;
  }
  return false;
}

size_t CountWords(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    const bool space = c == ' ' || c == '\t';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

struct Vote {
  std::string name;
  double score;
  std::string evidence;
};

// Pattern A: "... meeting of the X held ...", "requested to attend a meeting of the X to be held ...".
// A canonical name that names a body: it ends in a body noun ("... Scrutiny
// Panel", "Cabinet") or is a district ("Municipal District of X").
bool LooksLikeBody(const std::string& canonical) {
  if (canonical == kFullCouncil || canonical == "Joint Policing Committee") return true;
  // Only generic words ("Strategic Policy Committee", "Municipal District",
  // "Joint Policing Sub-Committee"): which one is not said.
  static const std::set<std::string> kGeneric = {"strategic", "policy", "committee", "sub-committee", "municipal",
                                                 "district", "joint", "policing", "sub", "area", "the", "of",
                                                 "and", "meeting", "special", "scrutiny"};
  std::string key = NameKey(canonical);
  bool specific = false;
  for (size_t i = 0; i < key.size();) {
    size_t j = key.find(' ', i);
    if (j == std::string::npos) j = key.size();
    if (kGeneric.count(key.substr(i, j - i)) == 0) specific = true;
    i = j + 1;
  }
  if (!specific) return false;
  const std::string lower = ToLowerAscii(canonical);
  if (lower.find("district") != std::string::npos) return true;
  const std::string last = LastWordLower(lower);
  return last != "district" && IsBodyNounWord(last);
}

void VoteHeldSentences(const std::string& flat, const std::string& lower, const std::string& council,
                       const Knowledge* kb, std::vector<Vote>& votes) {
  static constexpr std::array<const char*, 8> kCues = {"minutes of ", "proceedings at ", "proceedings of ",
                                                        "attend ", "meeting of ", "meeting for ", "notice of ",
                                                        "summons to "};
  bool first = true;
  for (size_t held = lower.find("held"); held != std::string::npos && held < kCommitteeFront;
       held = lower.find("held", held + 4)) {
    if (held == 0 || lower[held - 1] != ' ') continue;
    const size_t window_start = held > 300 ? held - 300 : 0;
    size_t sentence = window_start;  // after the last sentence end in the window
    for (size_t k = window_start; k + 1 < held; ++k) {
      if (lower[k] == '.' && lower[k + 1] == ' ' && k >= 4 && IsAlpha(lower[k - 1]) && IsAlpha(lower[k - 2]) &&
          IsAlpha(lower[k - 3]) && IsAlpha(lower[k - 4]))
        sentence = k + 2;
    }
    // Every cue in the sentence, earliest first: the longest reading that
    // still names a body wins ("minutes of proceedings at joint policing sub
    // committee meeting of the municipal district of ...").
    std::vector<size_t> cues;
    for (const char* cue : kCues) {
      for (size_t at = lower.find(cue, sentence); at != std::string::npos && at < held; at = lower.find(cue, at + 1))
        cues.push_back(at);
    }
    std::sort(cues.begin(), cues.end());
    // A referral or adoption anywhere in the sentence makes it about another meeting.
    const std::string sentence_text = " " + lower.substr(sentence, held - sentence) + " ";
    bool referral = false;
    for (const char* w : {" referred ", " motion ", " deputation ", " to adopt ", " to confirm ", " to note "})
      referral = referral || sentence_text.find(w) != std::string::npos;
    if (referral) continue;
    for (size_t cue_at : cues) {
      const std::string_view raw = std::string_view(flat).substr(cue_at, held - cue_at);
      if (CountWords(raw) > 30 || !FindDateMentions(raw).empty()) continue;
      const std::string raw_lower = " " + lower.substr(cue_at, held - cue_at) + " ";
      if (raw_lower.find("meeting") == std::string::npos && raw_lower.find("minutes") == std::string::npos) continue;
      // Another meeting, or one the paper only refers to: "the minutes of the
      // previous committee meeting held", "a notice of motion referred from".
      bool other_meeting = false;
      for (const char* w : {" previous ", " last ", " next ", " this ", " that ", " above ", " referred ", " motion ",
                            " deputation ", " report ", " item ", " presentation "})
        other_meeting = other_meeting || raw_lower.find(w) != std::string::npos;
      const std::string before = lower.substr(cue_at >= 40 ? cue_at - 40 : 0, std::min<size_t>(cue_at, 40));
      for (const char* w : {"adopt", "confirm", "approve", "agreed", "to note", "consider the minutes"})
        other_meeting = other_meeting || before.find(w) != std::string::npos;
      if (other_meeting) continue;
      const CommitteeName name = CanonicalCommittee(raw, council, kb);
      if (name.name.empty() || !LooksLikeBody(name.name)) continue;
      // The paper's own heading comes first; later "held" sentences are mostly other meetings.
      votes.push_back({name.name, first ? 7.0 : 5.0, std::string(TrimView(flat.substr(cue_at, held + 4 - cue_at)))});
      first = false;
      break;
    }
  }
}

// Line patterns among the first lines: a body named on its own ("CABINET",
// "Children and Young People Scrutiny Committee"), "Minutes for X 21st
// September", "To: Cabinet - 4 March 2025", "Meeting Title<TAB>X",
// "Report to X".
void VoteHeadingLines(std::string_view text, const std::string& council, const Knowledge* kb,
                      std::vector<Vote>& votes) {
  // Lines that are part of a council's name broken over lines ("Nottingham\nCity Council").
  static const Knowledge kNoKnowledge;
  const std::vector<CouncilMention> council_names =
      FindCouncilMentions(text.substr(0, std::min(text.size(), kCommitteeFront)), kb != nullptr ? *kb : kNoKnowledge);
  auto in_council_name = [&](size_t b, size_t e) {
    return std::any_of(council_names.begin(), council_names.end(),
                       [&](const CouncilMention& m) { return m.begin <= b && e <= m.end; });
  };
  int line_no = 0;
  for (const LogicalLine& logical : HeadingLines(text.substr(0, std::min(text.size(), kCommitteeFront)), 40)) {
    const std::string_view line = logical.text;
    ++line_no;
    if (in_council_name(logical.begin, logical.end)) continue;
    const std::string lower = ToLowerAscii(line);
    auto vote = [&](std::string_view raw, double score) {
      // Cut at "held", at a date, or at a dash before one: "Cabinet - 4 March 2025", "Panel 21st September".
      if (const size_t held = ToLowerAscii(raw).find(" held"); held != std::string::npos) raw = raw.substr(0, held);
      const std::vector<DateMention> dates = FindDateMentions(raw);
      if (!dates.empty()) raw = raw.substr(0, dates.front().begin);
      raw = TrimView(raw);
      while (!raw.empty() && (raw.back() == '-' || raw.back() == ',' || raw.back() == ':')) raw = TrimView(raw.substr(0, raw.size() - 1));
      if (raw.empty() || CountWords(raw) > 24 || raw.find_first_of("0123456789") != std::string_view::npos) return;
      if (!IsBodyNounWord(LastWordLower(raw)) && ToLowerAscii(raw) != "cabinet") return;
      const CommitteeName name = CanonicalCommittee(raw, council, kb);
      if (!name.name.empty()) votes.push_back({name.name, score, std::string(line)});
    };
    // "To:", "To/", "To /": an address line.
    const size_t after_to = lower.find_first_not_of(' ', 2);
    const bool address_line = lower.rfind("to", 0) == 0 && after_to != std::string::npos &&
                              (lower[after_to] == ':' || lower[after_to] == '/');
    bool minutes_heading = false;
    for (const char* lead : {"minutes for ", "minutes of ", "minutes "}) {
      if (lower.rfind(lead, 0) == 0) {
        vote(line, 5);
        minutes_heading = true;
        break;
      }
    }
    if (minutes_heading) continue;
    for (const char* label : {"to:", "meeting title", "meeting:", "committee:", "report to ", "decision maker:"}) {
      if (lower.rfind(label, 0) != 0) continue;
      // "To: Cabinet - 4 March 2025": addressed to a meeting on a day.
      const bool dated = !FindDateMentions(line).empty();
      vote(line.substr(std::string_view(label).size()), line_no <= 12 ? (dated ? 6 : 4) : 2);
    }
    // "To: The Cathaoirleach and Each Member of the Municipal District of Adare-Rathkeale".
    if (address_line) {
      for (const char* members : {"members of the ", "member of the ", "members of ", "member of "}) {
        const size_t at = lower.find(members);
        if (at == std::string::npos) continue;
        const std::string_view body = line.substr(at + std::string_view(members).size());
        const CommitteeName name = CanonicalCommittee(body, council, kb);
        // Members of a committee are also members of the council: an address
        // to the council's members does not say the meeting is of the full council.
        if (!name.name.empty() && name.name != kFullCouncil && CountWords(body) <= 12 && LooksLikeBody(name.name))
          votes.push_back({name.name, 4, std::string(line)});
        break;
      }
    }
    if (line_no <= 10) {
      // A line that is only a body's name, perhaps after its council's:
      // "Nottingham City Council Children and Young People Scrutiny
      // Committee", "KENT COUNTY COUNCIL COUNTY COUNCIL". A council's name
      // alone is not a committee.
      std::string_view body = line;
      for (const CouncilMention& m : council_names) {
        if (m.begin < logical.begin || m.begin > logical.begin + 2) continue;
        const std::string mention = Squeeze(text.substr(m.begin, m.end - m.begin));
        if (ToLowerAscii(line.substr(0, mention.size())) == ToLowerAscii(mention)) body = TrimView(line.substr(mention.size()));
      }
      if (!address_line && !body.empty() && CountWords(body) <= 12 && body.find_first_of(".;") == std::string_view::npos) {
        // Fragments of a letterhead ("& County Council") are not a meeting of the full council.
        const std::string key = NameKey(body);
        const bool council_word = LastWordLower(body) == "council";
        const bool explicit_full = key == "full council" || key == "county council" || key == "city council" ||
                                   key == "council" || key == "borough council" || key == "district council";
        if (!council_word || explicit_full) vote(body, line_no <= 4 ? 4 : 3);
      }
    }
  }
}

// Who a paper asks to decide: "County Council is asked to agree the
// following", "Cabinet is recommended to", "this report to Full Council".
void VoteAddressee(std::string_view text, const std::string& council, const Knowledge* kb, std::vector<Vote>& votes) {
  const std::string_view front = text.substr(0, std::min<size_t>(text.size(), 6000));
  const std::string flat = Squeeze(front);
  const std::string lower = ToLowerAscii(flat);
  auto capitalised_before = [&](size_t end) {
    // Capitalised words (and "and", "of") ending at `end`.
    size_t start = end;
    size_t k = end;
    for (int words = 0; words < 8 && k > 1 && flat[k - 1] == ' '; ++words) {
      size_t w = k - 1;
      while (w > 0 && (IsAlpha(flat[w - 1]) || flat[w - 1] == '-' || flat[w - 1] == '\'')) --w;
      const std::string_view word = std::string_view(flat).substr(w, k - 1 - w);
      if (word.empty()) break;
      const bool joiner = word == "and" || word == "of";
      if (!joiner && !IsUpper(word.front())) break;
      if (!joiner) start = w;
      k = w;
    }
    return start;
  };
  for (const char* cue : {" is asked to ", " is recommended to ", " are asked to ", " is requested to "}) {
    for (size_t at = lower.find(cue); at != std::string::npos; at = lower.find(cue, at + 1)) {
      const size_t start = capitalised_before(at + 1);
      if (start >= at) continue;
      const std::string raw = flat.substr(start, at - start);
      const CommitteeName name = CanonicalCommittee(raw, council, kb);
      if (!name.name.empty() && LooksLikeBody(name.name) && (IsBodyNounWord(LastWordLower(raw))))
        votes.push_back({name.name, 4, flat.substr(start, at + std::string_view(cue).size() - start)});
    }
  }
  for (const char* cue : {"this report to ", "report to the ", "report to "}) {
    for (size_t at = lower.find(cue); at != std::string::npos; at = lower.find(cue, at + 1)) {
      const size_t from = at + std::string_view(cue).size();
      size_t end = from;
      while (end < flat.size() && (IsAlpha(flat[end]) || flat[end] == ' ' || flat[end] == '\'' || flat[end] == '-')) {
        if (flat[end] == ' ' && end + 1 < flat.size() && !IsUpper(flat[end + 1]) && lower.compare(end, 5, " and ") != 0 &&
            lower.compare(end, 4, " of ") != 0)
          break;
        ++end;
      }
      std::string raw = flat.substr(from, end - from);
      for (const char* whole : {"full council", "county council", "cabinet"}) {
        if (lower.compare(from, std::string_view(whole).size(), whole) == 0) {
          raw = flat.substr(from, std::string_view(whole).size());
          end = from + raw.size();
        }
      }
      if (raw.empty() || !IsBodyNounWord(LastWordLower(raw))) continue;
      if (!IsUpper(raw.front()) && NameKey(raw) != "full council" && NameKey(raw) != "county council") continue;
      const CommitteeName name = CanonicalCommittee(raw, council, kb);
      if (!name.name.empty() && LooksLikeBody(name.name)) votes.push_back({name.name, 3, flat.substr(at, end - at)});
    }
  }
}

// Names the paper repeats: capitalised words ending in Committee, Panel or
// Board (not at the start of a sentence alone: "Committee Members asked").
void VoteRepeatedNames(std::string_view text, const std::string& council, const Knowledge* kb,
                       std::vector<Vote>& votes) {
  std::map<std::string, std::pair<int, std::string>> counts;
  for (const char* noun : {" Committee", " Panel", " Sub-Committee", " Board"}) {
    const std::string_view n(noun);
    for (size_t at = text.find(n); at != std::string_view::npos; at = text.find(n, at + n.size())) {
      const size_t end = at + n.size();
      if (end < text.size() && IsAlpha(text[end])) continue;
      // Walk back over capitalised words and "and", "of", "for", "'s".
      size_t start = at + 1;
      size_t k = at + 1;  // text[k - 1] is the space before the noun
      int words = 0;
      while (k > 0 && words < 10) {
        if (text[k - 1] != ' ') break;
        size_t w = k - 1;
        while (w > 0 && (IsAlpha(text[w - 1]) || text[w - 1] == '\'' || text[w - 1] == '-')) --w;
        const std::string_view word = text.substr(w, k - 1 - w);
        if (word.empty()) break;
        const bool joiner = word == "and" || word == "of" || word == "for" || word == "&";
        if (!joiner && !IsUpper(word.front())) break;
        if (word == "The" || word == "the") break;
        if (!joiner) start = w;
        k = w;
        ++words;
      }
      if (start == at + 1) continue;
      const std::string raw(text.substr(start, end - start));
      if (CountWords(raw) < 3) continue;  // "Scrutiny Committee", "Executive Board" alone are too generic to repeat-vote
      const CommitteeName name = CanonicalCommittee(raw, council, kb);
      if (name.name.empty() || name.name == kFullCouncil) continue;
      auto& c = counts[name.name];
      if (c.first++ == 0) c.second = raw;
    }
  }
  for (const auto& [name, c] : counts) {
    if (c.first >= 2) votes.push_back({name, std::min(5.0, 1.0 + c.first), c.second});
  }
}

}  // namespace

std::vector<CommitteeCandidate> RankCommittees(std::string_view text, std::string_view council_view,
                                               const Knowledge* knowledge) {
  const std::string council(council_view);
  const std::string_view front = text.substr(0, std::min(text.size(), kCommitteeFront + 400));
  const std::string flat = Squeeze(front);
  const std::string lower = ToLowerAscii(flat);
  std::vector<Vote> votes;
  VoteHeldSentences(flat, lower, council, knowledge, votes);
  VoteHeadingLines(text, council, knowledge, votes);
  VoteRepeatedNames(text, council, knowledge, votes);
  VoteAddressee(text, council, knowledge, votes);
  std::map<std::string, CommitteeCandidate> by_name;
  std::map<std::string, double> best_vote;
  for (const Vote& v : votes) {
    if (!LooksLikeBody(v.name)) continue;
    CommitteeCandidate& c = by_name[v.name];
    c.name = v.name;
    c.score += v.score;
    if (v.score > best_vote[v.name]) {
      best_vote[v.name] = v.score;
      c.evidence = std::string(TruncateUtf8(v.evidence, 200));
    }
  }
  std::vector<CommitteeCandidate> out;
  for (auto& [name, c] : by_name) out.push_back(std::move(c));
  std::sort(out.begin(), out.end(),
            [](const CommitteeCandidate& a, const CommitteeCandidate& b) { return a.score > b.score; });
  return out;
}

std::optional<Extracted> ExtractCommittee(std::string_view text, std::string_view council,
                                          const Knowledge* knowledge) {
  const std::vector<CommitteeCandidate> ranked = RankCommittees(text, council, knowledge);
  if (ranked.empty()) return std::nullopt;
  const double best = ranked.front().score;
  const double second = ranked.size() > 1 ? ranked[1].score : 0;
  if (best < 4 || best - second < 1.5) return std::nullopt;
  const double confidence = std::min(0.99, 0.5 + 0.04 * best + 0.04 * (best - second));
  return Extracted{ranked.front().name, confidence, ranked.front().evidence};
}

}  // namespace councilsearch
