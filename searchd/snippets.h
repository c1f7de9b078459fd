// Snippets: the passage of an item's text that best shows why it matched,
// HTML-escaped, with the matching words wrapped in <mark>.
//
// A word matches when it is one of the query's words as typed, or has the
// same English stem as one ("hubs" for "hub"), or is a form of an
// abbreviation concept the query names ("Special Guardianship Order" for
// "SGO"). Everything else in the snippet is escaped, so text from a paper can
// never inject markup.
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace councilsearch {

struct Knowledge;

struct Highlight {
  std::set<std::string> words;     // lower-case unstemmed terms
  std::set<std::string> stems;     // English stems, as the index holds them
  std::set<std::string> concepts;  // concept ids
  bool empty() const { return words.empty() && stems.empty() && concepts.empty(); }
};

struct Snippet {
  std::string html;       // escaped text with <mark>...</mark>
  size_t offset = 0;      // where the passage starts in the text
  int marks = 0;          // how many matches it shows
};

// Escapes &, <, >, " and '.
std::string EscapeHtml(std::string_view text);

// The best passage of about `length` bytes (the start of the text when
// nothing matches), cut on word boundaries, with "..." where it is cut.
Snippet MakeSnippet(std::string_view text, const Highlight& highlight, const Knowledge& knowledge,
                    size_t length = 300);

}  // namespace councilsearch
