// Committee names: one canonical name per body, whatever the source wrote.
//
// Scrapers and papers name the same body many ways: "Monthly Meeting of the
// Municipal District of Newcastle West", "Virtual Monthly Meeting of
// Municipal District of Newcastle West", "MINUTES OF PROCEEDINGS AT MEETING
// OF THE MUNICIPAL DISTRICT OF NEWCASTLE WEST HELD AT ...", "Meeting of the
// Home & Social Development SPC". CanonicalCommittee() strips the meeting
// kind (monthly, special, annual, virtual, adjourned, ...: kept separately),
// purposes ("... to consider the Draft Budgetary Plan 2019 for ..."),
// articles, the council's own name, expands abbreviations (SPC, JPC),
// reorders ("Adare-Rathkeale Municipal District" -> "Municipal District of
// Adare-Rathkeale"), and title-cases. A council's own aliases (a data file)
// can then merge what rules cannot ("Metropolitan District" -> "Metropolitan
// District of Limerick"). A meeting of the whole council is "Full Council".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/paper.h"

namespace councilsearch {

struct Knowledge;

struct CommitteeName {
  std::string name;                // canonical, e.g. "Municipal District of Newcastle West"; "" if none
  std::vector<std::string> kinds;  // meeting kinds, lower case: "monthly", "virtual", "special", ...
};

// Canonicalises a committee or meeting name. `council` (may be empty) is the
// council the name belongs to: its own name is stripped, and its aliases in
// `knowledge` (may be null) applied.
CommitteeName CanonicalCommittee(std::string_view raw, std::string_view council = "",
                                 const Knowledge* knowledge = nullptr);

// A candidate committee with its total score and best evidence.
struct CommitteeCandidate {
  std::string name;
  double score = 0;
  std::string evidence;
};

// Every candidate, best first (for `analyze --explain`).
std::vector<CommitteeCandidate> RankCommittees(std::string_view text, std::string_view council = "",
                                               const Knowledge* knowledge = nullptr);

// The committee a paper belongs to, from its text: headings such as "Minutes
// of the meeting of the ... held on", "You are requested to attend a Meeting
// of the ... to be held", "To: Cabinet - 4 March 2025", a committee named on
// its own at the head of the paper, or one the paper names again and again.
// The value is canonical. `council` as for CanonicalCommittee.
std::optional<Extracted> ExtractCommittee(std::string_view text, std::string_view council = "",
                                          const Knowledge* knowledge = nullptr);

// "Full Council": the canonical name of a meeting of the whole council.
inline constexpr std::string_view kFullCouncil = "Full Council";

}  // namespace councilsearch
