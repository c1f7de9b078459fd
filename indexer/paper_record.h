// What the database remembers about each paper (database metadata
// "paper:<id>", see schema.h): its identity, fingerprint and metadata. The
// incremental indexer compares fingerprints; `stats`, `--prune` and the paper
// view read the rest.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/paper.h"
#include "analyzers/status.h"

namespace councilsearch {

struct PaperRecord {
  std::string id;          // PaperIdForKey(key)
  std::string key;         // "<collection>/<relative path>" or a JSONL id
  std::string collection;  // the folder or import the paper came from
  std::string hash;        // fingerprint: bytes + external metadata + analyzer version
  PaperFields fields;      // merged metadata
  std::string raw_type;    // the type as the source wrote it, when it had one
  std::string raw_committee;  // the committee as the source wrote it, when it differs from the canonical name
  std::vector<std::string> meeting_kinds;  // "monthly", "special", "virtual", ...
  std::vector<Person> attendees;           // from the attendance sections, with roles
  std::string format;
  std::string encoding;
  uint64_t bytes = 0;
  uint32_t page_count = 0;
  uint32_t items = 0;

  std::string ToJson() const;
  static Result<PaperRecord> FromJson(std::string_view json);
};

// Every paper record of the database at `path`, from each of its shards
// (schema::ShardPaths), by id. Errors: kIoError (cannot open), kCorrupt (a
// record that does not parse).
Result<std::map<std::string, PaperRecord>> ReadPaperRecords(const std::string& path);

// The paper id for a source key: 16 hex digits of its FNV-1a hash. Stable,
// URL-safe and short, whatever the path looks like.
std::string PaperIdForKey(std::string_view key);

// The item id of the n-th item (1-based) of a paper: "<paper id>-<n>".
std::string ItemIdFor(std::string_view paper_id, uint32_t ordinal);

}  // namespace councilsearch
