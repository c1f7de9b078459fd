// The only code that writes a councilsearch database.
//
// A database has one shard or several (schema.h, "Layout"); each shard has
// its own writer thread, so Xapian's per-(document, term) work, most of the
// cost of indexing, runs on every core. A paper lives in one shard, chosen
// by its id when it is first written. The caller hands papers over in input
// order on one thread; each shard applies its papers in that order.
//
// Changes are grouped into batches; each shard's batch is one Xapian
// transaction, so a paper's items and its record ("paper:<id>") become
// visible together, and a crash (even kill -9) leaves every shard at its last
// committed batch with every paper whole. Xapian's write lock makes a second
// writer fail with kBusy.
#pragma once

#include <xapian.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analyzers/status.h"
#include "indexer/document_builder.h"
#include "indexer/paper_record.h"

namespace councilsearch {

struct WriterOptions {
  uint64_t batch_bytes = 64ull << 20;  // a shard commits after this much new text...
  uint32_t batch_papers = 5000;        // ...or this many papers, whichever comes first
  // Xapian buffers each term's new postings and positions in ordered maps and
  // merges them into its tables every this many documents (within a batch as
  // well). Small maps stay in the CPU caches: 250 instead of Xapian's 10,000
  // took a quarter off indexing CPU and three quarters off peak memory
  // (docs/benchmarks.md). XAPIAN_FLUSH_THRESHOLD in the environment wins.
  uint32_t flush_documents = 250;
  // The shards of a database this creates (0: one per core; 1: a plain Xapian
  // database folder). An existing database keeps the shards it has.
  unsigned new_shards = 0;
};

// What the writer keeps in memory about each paper in the database: enough to
// tell changed papers from unchanged ones, to prune, and to find the paper's
// shard; not the whole record (kept as database metadata), so that memory
// stays small at millions of papers.
struct PaperEntry {
  std::string key;
  std::string collection;
  std::string hash;
  uint32_t shard = 0;
};

class IndexWriter {
 public:
  // Opens the database at `path`, or creates it (with options.new_shards
  // shards). Errors: kBusy (another writer holds a shard's lock), kIoError
  // (cannot create/open), kCorrupt (not a councilsearch database, a newer
  // schema, or a remote shard).
  static Result<std::unique_ptr<IndexWriter>> Open(const std::string& path, WriterOptions options = {});
  ~IndexWriter();  // stops the writer threads; uncommitted batches are discarded (call Commit())

  // The papers in the database (committed, or handed over in this run), by id.
  const std::map<std::string, PaperEntry>& papers() const { return papers_; }
  size_t shard_count() const { return shards_.size(); }

  // Replaces every item of `record.id` with `items` and stores the record;
  // `spelling` is SpellingWordsOf(items). `text_bytes` counts towards the
  // shard's batch. The work is queued to the paper's shard: an error a
  // shard met since the last call is returned here (or by Commit), and the
  // run must stop.
  Status WritePaper(PaperRecord record, std::vector<Xapian::Document> items, SpellingWords spelling,
                    uint64_t text_bytes);

  // Removes a paper's items and record. kNotFound if it is not there.
  Status RemovePaper(const std::string& id);

  // Waits for every shard to apply what it was given and commits each.
  Status Commit();

  // Batches committed so far, over all shards (any thread may ask).
  size_t commits() const { return commits_.load(); }

 private:
  class Shard;
  class QueueBudget;
  IndexWriter() = default;
  Status FirstShardError();

  std::unique_ptr<QueueBudget> budget_;  // before shards_: they hold it until they stop
  std::vector<std::unique_ptr<Shard>> shards_;
  std::map<std::string, PaperEntry> papers_;
  std::atomic<size_t> commits_{0};
};

// Maps a Xapian exception to a Status (lock -> kBusy, corrupt -> kCorrupt,
// opening -> kIoError, anything else -> kInternal).
Status StatusFromXapian(const Xapian::Error& e, const std::string& context);

}  // namespace councilsearch
