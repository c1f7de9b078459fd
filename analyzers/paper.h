// The data model shared by the readers, the analyzers and the indexer.
//
// A *paper* is one source file (or one JSON Lines record). The analyzers split
// it into *items* (agenda items, report sections) and extract its metadata;
// the indexer turns each item into one Xapian document.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyzers/money.h"
#include "analyzers/people.h"
#include "analyzers/themes.h"

namespace councilsearch {

// Where a page starts in a text: text[offset] is the first byte of `page`.
struct PageStart {
  uint32_t offset = 0;
  uint32_t page = 0;  // 1-based
  bool operator==(const PageStart&) const = default;
};

// The normalised text of a paper as a reader produced it.
struct SourceText {
  std::string text;               // UTF-8, NFKC-normalised; '\f' between PDF pages
  std::vector<PageStart> pages;   // empty when the format has no pages
  std::string title_hint;         // e.g. an HTML <title>; may be empty
  std::string format;             // "txt", "md", "html", "pdf", "jsonl"
  std::string source_encoding;    // "UTF-8", "windows-1252", ...
};

// The metadata fields users filter and facet on. Each may be unknown.
struct PaperFields {
  std::optional<std::string> council;
  std::optional<std::string> committee;
  std::optional<std::string> date;   // YYYY-MM-DD, the meeting the paper belongs to
  std::optional<std::string> title;
  std::optional<std::string> type;   // see kDocumentTypes
  std::optional<std::string> url;

  // Fills each field that is unknown here from `lower` (a lower-priority source).
  void FillFrom(const PaperFields& lower);
  bool operator==(const PaperFields&) const = default;
};

// The document-type vocabulary shared by all corpora.
inline constexpr const char* kDocumentTypes[] = {
    "agenda", "minutes", "report", "appendix", "document-pack", "work-programme", "decision", "motion", "other"};
bool IsDocumentType(const std::string& type);

// A value the analyzers extracted, with how sure they are and why.
struct Extracted {
  std::string value;
  double confidence = 0;   // 0..1
  std::string evidence;    // the text it came from
};

// A lettered point of an item ("a)" ... "gg)"), so results can cite "item 27(j)".
struct Point {
  std::string label;     // "a", "b", ..., "z", "aa", ...
  uint32_t offset = 0;   // where it starts in the item's text
  bool operator==(const Point&) const = default;
};

// A byte range of an item's text.
struct TextSpan {
  uint32_t begin = 0, end = 0;
  bool operator==(const TextSpan&) const = default;
};

struct Item {
  uint32_t ordinal = 0;            // 1-based position in the paper
  std::string number;              // as printed: "27", "SPCLL.27", "13"; may be empty
  std::string heading;             // may be empty
  std::string text;                // the item's text, heading included
  uint32_t offset = 0;             // byte offset of the item in the paper's text
  uint32_t page = 0;               // page the item starts on (0: the format has no pages)
  std::vector<PageStart> pages;    // pages starting inside the item (offsets relative to `text`)
  std::vector<Point> points;       // lettered points, in order
  std::vector<TextSpan> decisions; // "Resolved ...", "RECOMMENDATION/S ..." parts
  std::vector<ThemeWeight> themes; // strongest first
  std::vector<Amount> amounts;     // offsets relative to `text`
  std::vector<std::string> people; // names of the people the item involves
  std::vector<std::string> concepts;  // abbreviation concepts it mentions (either form)
};

struct PaperAnalysis {
  std::optional<Extracted> council, committee, date, title, type;
  std::vector<std::string> meeting_kinds;  // from the committee's name: "monthly", "special", "virtual", ...
  std::vector<Person> attendees;           // from the attendance sections, with their roles
  std::vector<Item> items;

  // The extracted values as fields (the lowest-priority metadata source).
  PaperFields AsFields() const;
};

}  // namespace councilsearch
