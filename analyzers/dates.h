// Dates in council papers: every mention, and which one is the meeting's.
//
// Councils write dates many ways ("Thursday, 26 January 2023", "16th December
// 2019", "21st September" with the year elsewhere, "26/01/2023", "2023-01-26",
// "04th-Mar-2025"), and OCR mangles ordinals ("9TM OCTOBER", "17% October",
// "25"" June"). A paper mentions many dates: the meeting's, a previous
// meeting's, financial years ("2025/26", never a date), publication stamps
// ("9:05 am, Friday, 17th November 2023 - 6 months ago"). The meeting date is
// chosen by the words around each mention, its place in the paper and how
// often it recurs; below a confidence bar there is no answer rather than a
// guess.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/paper.h"

namespace councilsearch {

struct DateMention {
  uint32_t begin = 0, end = 0;  // byte range in the text
  int year = 0;                 // 0 when the text gives no year
  int month = 0;                // 1..12
  int day = 0;                  // 1..31
  int weekday = -1;             // 0 Monday .. 6 Sunday when named ("Thursday, 26 January 2023"), else -1
  bool numeric = false;         // "26/01/2023", "2023-01-26"
};

// Every date mention, in text order. Linear in the text's length.
std::vector<DateMention> FindDateMentions(std::string_view text);

// 0 Monday .. 6 Sunday for a real date.
int DayOfWeek(int year, int month, int day);

// "YYYY-MM-DD", or "" if the year is unknown or the date does not exist.
std::string IsoDate(int year, int month, int day);

// A candidate meeting date: the best-scored mention of one calendar date.
struct DateCandidate {
  std::string iso;       // YYYY-MM-DD
  double score = 0;      // higher: more like the meeting's date
  int mentions = 0;      // how often the paper gives this date
  DateMention mention;   // the best-scored mention
};

// Every candidate, best first (for `analyze --explain`).
std::vector<DateCandidate> RankMeetingDates(std::string_view text);

// The date of the meeting the paper belongs to, or nullopt when no mention is
// convincing. For minutes it is the meeting they record.
std::optional<Extracted> ExtractMeetingDate(std::string_view text);

}  // namespace councilsearch
