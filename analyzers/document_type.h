// The document-type vocabulary: agenda, minutes, report, appendix,
// document-pack, work-programme, decision, motion, other.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "analyzers/paper.h"

namespace councilsearch {

// Maps a type as a scraper or manifest writes it ("Minutes", "agenda
// frontsheet", "Public Document Pack", "resolution") to the vocabulary.
// Returns nullopt for an empty string; a non-empty type it does not recognise
// becomes "other" (the raw string is kept by the caller).
std::optional<std::string> NormalizeDocumentType(std::string_view raw);

// What kind of paper this is, from its headings: a public document pack,
// minutes ("MINUTES OF PROCEEDINGS AT ...", "Minutes:"), an agenda ("AGENDA",
// "You are requested to attend"), a work programme, an appendix, a motion
// ("Notice of Motion", "Proposed by ... Seconded by"), a decision notice, a
// report ("Report of the ...", "Purpose of the Report"). nullopt when no
// heading says.
std::optional<Extracted> ClassifyDocumentType(std::string_view text);

// True for a real calendar date written YYYY-MM-DD with a year in 1900..2100.
bool IsIsoDate(std::string_view date);

}  // namespace councilsearch
