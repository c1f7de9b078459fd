// The analyzers' entry point: what the indexer calls once per paper.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "analyzers/paper.h"

namespace councilsearch {

// Splits a paper into items and extracts what its text says about itself.
// Pure function of the text: no I/O, no global state, safe to call from many
// threads at once.
//
// `stated` is what the paper's metadata already says (a manifest, a sidecar,
// a JSON record's fields). A stated date or council is taken as given and
// the text is not searched for it: the metadata wins over the text anyway
// (PaperFields::FillFrom), and on long papers those searches were a sixth of
// all analysis (docs/benchmarks.md). The analysis leaves those fields unset;
// the stated council is the context for finding the committee.
PaperAnalysis AnalyzePaper(const SourceText& source, const PaperFields& stated = {});

// The analysis as JSON: top-level council, committee, date, type and title,
// each null or {"value", "confidence", "evidence"}, and the items.
nlohmann::json AnalysisToJson(const PaperAnalysis& analysis);

}  // namespace councilsearch
