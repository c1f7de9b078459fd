// Turns an analysed paper into Xapian documents, one per item, following
// schema.h. Pure: no database access, so it runs on worker threads.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzers/knowledge.h"
#include "analyzers/paper.h"
#include "analyzers/text_profile.h"
#include "indexer/paper_record.h"

namespace councilsearch {

// Weights (within-document frequency increments) of the fields that are
// also indexed as free text: a word in a heading or title counts more.
inline constexpr Xapian::termcount kTitleWeight = 2;
inline constexpr Xapian::termcount kHeadingWeight = 3;

// `paper.fields` must be the merged metadata; `term_generator` comes from
// MakeTermGenerator() and is reused across calls on one thread; `knowledge`
// gives the spelling variants.
std::vector<Xapian::Document> BuildItemDocuments(const PaperRecord& paper, const PaperAnalysis& analysis,
                                                 Xapian::TermGenerator& term_generator, const Knowledge& knowledge);

// True for a word that belongs in the spelling dictionary: three or more
// bytes without digits.
bool IsSpellingWord(const std::string& word);

// Calls f(word) for each occurrence of a spelling word in an item's text
// (as written, lower-cased: the index itself holds only stems). Indexing
// adds what this finds in the text; re-indexing takes back what it finds in
// the stored text, which is the same text.
template <typename F>
void ForEachSpellingWord(std::string_view text, F&& f) {
  ForEachWord(text, [&f](const std::string& word) {
    if (IsSpellingWord(word)) f(word);
  });
}

// The spelling words of a paper's items with their occurrences summed over
// the items, in word order: what the paper adds to the spelling table. Built
// on the worker threads so that the writer thread only adds them up.
using SpellingWords = std::vector<std::pair<std::string, Xapian::termcount>>;
SpellingWords SpellingWordsOf(const PaperAnalysis& analysis);

}  // namespace councilsearch
