// Abbreviations and synonyms across index and query.
//
// Xapian's synonym table maps a term to terms, not to phrases, and never
// expands quoted phrases, so "CiC" <-> "children in care" is done with
// concept terms: at index time an item that uses either form gets the
// concept (FindConcepts); at query time a query that names either form also
// matches the concept (FindQueryConcepts). British and American spellings are
// unified before terms are generated, on both sides (UnifySpellings).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace councilsearch {

struct Knowledge;

// The concept ids (abbreviations.json "id") an item's text mentions, in
// either form, each once.
std::vector<std::string> FindConcepts(std::string_view text, const Knowledge& knowledge);

// A concept named in a query, and where.
struct QueryConcept {
  std::string id;
  uint32_t begin = 0, end = 0;  // the form in the query text
};
// Concepts named in a query's text (short forms case-insensitively unless
// marked otherwise; long forms as phrases).
std::vector<QueryConcept> FindQueryConcepts(std::string_view query, const Knowledge& knowledge);

// The text with other spellings replaced by the preferred ones, word by word
// ("organization" -> "organisation", "program" -> "programme"), keeping the
// first letter's case. Word count and order are unchanged.
std::string UnifySpellings(std::string_view text, const Knowledge& knowledge);

}  // namespace councilsearch
