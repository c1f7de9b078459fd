// The linguistic settings that indexing and querying must share: the English
// stemmer, the stop-word list, and how the TermGenerator applies them. The
// indexer builds documents with MakeTermGenerator(); searchd configures its
// QueryParser with MakeStemmer() and EnglishStopper(), so both agree.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>

namespace councilsearch {

// A new English stemmer. Xapian::Stem is not thread-safe: one per thread.
Xapian::Stem MakeStemmer();

// The English stop-word list (Snowball's). Immutable and never released to
// Xapian's reference counting, so it can be shared by every thread.
const Xapian::Stopper& EnglishStopper();

// Whether a stem is the stem of a stop word ("the", "doe" from "does").
bool IsStopStem(const std::string& stem);

// A TermGenerator with the English stemmer and STEM_ALL: every word is
// indexed once, as its stem, with its position (stop words too, so phrases
// like "children in care" match), as Lucene's EnglishAnalyzer does. Xapian's
// default, STEM_SOME, indexes each word twice (the word with its positions
// and its Z-prefixed stem); on council papers split into items that was 1.7
// times the (item, term) entries and a quarter more of the indexing time
// (docs/benchmarks.md). 64-byte word limit. Its stemmer remembers the stems
// it gave (the same stems as MakeStemmer's).
Xapian::TermGenerator MakeTermGenerator();

// Calls `f` with each word of `text` lower-cased and unstemmed: runs of
// Unicode word characters (letters, digits, marks, '_'), as the
// TermGenerator splits words, without its special cases ("AT&T",
// apostrophes). The index holds only stems, so this is where the words
// themselves come from (the spelling table, the display of stems).
void ForEachWord(std::string_view text, const std::function<void(const std::string&)>& f);

}  // namespace councilsearch
