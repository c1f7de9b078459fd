// The index format: every term prefix, value slot, document-data field and
// database-metadata key that councilsearch writes. The indexer owns it; searchd
// includes this header (and nothing else from indexer/). docs/schema.md
// documents the same list, and tests/indexer/schema_doc_test.cpp checks that
// the two agree.
//
// One Xapian document per *item* (agenda item / report section). Each item
// carries its paper's metadata as boolean terms (filters) and values (sorting,
// collapsing, facet counting). Prefixes follow Omega's conventions where one
// exists (Q unique id, S title, D/M/Y dates, E format); our own start
// with X. No prefix is a prefix of another, so `allterms_begin(prefix)` lists
// exactly one field.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/text_codec.h"

namespace councilsearch::schema {

// Bumped when the format changes incompatibly; stored under kMetaSchemaVersion.
// 4: XAMBLOCK amount blocks; 5: kSlotItem; 6: free text as stems only
// (STEM_ALL), which needs the papers analysed again: earlier formats are
// refused with a request to re-index.
inline constexpr std::string_view kSchemaVersion = "6";

// ---- Term prefixes ------------------------------------------------------------
// Free text (body, title, heading) is indexed as English stems (Xapian's
// STEM_ALL: no Z prefix, no unstemmed terms), each with its positions, so
// phrase and NEAR queries work on stems; the field prefixes below come first
// ("S" + the stem). The words as written are in the spelling table.
inline constexpr std::string_view kPrefixItemId = "Q";          // Q<item id>: unique per item
inline constexpr std::string_view kPrefixPaperId = "XPAPER";    // boolean: every item of a paper
inline constexpr std::string_view kPrefixTitle = "S";           // free text of the paper title
inline constexpr std::string_view kPrefixHeading = "XHEAD";     // free text of the item heading
inline constexpr std::string_view kPrefixCouncil = "XCOUNCIL";  // boolean: council slug
inline constexpr std::string_view kPrefixCommittee = "XCOMMITTEE";  // boolean: committee slug
inline constexpr std::string_view kPrefixType = "XTYPE";        // boolean: document type
inline constexpr std::string_view kPrefixYear = "Y";            // boolean: YYYY of the meeting date
inline constexpr std::string_view kPrefixMonth = "M";           // boolean: YYYYMM
inline constexpr std::string_view kPrefixDay = "D";             // boolean: YYYYMMDD
inline constexpr std::string_view kTermUndated = "XUNDATED";    // whole term: the paper has no known date
inline constexpr std::string_view kPrefixFormat = "E";          // boolean: source format (txt, md, html, pdf, jsonl)
inline constexpr std::string_view kPrefixTheme = "XTHEME";      // boolean: theme id the item substantially discusses
inline constexpr std::string_view kPrefixPerson = "XPERSON";    // boolean: person key (PersonKey: "maria-joannou")
inline constexpr std::string_view kTermDecision = "XDECISION";  // whole term: the item records a decision
inline constexpr std::string_view kPrefixDecisionText = "XRES"; // free text of the item's decision parts ("Resolved ...")
inline constexpr std::string_view kPrefixConcept = "XCONCEPT";  // abbreviation concept ("cic"), either form in the text
inline constexpr std::string_view kPrefixAmount = "XAMOUNT";    // boolean: |amount| in whole currency units, 15 digits
inline constexpr std::string_view kPrefixAmountBlock = "XAMBLOCK";  // boolean: the amount's block of 10^k units (below)
inline constexpr std::string_view kPrefixKind = "XKIND";        // boolean: meeting kind ("monthly", "special", ...)

// ---- Value slots ----------------------------------------------------------------
inline constexpr Xapian::valueno kSlotDate = 0;       // "YYYYMMDD" (DateRangeProcessor format); empty if undated
inline constexpr Xapian::valueno kSlotPaperId = 1;    // paper id, for collapsing items to papers
inline constexpr Xapian::valueno kSlotCouncil = 2;    // council display name, for facet counts
inline constexpr Xapian::valueno kSlotCommittee = 3;  // committee display name
inline constexpr Xapian::valueno kSlotType = 4;       // document type
inline constexpr Xapian::valueno kSlotOrdinal = 5;    // sortable_serialise(item ordinal), order within the paper
inline constexpr Xapian::valueno kSlotThemes = 6;     // theme ids, '\n'-separated (multi-valued facet counting)
inline constexpr Xapian::valueno kSlotPeople = 7;     // person names, '\n'-separated
inline constexpr Xapian::valueno kSlotAmountTotal = 8;  // sortable_serialise(sum of |amounts|) for trends
inline constexpr Xapian::valueno kSlotAmountMax = 9;    // sortable_serialise(largest |amount|) for sorting
inline constexpr Xapian::valueno kSlotItem = 10;        // the item's JSON and text, two zstd frames (below)

// The number of digits of an XAMOUNT term: zero-padded, so terms sort as numbers.
inline constexpr size_t kAmountDigits = 15;
// The largest magnitude a term holds; larger amounts are clamped to it.
inline constexpr uint64_t kAmountMax = 999'999'999'999'999;

// Amount blocks make a closed range cheap (the trie idea of Lucene's numeric
// fields): besides its exact XAMOUNT term, an amount m carries, for every
// level k from kAmountBlockFirstLevel to kAmountBlockLastLevel with 10^k <= m,
// the term for its block floor(m / 10^k): "XAMBLOCK" + k in two digits + the
// quotient padded to 15 - k digits. A range is then a few blocks per level
// plus the exact terms at its two ends, not one term per distinct amount.
// Levels start at thousands so that small amounts carry no blocks at all.
inline constexpr int kAmountBlockFirstLevel = 3;
inline constexpr int kAmountBlockLastLevel = 14;

inline std::string PaddedDecimal(uint64_t value, size_t digits) {
  std::string out(digits, '0');
  for (size_t i = digits; i-- > 0 && value > 0; value /= 10) out[i] = static_cast<char>('0' + value % 10);
  return out;
}

inline uint64_t PowerOfTen(int k) {
  uint64_t p = 1;
  while (k-- > 0) p *= 10;
  return p;
}

// "XAMOUNT000000000500000"
inline std::string AmountTerm(uint64_t magnitude) {
  return std::string(kPrefixAmount) + PaddedDecimal(std::min(magnitude, kAmountMax), kAmountDigits);
}

// "XAMBLOCK050000000005": level 5, block 5 = [500000, 599999].
inline std::string AmountBlockTerm(int level, uint64_t block) {
  return std::string(kPrefixAmountBlock) + PaddedDecimal(static_cast<uint64_t>(level), 2) +
         PaddedDecimal(block, kAmountDigits - static_cast<size_t>(level));
}

// Every term an amount of this magnitude carries: the exact term, then its blocks.
inline std::vector<std::string> AmountTerms(uint64_t magnitude) {
  magnitude = std::min(magnitude, kAmountMax);
  std::vector<std::string> terms{AmountTerm(magnitude)};
  for (int k = kAmountBlockFirstLevel; k <= kAmountBlockLastLevel && PowerOfTen(k) <= magnitude; ++k)
    terms.push_back(AmountBlockTerm(k, magnitude / PowerOfTen(k)));
  return terms;
}

// ---- The stored item: value slot kSlotItem -------------------------------------
// Two zstd frames made with the council-paper dictionary
// (analyzers/text_codec.h), one after the other: the item's JSON object (the
// kData* fields below), then its text. Short items compress far better with
// the dictionary than alone, and than with Xapian's zlib. A value, not the
// document data: one read gives a hit both (as the document data did), and
// Xapian stores values as given, where it would try to deflate document data
// (incompressible here) every time it writes an item. The document data is
// left empty.
inline constexpr std::string_view kDataPaperId = "paper";     // paper id
inline constexpr std::string_view kDataItemId = "item";       // item id
inline constexpr std::string_view kDataOrdinal = "ordinal";   // 1-based position in the paper
inline constexpr std::string_view kDataNumber = "number";     // item number as printed ("27", "SPCLL.27")
inline constexpr std::string_view kDataHeading = "heading";   // item heading
inline constexpr std::string_view kDataTitle = "title";       // paper title
inline constexpr std::string_view kDataCouncil = "council";
inline constexpr std::string_view kDataCommittee = "committee";
inline constexpr std::string_view kDataDate = "date";         // YYYY-MM-DD
inline constexpr std::string_view kDataType = "type";
inline constexpr std::string_view kDataUrl = "url";           // source URL
inline constexpr std::string_view kDataPage = "page";         // page the item starts on (PDF), absent otherwise
inline constexpr std::string_view kDataPages = "pages";       // [[offset, page], ...] page starts inside the text
inline constexpr std::string_view kDataPoints = "points";     // [[label, offset], ...] lettered points
inline constexpr std::string_view kDataDecisions = "decisions";  // [[begin, end], ...] decision parts of the text
inline constexpr std::string_view kDataThemes = "themes";     // [[theme id, weight], ...]
inline constexpr std::string_view kDataAmounts = "amounts";   // [[begin, end, value, currency], ...]
inline constexpr std::string_view kDataPeople = "people";     // [name, ...]

// An item as stored: its JSON, and its text when asked for.
struct StoredItem {
  std::string json;
  std::string text;
};

inline std::string JoinStoredItem(std::string_view json, std::string_view text) {
  return CompressText(json) + CompressText(text);
}

inline Result<StoredItem> SplitStoredItem(std::string_view stored, bool with_text = true) {
  const size_t json_size = FirstFrameSize(stored);
  if (json_size == 0) return Status::Corrupt("stored item: no JSON frame");
  StoredItem item;
  auto json = DecompressText(stored.substr(0, json_size));
  if (!json.ok()) return json.status();
  item.json = std::move(json).value();
  if (with_text) {
    auto text = DecompressText(stored.substr(json_size));
    if (!text.ok()) return text.status();
    item.text = std::move(text).value();
  }
  return item;
}

inline Result<StoredItem> ReadStoredItem(const Xapian::Document& doc, bool with_text = true) {
  return SplitStoredItem(doc.get_value(kSlotItem), with_text);
}

// ---- Database metadata (Database::get_metadata) ------------------------------------
inline constexpr std::string_view kMetaSchemaVersion = "councilsearch:schema";  // kSchemaVersion
inline constexpr std::string_view kMetaPaperPrefix = "paper:";  // paper:<id> -> JSON paper record (below)

// Paper record fields (JSON object under paper:<id>).
inline constexpr std::string_view kPaperKey = "key";            // source identity: "<collection>/<path>" or JSONL id
inline constexpr std::string_view kPaperCollection = "collection";  // folder name or import name; scope of --prune
inline constexpr std::string_view kPaperHash = "hash";          // fingerprint of bytes + metadata + analyzer version
inline constexpr std::string_view kPaperItems = "items";        // number of items written
inline constexpr std::string_view kPaperFormat = "format";
inline constexpr std::string_view kPaperBytes = "bytes";        // source size in bytes
inline constexpr std::string_view kPaperPageCount = "page_count";
inline constexpr std::string_view kPaperEncoding = "encoding";  // source text encoding
inline constexpr std::string_view kPaperSourceType = "source_type";  // the type as the source wrote it
inline constexpr std::string_view kPaperSourceCommittee = "source_committee";  // the committee as the source wrote it
inline constexpr std::string_view kPaperKinds = "meeting_kinds";  // ["monthly", "virtual", ...]
inline constexpr std::string_view kPaperAttendees = "attendees";  // [{"name", "role", "kind"}, ...]
// ...plus the paper's title, council, committee, date, type and url under the
// kData* names above.

// ---- Layout: one database, one shard or several ------------------------------------
// A database is one Xapian database folder, or a folder of shards "shard-0",
// "shard-1", ... listed in a Xapian stub file named XAPIANDB inside it, so
// that Xapian's own tools (quest, delve, xapian-compact) open the folder as
// one database. Each shard is a whole database of this schema holding whole
// papers: a paper's items and its record are always in one shard.
inline constexpr std::string_view kStubFile = "XAPIANDB";
inline constexpr std::string_view kShardPrefix = "shard-";

// The databases `path` names, each to be opened on its own: Xapian answers
// get_metadata (the paper records) and get_revision of a multi-database from
// its first database only. A stub (a folder with XAPIANDB, or a text file)
// gives the databases it lists, local paths resolved against the stub's
// folder, remote ones as "tcp:HOST:PORT", listed stubs expanded in turn;
// anything else is one database, `path` itself. So is a stub with a line this
// cannot express (a remote program, an in-memory database): Xapian opens it
// whole, as before.
inline std::vector<std::string> ShardPaths(const std::string& path, int depth = 0) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path stub = path;
  if (fs::is_directory(stub, ec)) {
    if (fs::exists(stub / "iamglass", ec)) return {path};
    stub /= kStubFile;
  }
  std::ifstream in(stub, std::ios::binary);
  if (!in || depth > 8) return {path};
  std::vector<std::string> shards;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find('\0') != std::string::npos) return {path};  // a single-file database, not a stub
    if (line.empty() || line[0] == '#') continue;
    const size_t space = line.find(' ');
    const std::string type = line.substr(0, space);
    const std::string arg = space == std::string::npos ? std::string() : line.substr(space + 1);
    if ((type == "auto" || type == "glass" || type == "chert") && !arg.empty()) {
      const fs::path listed = fs::path(arg).is_absolute() ? fs::path(arg) : stub.parent_path() / arg;
      for (std::string& shard : ShardPaths(listed.lexically_normal().string(), depth + 1)) shards.push_back(std::move(shard));
    } else if (type == "remote" && !arg.empty() && arg[0] != ':' && arg.find(':') != std::string::npos) {
      shards.push_back("tcp:" + arg);
    } else {
      return {path};
    }
  }
  if (shards.empty()) return {path};
  return shards;
}

// One row per schema element, for docs/schema.md's consistency test.
struct SchemaEntry {
  std::string_view kind;  // "prefix", "term", "slot", "data", "meta", "paper"
  std::string_view name;  // the prefix, term, field or key; for a slot, its short name
  int slot = -1;          // the slot number, for kind "slot"
};

inline constexpr SchemaEntry kSchemaEntries[] = {
    {"prefix", kPrefixItemId},    {"prefix", kPrefixPaperId},
    {"prefix", kPrefixTitle},     {"prefix", kPrefixHeading},   {"prefix", kPrefixCouncil},
    {"prefix", kPrefixCommittee}, {"prefix", kPrefixType},      {"prefix", kPrefixYear},
    {"prefix", kPrefixMonth},     {"prefix", kPrefixDay},       {"term", kTermUndated},
    {"prefix", kPrefixFormat},    {"prefix", kPrefixTheme},     {"prefix", kPrefixPerson},
    {"term", kTermDecision},      {"prefix", kPrefixDecisionText}, {"prefix", kPrefixConcept},
    {"prefix", kPrefixAmount},    {"prefix", kPrefixAmountBlock}, {"prefix", kPrefixKind},
    {"slot", "date", kSlotDate},           {"slot", "paper_id", kSlotPaperId},
    {"slot", "council", kSlotCouncil},     {"slot", "committee", kSlotCommittee},
    {"slot", "type", kSlotType},           {"slot", "ordinal", kSlotOrdinal},
    {"slot", "themes", kSlotThemes},       {"slot", "people", kSlotPeople},
    {"slot", "amount_total", kSlotAmountTotal}, {"slot", "amount_max", kSlotAmountMax},
    {"slot", "item", kSlotItem},
    {"data", kDataPaperId},  {"data", kDataItemId},   {"data", kDataOrdinal},  {"data", kDataNumber},
    {"data", kDataHeading},  {"data", kDataTitle},    {"data", kDataCouncil},  {"data", kDataCommittee},
    {"data", kDataDate},     {"data", kDataType},     {"data", kDataUrl},      {"data", kDataPage},
    {"data", kDataPages},    {"data", kDataPoints},   {"data", kDataDecisions},
    {"data", kDataThemes},   {"data", kDataAmounts},  {"data", kDataPeople},
    {"meta", kMetaSchemaVersion}, {"meta", kMetaPaperPrefix},
    {"paper", kPaperKey},    {"paper", kPaperCollection}, {"paper", kPaperHash}, {"paper", kPaperItems},
    {"paper", kPaperFormat}, {"paper", kPaperBytes},      {"paper", kPaperPageCount}, {"paper", kPaperEncoding},
    {"paper", kPaperSourceType}, {"paper", kPaperSourceCommittee}, {"paper", kPaperKinds},
    {"paper", kPaperAttendees},
};

}  // namespace councilsearch::schema
