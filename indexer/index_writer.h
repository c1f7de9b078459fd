// The only code that writes a councilsearch database.
//
// Changes are grouped into batches; each batch is one Xapian transaction, so
// a paper's items and its record ("paper:<id>") become visible together, and
// a crash (even kill -9) leaves the database at the last committed batch.
// Xapian's write lock makes a second writer fail with kBusy.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzers/status.h"
#include "indexer/document_builder.h"
#include "indexer/paper_record.h"

namespace councilsearch {

struct WriterOptions {
  uint64_t batch_bytes = 64ull << 20;  // commit after this much new text...
  uint32_t batch_papers = 5000;        // ...or this many papers, whichever comes first
  // Xapian buffers each term's new postings and positions in ordered maps and
  // merges them into its tables every this many documents (within a batch as
  // well). Small maps stay in the CPU caches: 250 instead of Xapian's 10,000
  // took a quarter off indexing CPU and three quarters off peak memory
  // (docs/benchmarks.md). XAPIAN_FLUSH_THRESHOLD in the environment wins.
  uint32_t flush_documents = 250;
};

// What the writer keeps in memory about each paper in the database: enough to
// tell changed papers from unchanged ones and to prune, not the whole record
// (kept as database metadata), so that memory stays small at millions of papers.
struct PaperEntry {
  std::string key;
  std::string collection;
  std::string hash;
};

class IndexWriter {
 public:
  // Opens or creates the database. Errors: kBusy (another writer holds the
  // lock), kIoError (cannot create/open), kCorrupt (not a councilsearch or
  // Xapian database / newer schema).
  static Result<std::unique_ptr<IndexWriter>> Open(const std::string& path, WriterOptions options = {});
  ~IndexWriter();  // an uncommitted batch is discarded (call Commit())

  // The papers in the database (committed or in the current batch), by id.
  const std::map<std::string, PaperEntry>& papers() const { return papers_; }

  // Replaces every item of `record.id` with `items` and stores the record;
  // `spelling` is SpellingWordsOf(items). `text_bytes` counts towards the
  // batch size. May commit.
  Status WritePaper(PaperRecord record, std::vector<Xapian::Document> items, const SpellingWords& spelling,
                    uint64_t text_bytes);

  // Removes a paper's items and record. kNotFound if it is not there.
  Status RemovePaper(const std::string& id);

  // Commits the current batch (a no-op when nothing is pending).
  Status Commit();

  // Called after each successful commit with the number of commits so far.
  void set_on_commit(std::function<void(size_t)> f) { on_commit_ = std::move(f); }
  size_t commits() const { return commits_; }

 private:
  IndexWriter(Xapian::WritableDatabase db, WriterOptions options);
  Status EnsureTransaction();
  void DeleteItems(const std::string& paper_id);

  Xapian::WritableDatabase db_;
  WriterOptions options_;
  std::map<std::string, PaperEntry> papers_;
  bool in_transaction_ = false;
  uint64_t pending_bytes_ = 0;
  uint32_t pending_papers_ = 0;
  size_t commits_ = 0;
  // The batch's net change to each spelling word's frequency, given to
  // Xapian once per word at commit: its spelling table costs a map lookup
  // per call, and a call per word per item took a tenth of indexing time.
  std::unordered_map<std::string, int64_t> spelling_changes_;
  std::function<void(size_t)> on_commit_;
};

// Maps a Xapian exception to a Status (lock -> kBusy, corrupt -> kCorrupt,
// opening -> kIoError, anything else -> kInternal).
Status StatusFromXapian(const Xapian::Error& e, const std::string& context);

}  // namespace councilsearch
