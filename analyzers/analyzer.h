// The analyzers' entry point: what the indexer calls once per paper.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "analyzers/paper.h"

namespace councilsearch {

// Splits a paper into items and extracts what its text says about itself.
// Pure function of the text: no I/O, no global state, safe to call from many
// threads at once.
//
// Today every paper is one item and only a title is extracted (the first
// substantial line); the council-paper analyzers (dates, committees, agenda
// items, themes, money, people) plug in here.
PaperAnalysis AnalyzePaper(const SourceText& source);

// The analysis as JSON: top-level council, committee, date, type and title,
// each null or {"value", "confidence", "evidence"}, and the items.
nlohmann::json AnalysisToJson(const PaperAnalysis& analysis);

}  // namespace councilsearch
