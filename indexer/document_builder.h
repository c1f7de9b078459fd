// Turns an analysed paper into Xapian documents, one per item, following
// schema.h. Pure: no database access, so it runs on worker threads.
#pragma once

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

#include "analyzers/knowledge.h"
#include "analyzers/paper.h"
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

// True for a term that belongs in the spelling dictionary: an unprefixed
// (free-text) word of three or more bytes without digits.
bool IsSpellingWord(const std::string& term);

// Calls f(word, wdf) for each spelling word of a document.
template <typename F>
void ForEachSpellingWord(const Xapian::Document& doc, F&& f) {
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (IsSpellingWord(term)) f(term, t.get_wdf());
  }
}

// The spelling words of a paper's items with their wdf summed over the
// items, in word order: what the paper adds to the spelling table. Built on
// the worker threads so that the writer thread only adds them up.
using SpellingWords = std::vector<std::pair<std::string, Xapian::termcount>>;
SpellingWords SpellingWordsOf(const std::vector<Xapian::Document>& items);

}  // namespace councilsearch
