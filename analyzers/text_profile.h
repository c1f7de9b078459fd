// The linguistic settings that indexing and querying must share: the English
// stemmer, the stop-word list, and how the TermGenerator applies them. The
// indexer builds documents with MakeTermGenerator(); searchd configures its
// QueryParser with MakeStemmer() and EnglishStopper(), so both agree.
#pragma once

#include <xapian.h>

namespace councilsearch {

// A new English stemmer. Xapian::Stem is not thread-safe: one per thread.
Xapian::Stem MakeStemmer();

// The English stop-word list (Snowball's). Immutable and never released to
// Xapian's reference counting, so it can be shared by every thread.
const Xapian::Stopper& EnglishStopper();

// A TermGenerator with the English stemmer (STEM_SOME: unstemmed terms plus
// Z-prefixed stems), the stop list with STOP_STEMMED (stop words keep their
// unstemmed term and position, so phrases like "children in care" match),
// and a 64-byte word limit. Its stemmer remembers the stems it gave (the
// same stems as MakeStemmer's).
Xapian::TermGenerator MakeTermGenerator();

}  // namespace councilsearch
