// The council-paper knowledge that lives in data files users can edit
// (analyzers/data/*.json): known councils (names, aliases, e-mail domains,
// phone prefixes, committee aliases), the theme taxonomy and the
// abbreviation dictionary. Loaded once; immutable and shared by all threads.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzers/phrase_matcher.h"
#include "analyzers/status.h"

namespace councilsearch {

struct CommitteeAliases {
  std::string name;                  // the canonical name
  std::vector<std::string> aliases;  // other canonical forms that mean the same body
};

struct CouncilInfo {
  std::string name;                         // "Limerick City and County Council"
  std::vector<std::string> aliases;         // other names, e.g. in Irish or Welsh
  std::vector<std::string> domains;         // e-mail/web domains: weak evidence
  std::vector<std::string> phone_prefixes;  // "0115", "061": weak evidence
  std::vector<CommitteeAliases> committees;
};

// A theme of the taxonomy (themes.json).
struct Theme {
  std::string id;                       // "early-help"
  std::string label;                    // "Early help"
  std::vector<std::string> phrases;     // matched case-insensitively on word boundaries
  std::vector<std::string> weak_phrases;  // general words that count half ("budget", "school")
  std::vector<std::string> acronyms;    // matched case-sensitively ("CAMHS", "SEND")
  double min_weight = 0;                // below it, the item does not get the theme
};

// An abbreviation and what it stands for (abbreviations.json).
struct Abbreviation {
  std::string id;                       // concept id, e.g. "cic"
  std::vector<std::string> short_forms; // "CiC", "CIC" (case-sensitive in papers)
  std::vector<std::string> long_forms;  // "children in care", "child in care" (case-insensitive)
  // Short forms that are also ordinary words ("SEND", "MASH") match in
  // queries only when written in capitals.
  bool query_case_sensitive = false;
};

// A pair of spellings of one word (British and American, etc.).
struct SpellingVariant {
  std::string preferred;                // "organisation"
  std::string other;                    // "organization"
};

struct Knowledge {
  std::vector<CouncilInfo> councils;
  std::vector<Theme> themes;
  std::vector<Abbreviation> abbreviations;
  std::vector<SpellingVariant> spellings;
  std::string fingerprint;  // hash of the files' contents: changing them re-indexes

  // Compiled from the lists above by Compile().
  PhraseMatcher theme_matcher;          // id: index in `themes`
  std::vector<bool> theme_weak_phrase;  // by theme_matcher phrase index: a weak phrase
  PhraseMatcher concept_matcher;        // id: index in `abbreviations`; papers' spelling
  PhraseMatcher query_concept_matcher;  // the same, as queries are written
  std::unordered_map<std::string, std::string> spelling_map;  // other spelling -> preferred, lower case

  // Builds the matchers; LoadKnowledge() calls it.
  void Compile();

  // The council with this name or alias (case-insensitive), or null.
  const CouncilInfo* FindCouncil(std::string_view name) const;
  // `committee` as the council's canonical committee name when it is one of
  // its aliases; otherwise unchanged.
  std::string CommitteeAlias(std::string_view council, const std::string& committee) const;
  const Theme* FindTheme(std::string_view id_or_label) const;
};

// Loads councils.json, themes.json and abbreviations.json from `dir`.
// Errors name the file and what is wrong with it.
Result<std::shared_ptr<const Knowledge>> LoadKnowledge(const std::filesystem::path& dir);

// Where the data files are: $COUNCILSEARCH_DATA_DIR, else the installed
// share/councilsearch/data next to the program, else the source tree's
// analyzers/data (builds run from the build tree).
std::filesystem::path DefaultDataDir();

// The web page's folder: share/councilsearch/web of an installed build, else
// the source tree's web/.
std::filesystem::path DefaultWebDir();

// The knowledge from DefaultDataDir(), loaded on first use. If the files are
// missing or broken the error is printed once and the knowledge is empty.
const Knowledge& DefaultKnowledge();

// Replaces the default knowledge (the CLI's --data option; tests).
void SetDefaultKnowledge(std::shared_ptr<const Knowledge> knowledge);

// Levenshtein distance between two strings, or `limit` + 1 when it is larger.
size_t EditDistance(std::string_view a, std::string_view b, size_t limit);

// Lower-case letters and digits, words separated by single spaces: the form
// in which names are compared.
std::string NameKey(std::string_view name);

}  // namespace councilsearch
