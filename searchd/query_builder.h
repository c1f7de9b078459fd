// From a user's query string to a Xapian query, as councilsearch indexes.
//
// The syntax is Xapian's QueryParser (AND, OR, NOT, "phrases", NEAR,
// wildcards, +/-), with councilsearch's fields:
//   title:  heading:  decision:        free text of those fields
//   council:  committee:  theme:  person:  type:  year:  kind:  format:
//                                      filters (names are matched as slugs,
//                                      themes by id or label)
//   2022-01-01..2023-06-30, date:2022..2023-06   meeting date ranges
//   amount:500000..2000000, amount:500k..2m, amount:1m..   money in the item
// Abbreviations are expanded both ways through concept terms ("CiC" also
// finds "children in care"; "special guardianship order" also finds "SGO"),
// and British and American spellings are unified, as at index time.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/status.h"

namespace councilsearch {

struct Knowledge;

// The query string with each abbreviation or long form it names grouped with
// its concept: "CiC budget" -> "(CiC OR concept:cic) budget". A form inside a
// longer quoted phrase or a field value is left alone.
std::string ExpandConcepts(std::string_view query, const Knowledge& knowledge);

// "500k" -> 500000, "2m" -> 2000000, "1.5bn", "250,000"; false if not a number.
bool ParseMoney(std::string_view text, double& value);

// Items mentioning an amount of lo to hi whole units (magnitudes), as the OR
// of the XAMBLOCK blocks that tile the range and the exact XAMOUNT terms the
// database has at its ends (indexer/schema.h). Matches nothing if lo > hi.
Xapian::Query AmountRangeQuery(const Xapian::Database& db, uint64_t lo, uint64_t hi);

// Items dated lo to hi (YYYYMMDD, inclusive), as a weightless OR of the
// Y, M and D terms that tile the range: whole years, then whole months, then
// the days the database has at its ends. Undated items carry none of them.
// Being terms, a date range keeps a query countable from the posting lists
// (MatchSet) and works on remote shards. Matches nothing if lo > hi.
Xapian::Query DateRangeQuery(const Xapian::Database& db, const std::string& lo, const std::string& hi);

// At most this many stems for one wildcard: its most frequent. A short
// wildcard ("c*") names tens of thousands of words, and each is a posting
// list to merge (Elasticsearch caps a query's clauses at 1,024 too).
inline constexpr size_t kMaxWildcardTerms = 1024;
// At most this many wildcards in one query (each reads the spelling table's
// words that start so, and merges up to kMaxWildcardTerms posting lists),
// each with at least this many letters before its `*`: at 1M items `c*`
// merged a third of all postings (1.4 s; `co*` 0.75 s, `cou*` 77 ms).
inline constexpr size_t kMaxWildcards = 8;
inline constexpr size_t kMinWildcardLetters = 3;

// Items with a word that starts with `start` (lower case, as the parser
// passes it) in the field whose term prefix is `prefix` ("" for free text),
// as an OP_SYNONYM of the stems the database holds. The index holds stems
// only, and a word's stem can be shorter than what the user typed:
// "housing" is indexed as "hous", so `housing*` must find "hous" too. So
// the stems that start with `start` ("hous*": "hous", "household"), and the
// stems of the written words in the spelling table that start with it
// ("housing*": "housing" -> "hous"); at most `max_terms`, the most frequent.
// Remote shards have no spelling table: then the stems alone. Matches
// nothing when no word starts so.
Xapian::Query WildcardQuery(const Xapian::Database& db, std::string_view prefix, std::string_view start,
                            const Knowledge& knowledge, size_t max_terms = kMaxWildcardTerms);

class QueryBuilder {
 public:
  // `database` must outlive the builder; it is used for wildcards, spelling
  // and amount ranges. Not thread-safe: one builder per thread, like the
  // database handle.
  QueryBuilder(const Xapian::Database& database, const Knowledge& knowledge);

  // Parses a query. kInvalidArgument with the parser's reason for a syntax
  // error ("query syntax: Syntax: <expression> AND <expression>").
  Result<Xapian::Query> Parse(std::string_view query);

  // The stemmed, unprefixed words of the last parsed query (for snippets and
  // spelling suggestions).
  const std::vector<std::string>& words() const { return words_; }

  Xapian::QueryParser& parser() { return parser_; }

 private:
  const Xapian::Database& database_;
  const Knowledge& knowledge_;
  Xapian::QueryParser parser_;
  std::vector<std::string> words_;
};

}  // namespace councilsearch
