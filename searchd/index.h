// The searchable index as one thread sees it: the shards opened as one
// Xapian::Database (local databases, stub files, remote shards served by
// xapian-tcpsrv), kept fresh, plus the paper records.
//
// Xapian handles are not thread-safe: every worker thread opens its own
// (IndexSet::Local). A handle checks for a newer committed revision at most
// once a second, so new searches see the indexer's commits without a restart;
// an operation that meets DatabaseModifiedError reopens and retries.
#pragma once

#include <xapian.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzers/status.h"
#include "searchd/doc_table.h"
#include "searchd/match_set.h"
#include "searchd/query_builder.h"

namespace councilsearch {

class Index {
 public:
  // Opens every shard. Errors: kNotFound / kUnavailable-like kIoError with the path.
  // `tables` (optional) shares the DocTables of each revision between
  // handles, `cache` (optional) kept matches.
  static Result<std::unique_ptr<Index>> Open(const std::vector<std::string>& paths, DocTableCache* tables = nullptr,
                                             MatchCache* cache = nullptr);

  Xapian::Database& db() { return db_; }
  // The same databases, for walking part by part (match_set.h).
  Shards shards() const { return Shards(db_, parts_, cache_); }

  // Moves to the newest committed revision if the last check was over
  // `interval` ago (or `force`). True when the revision changed.
  bool Refresh(bool force = false, std::chrono::milliseconds interval = std::chrono::milliseconds(1000));

  // Runs `f`, reopening and retrying (up to three times) when the writer
  // has moved on so far that the revision read is gone.
  template <typename F>
  auto WithRetry(F&& f) -> decltype(f()) {
    for (int attempt = 0;; ++attempt) {
      try {
        return f();
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt == 3) throw;
        Refresh(true);
      }
    }
  }

  // The record of a paper (database metadata "paper:<id>", from whichever
  // shard holds it), or nullopt.
  std::optional<nlohmann::json> PaperRecord(const std::string& paper_id);

  const std::vector<std::string>& paths() const { return paths_; }
  // Revisions of the shards, in order (for /metrics and /healthz).
  std::vector<uint64_t> Revisions();

  // The per-item attributes of this revision (built on first use, shared
  // with other handles on the same revision).
  const DocTable& table();

  // The word to suggest instead of `word` (lower case, as typed; "" to keep
  // it): Xapian's spelling suggestion for a word no item contains, or for
  // one that is far rarer than the suggestion. Remembered for the revision,
  // by every handle on it: a suggestion costs a walk of the spelling table's
  // trigram lists (0.5-1 ms for a word no item contains), the frequencies a
  // B-tree lookup each, and the words people search for repeat.
  std::string SpellingCorrection(const std::string& word);

  // How often `word` (as written, not stemmed) occurs in the items' text:
  // its frequency in the spelling table; 0 for a word no item holds.
  Xapian::termcount SpellingFrequency(const std::string& word);

  // A query builder over db() (made on first use and again after the shards
  // change): setting up Xapian's parser with every field was 2.5% of
  // searchd's time under load when done for each request.
  QueryBuilder& Builder(const Knowledge& knowledge);

  // What names this revision of these databases: their UUIDs, each shard's
  // revision and sizes. Shared caches key what they keep by it.
  const std::string& RevisionKey();
  // Whether every shard reports its revision (a remote one does not: then
  // RevisionKey() has its sizes instead, which a replaced item leaves alone).
  bool RevisionsKnown() {
    RevisionKey();
    return revisions_known_;
  }

 private:
  Index(std::vector<std::string> paths, std::vector<Xapian::Database> shards, DocTableCache* tables,
        MatchCache* cache);
  void Combine();

  std::vector<std::string> paths_;
  std::vector<Xapian::Database> shards_;
  Xapian::Database db_;
  // shards_ when there are several and each is one Xapian database: then
  // facets and trends walk them one by one (empty: they walk db_).
  std::vector<Xapian::Database> parts_;
  bool local_ = false;  // every shard a local database (DocTable then holds lengths)
  DocTableCache* tables_;
  DocTableCache own_tables_;  // when no shared cache is given
  MatchCache* cache_;
  std::shared_ptr<const DocTable> table_;
  std::string revision_key_;  // RevisionKey(), "" until asked
  bool revisions_known_ = false;  // with revision_key_
  std::unique_ptr<QueryBuilder> builder_;
  const Knowledge* builder_knowledge_ = nullptr;
  std::chrono::steady_clock::time_point last_check_;
};

// Opens one Index per thread, on demand, from the same list of paths.
class IndexSet {
 public:
  // `match_cache_bytes`: the memory for kept matches, shared by every
  // thread (match_cache.h; 0 for none).
  explicit IndexSet(std::vector<std::string> paths, size_t match_cache_bytes = kDefaultMatchCacheBytes);
  static constexpr size_t kDefaultMatchCacheBytes = size_t{16} << 20;
  // This thread's index, opened on first use and refreshed (at most once a
  // second) on every call.
  Result<Index*> Local();
  const std::vector<std::string>& paths() const { return paths_; }
  MatchCache& cache() { return cache_; }

  // Runs `f(index)` on this thread's index, reopening and retrying when the
  // writer has moved on; a Xapian error becomes kInternal (kIoError when the
  // databases cannot be opened).
  template <typename T, typename F>
  Result<T> Run(F&& f) {
    auto local = Local();
    if (!local.ok()) return local.status();
    Index& index = **local;
    try {
      return index.WithRetry([&]() -> Result<T> { return f(index); });
    } catch (const Xapian::Error& e) {
      return Status::Internal(std::string("search engine: ") + e.get_type() + ": " + e.get_msg());
    }
  }

 private:
  std::vector<std::string> paths_;
  uint64_t id_;  // tells sets apart in the per-thread handle table
  DocTableCache tables_;
  MatchCache cache_;
};

}  // namespace councilsearch
