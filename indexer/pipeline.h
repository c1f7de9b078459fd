// Indexing runs: a folder of papers, a JSON Lines import, or removals.
//
// Papers are read, fingerprinted, analysed and turned into Xapian documents
// on worker threads; one writer applies them in input order and commits in
// batches (index_writer.h). Unchanged papers (same fingerprint) are skipped
// before analysis. A bad paper is reported and skipped; only a database
// error stops a run, and everything committed before it stays.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analyzers/status.h"
#include "analyzers/paper.h"
#include "indexer/index_writer.h"
#include "indexer/metadata_sources.h"
#include "indexer/progress.h"

namespace councilsearch {

struct IndexOptions {
  std::string db_path;
  std::optional<std::filesystem::path> manifest;  // default: every manifest.jsonl under the folder
  std::string collection;       // default: the folder's name, or the JSONL file's stem
  bool prune = false;           // remove papers of this collection whose files are gone
  unsigned jobs = 0;            // analysis threads; 0 = one per core
  uint64_t max_file_bytes = 64ull << 20;
  WriterOptions writer;
  // Set (e.g. by a signal handler) to stop taking new papers; the batch in
  // progress is committed and the run ends as interrupted.
  const std::atomic<bool>* stop = nullptr;
};

struct Failure {
  std::string source;  // a path, "file:line", or a paper id
  std::string reason;
};

struct RunSummary {
  uint64_t added = 0, updated = 0, unchanged = 0, removed = 0;
  uint64_t ignored = 0;          // files in the folder that are not papers (other extensions)
  std::vector<Failure> failures;
  std::vector<Failure> warnings;  // metadata fields that were ignored; the papers were indexed
  uint64_t bytes = 0;            // bytes of the papers read
  uint64_t items = 0;            // items written
  size_t commits = 0;
  double seconds = 0;
  bool interrupted = false;
};

// Indexes every paper under `dir` (recursively; hidden files skipped).
// Errors: kNotFound (no such folder), kBusy/kIoError/kCorrupt (database).
Result<RunSummary> IndexDirectory(const std::filesystem::path& dir, const IndexOptions& options,
                                  ProgressSink& progress);

// Imports a JSON Lines file ("-" reads standard input).
Result<RunSummary> ImportJsonl(const std::filesystem::path& file, const IndexOptions& options,
                               ProgressSink& progress);

// Reads and analyses one paper without a database: what `analyze` prints.
// With a manifest, its fields (and a sidecar's) override the extracted ones,
// with confidence 1 and the manifest or sidecar as evidence.
Result<PaperAnalysis> AnalyzeFile(const std::filesystem::path& file, const Manifest* manifest);

// Removes papers given by id or by key (path "<collection>/<relative path>"
// or JSONL id). Unknown ones are failures. Errors: kNotFound (no database at
// `db_path`), kBusy/kIoError/kCorrupt (database).
Result<RunSummary> RemovePapers(const std::string& db_path, const std::vector<std::string>& ids_or_keys);

}  // namespace councilsearch
