#include "analyzers/concepts.h"

#include <algorithm>
#include <array>
#include <set>

#include "analyzers/knowledge.h"
#include "analyzers/phrase_matcher.h"

namespace councilsearch {
namespace {

// "-ize" forms that are not American spellings of "-ise" words.
bool IzeException(const std::string& w) {
  static const std::set<std::string> kExceptions = {
      "capsize", "capsized", "downsize", "downsized", "downsizing", "upsize", "resize", "resized", "resizing",
      "oversize", "oversized", "undersized", "baize", "maize", "assize", "assizes"};
  return kExceptions.count(w) != 0;
}

// The British form of an American "-ize"/"-ization" word, or "".
std::string BritishIze(const std::string& w) {
  static constexpr std::array<const char*, 8> kSuffixes = {"izations", "ization", "izers", "izer",
                                                           "izing",    "ized",    "izes",  "ize"};
  for (const char* suffix : kSuffixes) {
    const std::string s(suffix);
    if (w.size() < s.size() + 3 || w.compare(w.size() - s.size(), s.size(), s) != 0) continue;
    if (IzeException(w)) return "";
    std::string out = w;
    out[w.size() - s.size() + 1] = 's';  // the 'z'
    return out;
  }
  return "";
}

}  // namespace

std::vector<std::string> FindConcepts(std::string_view text, const Knowledge& kb) {
  std::vector<std::string> out;
  std::set<int> seen;
  for (const auto& m : kb.concept_matcher.FindAll(text)) {
    if (seen.insert(m.id).second) out.push_back(kb.abbreviations[static_cast<size_t>(m.id)].id);
  }
  return out;
}

std::vector<QueryConcept> FindQueryConcepts(std::string_view query, const Knowledge& kb) {
  std::vector<QueryConcept> out;
  for (const auto& m : kb.query_concept_matcher.FindAll(query)) {
    const std::string& id = kb.abbreviations[static_cast<size_t>(m.id)].id;
    // "CiC" and "CIC" read the same in a query: report each span once.
    const bool seen = std::any_of(out.begin(), out.end(), [&](const QueryConcept& q) {
      return q.id == id && q.begin == m.begin && q.end == m.end;
    });
    if (!seen) out.push_back({id, m.begin, m.end});
  }
  return out;
}

std::string UnifySpellings(std::string_view text, const Knowledge& kb) {
  std::string out;
  out.reserve(text.size());
  size_t copied = 0;
  for (const Word& w : SplitWords(text)) {
    std::string replacement;
    if (const auto it = kb.spelling_map.find(w.lower); it != kb.spelling_map.end()) {
      replacement = it->second;
    } else if (w.lower.find('z') != std::string::npos) {
      replacement = BritishIze(w.lower);
    }
    if (replacement.empty()) continue;
    const char first = text[w.begin];
    if (first >= 'A' && first <= 'Z') replacement[0] = static_cast<char>(replacement[0] - 'a' + 'A');
    out.append(text.substr(copied, w.begin - copied));
    out += replacement;
    copied = w.end;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace councilsearch
