// JSON Lines bulk import records: one object per line with `id` (the paper's
// identity: importing the same id again replaces it), `text`, and the
// metadata fields of a manifest (council, committee, date, title, type, url).
#pragma once

#include <string>
#include <string_view>

#include "analyzers/status.h"
#include "indexer/metadata_sources.h"

namespace councilsearch {

struct JsonlRecord {
  std::string id;
  std::string text;  // as given (normalised later, like any paper)
  SourceFields fields;
};

// Parses one line. Errors (kInvalidArgument) say what is wrong: not JSON, no
// `id`, no `text`, a bad field.
Result<JsonlRecord> ParseJsonlRecord(std::string_view line);

}  // namespace councilsearch
