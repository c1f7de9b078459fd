// Paper metadata from outside the text: a corpus manifest (manifest.jsonl) and
// per-file sidecars (<file>.meta.json). Both use the corpus field names:
// council, committee, date (YYYY-MM-DD), title, type, url.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "analyzers/paper.h"
#include "analyzers/status.h"

namespace councilsearch {

// Metadata fields with the type as the source wrote it (normalised to the
// vocabulary in `fields.type`).
struct SourceFields {
  PaperFields fields;
  std::string raw_type;
  // Fields that were present but unusable (a date that is not a real date, a
  // number where a string belongs): dropped, so the next source decides.
  std::vector<std::string> warnings;
};

// A problem with one line or file of metadata; reported, never fatal.
struct MetadataProblem {
  std::string where;   // "path/manifest.jsonl:12"
  std::string reason;
};

struct Manifest {
  std::filesystem::path file;
  // Keyed by the absolute, lexically normalised path of the paper.
  std::map<std::filesystem::path, SourceFields> by_path;
  std::vector<MetadataProblem> problems;  // bad lines, missing files; those lines are skipped
  std::vector<MetadataProblem> warnings;  // unusable fields; the rest of the line is used
};

// Reads the metadata fields of a JSON object. Unknown keys are ignored, empty
// strings are unknown; a field of the wrong JSON type or a date that is not a
// real YYYY-MM-DD date is dropped with a warning naming the field. Fails only
// when `object` is not an object.
Result<SourceFields> FieldsFromJson(const nlohmann::json& object);

// Loads a manifest: one JSON object per line with `path` relative to the
// manifest's folder. Blank lines are ignored. Fails only if the file cannot be
// read; each bad line becomes a MetadataProblem.
Result<Manifest> LoadManifest(const std::filesystem::path& file);

// The sidecar path for a paper: "<paper>.meta.json".
std::filesystem::path SidecarPath(const std::filesystem::path& paper);

// Loads a sidecar, or returns nullopt-like empty fields when none exists.
// Errors: kCorrupt for unreadable JSON or bad fields.
Result<SourceFields> LoadSidecar(const std::filesystem::path& paper);

// Strips nlohmann's "[json.exception.parse_error.101] " tag from a message.
std::string JsonErrorReason(const std::exception& e);

}  // namespace councilsearch
