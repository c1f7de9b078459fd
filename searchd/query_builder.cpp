#include "searchd/query_builder.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "analyzers/concepts.h"
#include "analyzers/knowledge.h"
#include "analyzers/people.h"
#include "analyzers/text_profile.h"
#include "analyzers/text_util.h"
#include "indexer/schema.h"
#include "searchd/query_syntax.h"
#include "searchd/search_service.h"

namespace councilsearch {
namespace {

using namespace schema;

std::string Term(std::string_view prefix, std::string_view value) {
  std::string t(prefix);
  t += value;
  return t;
}

// A filter field whose value is matched as a slug ("Nottingham City Council"
// or "nottingham-city-council").
class SlugField final : public Xapian::FieldProcessor {
 public:
  explicit SlugField(std::string_view prefix) : prefix_(prefix) {}
  Xapian::Query operator()(const std::string& value) override { return Xapian::Query(Term(prefix_, Slug(value))); }

 private:
  std::string prefix_;
};

// theme:early-help, theme:"Early help": a theme id or label from the taxonomy.
class ThemeField final : public Xapian::FieldProcessor {
 public:
  explicit ThemeField(const Knowledge& kb) : kb_(kb) {}
  Xapian::Query operator()(const std::string& value) override {
    const Theme* theme = kb_.FindTheme(value);
    return Xapian::Query(Term(kPrefixTheme, theme != nullptr ? theme->id : Slug(value)));
  }

 private:
  const Knowledge& kb_;
};

// Letters and digits only: what the query parser passes a field whole
// ("cp-plan" would reach the field as "cp" and a NOT).
std::string AlnumOnly(std::string_view id) {
  std::string out;
  for (char c : id)
    if (std::isalnum(static_cast<unsigned char>(c))) out += c;
  return out;
}

// concept:cic, concept:cpplan (an id written without its hyphens), used by
// the concept expansion.
class ConceptField final : public Xapian::FieldProcessor {
 public:
  explicit ConceptField(const Knowledge& kb) : kb_(kb) {}
  Xapian::Query operator()(const std::string& value) override {
    for (const Abbreviation& a : kb_.abbreviations) {
      if (AlnumOnly(a.id) == AlnumOnly(value)) return Xapian::Query(Term(kPrefixConcept, a.id));
    }
    return Xapian::Query(Term(kPrefixConcept, value));
  }

 private:
  const Knowledge& kb_;
};

// Money ranges. An open upper end ("amount:1m..", the usual question) is
// asked of the largest amount's value slot: an item mentions an amount of at
// least `lo` exactly when its largest does, and a value range is one pass over
// one value stream. A closed range is AmountRangeQuery's blocks.
class AmountRange final : public Xapian::RangeProcessor {
 public:
  explicit AmountRange(const Xapian::Database& db) : Xapian::RangeProcessor(Xapian::BAD_VALUENO, "amount:"), db_(db) {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    double lo = 0, hi = static_cast<double>(kAmountMax);
    if (!begin.empty() && !ParseMoney(begin, lo)) return Xapian::Query(Xapian::Query::OP_INVALID);
    if (!end.empty() && !ParseMoney(end, hi)) return Xapian::Query(Xapian::Query::OP_INVALID);
    if (lo > hi) std::swap(lo, hi);
    if (end.empty()) {
      // Terms hold floor(|amount|), so "a term >= ceil(lo)" is "|amount| >= ceil(lo)".
      return Xapian::Query(Xapian::Query::OP_VALUE_GE, kSlotAmountMax, Xapian::sortable_serialise(std::ceil(lo)));
    }
    // Whole units: an amount term t matches when ceil(lo) <= t <= floor(hi).
    const double first = std::ceil(std::max(lo, 0.0)), last = std::floor(std::min(hi, static_cast<double>(kAmountMax)));
    if (first > last) return Xapian::Query();  // matches nothing (not the shared Query::MatchNothing)
    return AmountRangeQuery(db_, static_cast<uint64_t>(first), static_cast<uint64_t>(last));
  }

 private:
  const Xapian::Database& db_;
};

// Meeting-date ranges with ends written YYYY, YYYY-MM or YYYY-MM-DD (a
// year or month end covers the whole period), either end open. Undated
// items are outside every range.
class DateRange final : public Xapian::RangeProcessor {
 public:
  DateRange(const std::string& prefix, const Xapian::Database& db)
      : Xapian::RangeProcessor(Xapian::BAD_VALUENO, prefix), db_(db) {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    auto lo = begin.empty() ? Result<std::string>(std::string("00000101")) : DateBound(begin, false);
    auto hi = end.empty() ? Result<std::string>(std::string("99991231")) : DateBound(end, true);
    if (!lo.ok() || !hi.ok()) return Xapian::Query(Xapian::Query::OP_INVALID);
    return DateRangeQuery(db_, *lo, *hi);
  }

 private:
  const Xapian::Database& db_;
};

bool InsideQuotesOrField(std::string_view q, size_t at, size_t end, bool& whole_phrase) {
  // Quote state at `at`.
  bool quoted = false;
  size_t quote_start = 0;
  for (size_t k = 0; k < at; ++k) {
    if (q[k] == '"') {
      quoted = !quoted;
      quote_start = k;
    }
  }
  whole_phrase = false;
  if (quoted) {
    // Allowed only when the form is the whole phrase: "special guardianship order".
    const size_t close = q.find('"', end);
    whole_phrase = quote_start + 1 == at && close == end;
    return !whole_phrase;
  }
  // A field value: "committee:..." directly before.
  size_t k = at;
  while (k > 0 && q[k - 1] != ' ' && q[k - 1] != '(') --k;
  return q.substr(k, at - k).find(':') != std::string_view::npos;
}

}  // namespace

namespace {

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// The terms of `prefix` from prefix+first to prefix+last that the database has.
void AddExistingTerms(const Xapian::Database& db, std::string_view prefix, const std::string& first,
                      const std::string& last, std::vector<Xapian::Query>& out) {
  const std::string p(prefix), end = p + last;
  Xapian::TermIterator t = db.allterms_begin(p);
  t.skip_to(p + first);
  for (; t != db.allterms_end(p); ++t) {
    std::string term = *t;
    if (term > end) break;
    out.emplace_back(std::move(term));
  }
}

std::string Digits(int value, int width) { return PaddedDecimal(static_cast<uint64_t>(value), static_cast<size_t>(width)); }

// The exact amount terms from lo to hi that the database has.
void AddExactAmounts(const Xapian::Database& db, uint64_t lo, uint64_t hi, std::vector<Xapian::Query>& out) {
  AddExistingTerms(db, kPrefixAmount, PaddedDecimal(lo, kAmountDigits), PaddedDecimal(hi, kAmountDigits), out);
}

// The blocks of 10^level units from lo to hi (lo and hi + 1 are multiples of 10^level).
void AddBlocks(int level, uint64_t lo, uint64_t hi, std::vector<Xapian::Query>& out) {
  const uint64_t size = PowerOfTen(level);
  for (uint64_t block = lo / size; block <= hi / size; ++block) out.emplace_back(AmountBlockTerm(level, block));
}

// Days lo_day..hi_day of one month: the month's term when that is all of it.
void CoverMonth(const Xapian::Database& db, int year, int month, int lo_day, int hi_day,
                std::vector<Xapian::Query>& out) {
  const std::string ym = Digits(year, 4) + Digits(month, 2);
  if (lo_day == 1 && hi_day >= DaysInMonth(year, month)) {
    out.emplace_back(std::string(kPrefixMonth) + ym);
    return;
  }
  AddExistingTerms(db, kPrefixDay, ym + Digits(lo_day, 2), ym + Digits(hi_day, 2), out);
}

// From (lo_month, lo_day) to (hi_month, hi_day) of one year.
void CoverYear(const Xapian::Database& db, int year, int lo_month, int lo_day, int hi_month, int hi_day,
               std::vector<Xapian::Query>& out) {
  if (lo_month == 1 && lo_day == 1 && hi_month == 12 && hi_day >= 31) {
    out.emplace_back(std::string(kPrefixYear) + Digits(year, 4));
    return;
  }
  if (lo_month == hi_month) return CoverMonth(db, year, lo_month, lo_day, hi_day, out);
  CoverMonth(db, year, lo_month, lo_day, 31, out);
  if (lo_month + 1 <= hi_month - 1)
    AddExistingTerms(db, kPrefixMonth, Digits(year, 4) + Digits(lo_month + 1, 2), Digits(year, 4) + Digits(hi_month - 1, 2), out);
  CoverMonth(db, year, hi_month, 1, hi_day, out);
}

}  // namespace

Xapian::Query DateRangeQuery(const Xapian::Database& db, const std::string& lo, const std::string& hi) {
  std::vector<Xapian::Query> parts;
  const auto field = [](const std::string& ymd, size_t at, size_t n) { return std::stoi(ymd.substr(at, n)); };
  if (lo.size() == 8 && hi.size() == 8 && lo <= hi) {
    const int ly = field(lo, 0, 4), lm = field(lo, 4, 2), ld = field(lo, 6, 2);
    const int hy = field(hi, 0, 4), hm = field(hi, 4, 2), hd = field(hi, 6, 2);
    if (ly == hy) {
      CoverYear(db, ly, lm, ld, hm, hd, parts);
    } else {
      CoverYear(db, ly, lm, ld, 12, 31, parts);
      if (ly + 1 <= hy - 1) AddExistingTerms(db, kPrefixYear, Digits(ly + 1, 4), Digits(hy - 1, 4), parts);
      CoverYear(db, hy, 1, 1, hm, hd, parts);
    }
  }
  if (parts.empty()) return Xapian::Query();
  // A filter: it narrows the matches and adds nothing to their weight.
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()), 0);
}

Xapian::Query AmountRangeQuery(const Xapian::Database& db, uint64_t lo, uint64_t hi) {
  hi = std::min(hi, kAmountMax);
  std::vector<Xapian::Query> parts;
  // Amounts under a thousand have no blocks.
  if (lo < PowerOfTen(kAmountBlockFirstLevel)) {
    AddExactAmounts(db, lo, std::min(hi, PowerOfTen(kAmountBlockFirstLevel) - 1), parts);
    lo = PowerOfTen(kAmountBlockFirstLevel);
  }
  // From the finest level up: the partial coarser blocks at either end are
  // covered at this level, the whole ones in between at the next.
  int level = 0;
  while (lo <= hi) {
    const int next = level == 0 ? kAmountBlockFirstLevel : level + 1;
    const uint64_t size = next <= kAmountBlockLastLevel ? PowerOfTen(next) : 0;
    const uint64_t inner_lo = size ? (lo + size - 1) / size * size : 0;  // first whole block's start
    const uint64_t inner_end = size ? (hi + 1) / size * size : 0;        // last whole block's end + 1
    auto cover = [&](uint64_t a, uint64_t b) {
      if (level == 0) AddExactAmounts(db, a, b, parts);
      else AddBlocks(level, a, b, parts);
    };
    if (size == 0 || inner_lo >= inner_end) {  // no whole coarser block inside
      cover(lo, hi);
      break;
    }
    if (lo < inner_lo) cover(lo, inner_lo - 1);
    if (inner_end <= hi) cover(inner_end, hi);
    lo = inner_lo;
    hi = inner_end - 1;
    level = next;
  }
  if (parts.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Xapian::Query WildcardQuery(const Xapian::Database& db, std::string_view prefix, std::string_view start,
                            const Knowledge& knowledge, size_t max_terms) {
  std::map<std::string, Xapian::doccount> stems;  // term -> items
  const std::string begins = std::string(prefix) + std::string(start);
  for (auto t = db.allterms_begin(begins); t != db.allterms_end(begins); ++t) stems.emplace(*t, t.get_termfreq());
  // Written words whose stem does not start with `start`: the stem is then
  // mostly a prefix of `start` ("hous" of "housing*") or a letter changed
  // ("counti" of "county*"), so few, each looked up once.
  std::set<std::string> elsewhere;
  try {
    Xapian::Stem stem = MakeStemmer();
    Xapian::TermIterator w = db.spellings_begin();
    w.skip_to(std::string(start));
    for (; w != db.spellings_end(); ++w) {
      const std::string written = *w;
      if (written.compare(0, start.size(), start) != 0) break;
      std::string term = std::string(prefix) + stem(UnifySpellings(written, knowledge));
      if (term.compare(0, begins.size(), begins) != 0) elsewhere.insert(std::move(term));
    }
  } catch (const Xapian::UnimplementedError&) {
    // A remote shard: no spelling table to read.
  }
  for (const std::string& term : elsewhere) {
    if (const Xapian::doccount n = db.get_termfreq(term); n > 0) stems.emplace(term, n);
  }
  std::vector<std::pair<Xapian::doccount, std::string>> by_items;
  for (auto& [term, n] : stems) by_items.emplace_back(n, term);
  if (by_items.size() > max_terms) {
    std::partial_sort(by_items.begin(), by_items.begin() + static_cast<std::ptrdiff_t>(max_terms), by_items.end(),
                      [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    by_items.resize(max_terms);
  }
  if (by_items.empty()) return Xapian::Query();
  std::vector<Xapian::Query> terms;
  for (const auto& [n, term] : by_items) terms.emplace_back(term);
  // One word of many forms, weighted as one (as Xapian's own wildcards are).
  return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
}

bool ParseMoney(std::string_view text, double& value) {
  std::string digits;
  size_t i = 0;
  while (i < text.size() && (text[i] == '\xC2' || text[i] == '\xA3' || text[i] == '$')) ++i;  // £ or $
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if ((c >= '0' && c <= '9') || c == '.') {
      digits += c;
    } else if (c != ',') {
      break;
    }
  }
  if (digits.empty()) return false;
  char* end = nullptr;
  value = std::strtod(digits.c_str(), &end);
  if (end == digits.c_str() || *end != '\0') return false;
  const std::string unit = ToLowerAscii(text.substr(i));
  if (unit.empty()) return true;
  if (unit == "k") value *= 1e3;
  else if (unit == "m") value *= 1e6;
  else if (unit == "bn" || unit == "b") value *= 1e9;
  else return false;
  return true;
}

std::string ExpandConcepts(std::string_view query, const Knowledge& kb) {
  std::string out;
  size_t copied = 0;
  for (const QueryConcept& c : FindQueryConcepts(query, kb)) {
    if (c.begin < copied) continue;  // overlaps a form already expanded
    bool whole_phrase = false;
    if (InsideQuotesOrField(query, c.begin, c.end, whole_phrase)) continue;
    const size_t begin = whole_phrase ? c.begin - 1 : c.begin;
    const size_t end = whole_phrase ? c.end + 1 : c.end;
    out.append(query.substr(copied, begin - copied));
    out += "((";
    out.append(query.substr(begin, end - begin));
    out += ") OR concept:";
    out += AlnumOnly(c.id);
    out += ")";
    copied = end;
  }
  out.append(query.substr(copied));
  return out;
}

namespace {

// The pattern of a wildcard as the parser made it ("Splan" for title:plan*).
// Xapian 1.4's API shows it only in the query's description, so it is read
// from there and accepted only if a wildcard made from it describes itself
// the same; "" otherwise (the wildcard is then left to Xapian).
std::string WildcardPattern(const Xapian::Query& q) {
  static constexpr std::string_view kOpen = "Query(WILDCARD SYNONYM ";
  const std::string d = q.get_description();
  if (d.size() <= kOpen.size() + 1 || d.compare(0, kOpen.size(), kOpen) != 0 || d.back() != ')') return "";
  std::string pattern = d.substr(kOpen.size(), d.size() - kOpen.size() - 1);
  if (Xapian::Query(Xapian::Query::OP_WILDCARD, pattern).get_description() != d) return "";
  return pattern;
}

// XOR without OP_XOR. Xapian 1.4.22 crashes (a segfault in
// MultiXorPostList::recalc_maxweight) when an XOR's posting list on one
// database of several ends while the matcher goes on to the next and
// recalculates its bounds: an XOR query on a sharded database could take
// searchd down. So the builder writes x XOR y as (x OR y) AND_NOT (x AND y)
// (the same matches, and the same weights when one side matches), and more
// operands pairwise, which doubles the tree per operand: hence a cap.
constexpr size_t kMaxXorOperands = 8;

// The parser's query rebuilt: XORs as above, and each wildcard as
// `wildcard(pattern)` (WildcardQuery: the parser's own expansion would look
// for the pattern among the stems).
template <typename F>
Result<Xapian::Query> Rewritten(const Xapian::Query& q, const F& wildcard) {
  using Q = Xapian::Query;
  const Q::op op = q.get_type();
  if (op == Q::OP_WILDCARD) {
    const std::string pattern = WildcardPattern(q);
    if (pattern.empty()) return q;
    return wildcard(pattern);
  }
  const size_t n = q.get_num_subqueries();
  // Operators rebuilt from their subqueries alone (none has parameters); the
  // others hold no XOR or wildcard the parser can make.
  static constexpr Q::op kRebuilt[] = {Q::OP_AND,       Q::OP_OR,     Q::OP_AND_NOT, Q::OP_XOR,
                                       Q::OP_AND_MAYBE, Q::OP_FILTER, Q::OP_SYNONYM, Q::OP_MAX};
  if (n == 0 || std::find(std::begin(kRebuilt), std::end(kRebuilt), op) == std::end(kRebuilt)) return q;
  std::vector<Q> subs;
  for (size_t i = 0; i < n; ++i) {
    auto sub = Rewritten(q.get_subquery(i), wildcard);
    if (!sub.ok()) return sub;
    subs.push_back(std::move(sub).value());
  }
  if (op != Q::OP_XOR) return Q(op, subs.begin(), subs.end());
  if (n > kMaxXorOperands)
    return Status::InvalidArgument("query: XOR takes at most " + std::to_string(kMaxXorOperands) + " operands");
  Q result = subs.back();
  for (size_t i = n - 1; i-- > 0;) result = Q(Q::OP_AND_NOT, Q(Q::OP_OR, subs[i], result), Q(Q::OP_AND, subs[i], result));
  return result;
}

}  // namespace

QueryBuilder::QueryBuilder(const Xapian::Database& database, const Knowledge& knowledge)
    : database_(database), knowledge_(knowledge) {
  parser_.set_database(database_);
  parser_.set_stemmer(MakeStemmer());
  parser_.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);  // as indexed (text_profile.h)
  parser_.set_stopper(&EnglishStopper());
  parser_.set_default_op(Xapian::Query::OP_AND);
  parser_.add_prefix("title", std::string(kPrefixTitle));
  parser_.add_prefix("heading", std::string(kPrefixHeading));
  parser_.add_prefix("decision", std::string(kPrefixDecisionText));
  parser_.add_prefix("concept", (new ConceptField(knowledge_))->release());
  parser_.add_boolean_prefix("council", (new SlugField(kPrefixCouncil))->release());
  parser_.add_boolean_prefix("committee", (new SlugField(kPrefixCommittee))->release());
  parser_.add_boolean_prefix("person", (new SlugField(kPrefixPerson))->release());
  parser_.add_boolean_prefix("kind", (new SlugField(kPrefixKind))->release());
  parser_.add_boolean_prefix("theme", (new ThemeField(knowledge_))->release());
  parser_.add_boolean_prefix("type", std::string(kPrefixType));
  parser_.add_boolean_prefix("year", std::string(kPrefixYear));
  parser_.add_boolean_prefix("format", std::string(kPrefixFormat));
  parser_.add_rangeprocessor((new AmountRange(database_))->release());
  parser_.add_rangeprocessor((new DateRange("date:", database_))->release());
  parser_.add_rangeprocessor((new DateRange("", database_))->release());
}

Result<Xapian::Query> QueryBuilder::Parse(std::string_view query) {
  if (Status syntax = CheckQuerySyntax(query); !syntax.ok()) return syntax;
  const std::string unified = UnifySpellings(query, knowledge_);
  const std::string expanded = ExpandConcepts(unified, knowledge_);
  const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_PURE_NOT;
  try {
    size_t wildcards = 0;
    const auto wildcard = [this, &wildcards](const std::string& pattern) -> Result<Xapian::Query> {
      if (++wildcards > kMaxWildcards)
        return Status::InvalidArgument("query: at most " + std::to_string(kMaxWildcards) + " wildcards");
      // The term prefix is the pattern's leading capitals (the parser lower-cases the word).
      size_t word = 0;
      while (word < pattern.size() && pattern[word] >= 'A' && pattern[word] <= 'Z') ++word;
      size_t letters = 0;  // UTF-8 characters: bytes that do not continue one
      for (size_t i = word; i < pattern.size(); ++i) letters += (static_cast<unsigned char>(pattern[i]) & 0xC0) != 0x80;
      if (letters < kMinWildcardLetters)
        return Status::InvalidArgument("query: a wildcard needs at least " + std::to_string(kMinWildcardLetters) +
                                       " letters before the * ('" + pattern.substr(word) + "*')");
      return WildcardQuery(database_, std::string_view(pattern).substr(0, word), std::string_view(pattern).substr(word),
                           knowledge_);
    };
    auto rewritten = Rewritten(parser_.parse_query(expanded, flags), wildcard);
    if (!rewritten.ok()) return rewritten.status();
    const Xapian::Query q = std::move(rewritten).value();
    // Free-text words (their stems, unprefixed); not field or filter terms.
    words_.clear();
    for (auto t = q.get_terms_begin(); t != q.get_terms_end(); ++t) {
      const std::string term = *t;
      if (!term.empty() && !(term[0] >= 'A' && term[0] <= 'Z')) words_.push_back(term);
    }
    return q;
  } catch (const Xapian::QueryParserError& e) {
    return Status::InvalidArgument("query syntax: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return Status::InvalidArgument("query: " + e.get_msg());
  }
}

}  // namespace councilsearch
