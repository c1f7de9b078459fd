// A term's document frequency, remembered per thread for each database
// revision.
#pragma once

#include <xapian.h>

#include <string>

namespace councilsearch {

// db.get_termfreq(term), remembered by this thread for db's UUID and
// revision. Xapian reads a frequency from the posting-list B-tree every time
// (a pread whenever the block is not the one its cursor holds), and one
// search asks for the same few terms several times: BM25's weights, the
// walk's estimates, the match cache's cost of a query. A new revision is
// never answered from an old one. A database with no single revision
// (several databases opened as one, a remote one that keeps none) is asked
// every time.
Xapian::doccount TermFrequency(const Xapian::Database& db, const std::string& term);

// "UUID@revision": what names a database's content for what is remembered
// between requests; "" for a database with no single revision.
std::string RevisionName(const Xapian::Database& db);

}  // namespace councilsearch
