#include "indexer/index_writer.h"

#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "analyzers/text_util.h"
#include "indexer/schema.h"

namespace councilsearch {
namespace {

namespace fs = std::filesystem;

std::string PaperTerm(const std::string& id) { return std::string(schema::kPrefixPaperId) + id; }
std::string PaperMetaKey(const std::string& id) { return std::string(schema::kMetaPaperPrefix) + id; }

// Opens one shard for writing, creating it if missing, and checks its format.
Result<Xapian::WritableDatabase> OpenShard(const std::string& path) {
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    const std::string version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
    if (version.empty()) {
      if (db.get_doccount() > 0)
        return Status::Corrupt(path + " is a Xapian database but not a councilsearch one (no schema version)");
      db.set_metadata(std::string(schema::kMetaSchemaVersion), std::string(schema::kSchemaVersion));
      db.commit();
    } else if (version != schema::kSchemaVersion) {
      return Status::Corrupt(path + " has schema version " + version + "; this indexer writes version " +
                             std::string(schema::kSchemaVersion) + " (re-index into a new database)");
    }
    return db;
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, path);
  }
}

// A new database: one Xapian folder, or a folder of shards and the stub that
// lists them (written whole under a temporary name, then renamed, so a
// reader never sees half of it).
Result<std::vector<std::string>> CreateLayout(const std::string& path, unsigned shards) {
  if (shards <= 1) return std::vector<std::string>{path};
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) return Status::IoError("cannot create " + path + ": " + ec.message());
  const fs::path stub = fs::path(path) / schema::kStubFile;
  const fs::path partial = stub.string() + ".tmp";
  std::vector<std::string> paths;
  {
    std::ofstream out(partial, std::ios::trunc);
    for (unsigned i = 0; i < shards; ++i) {
      const std::string name = std::string(schema::kShardPrefix) + std::to_string(i);
      out << "auto " << name << "\n";
      paths.push_back((fs::path(path) / name).string());
    }
    if (!out.flush()) return Status::IoError("cannot write " + partial.string());
  }
  fs::rename(partial, stub, ec);
  if (ec) return Status::IoError("cannot write " + stub.string() + ": " + ec.message());
  return paths;
}

// The shards to write: those of the database at `path`, or of a new one.
Result<std::vector<std::string>> LocalShards(const std::string& path, unsigned new_shards) {
  std::error_code ec;
  const fs::path p(path);
  bool create = !fs::exists(p, ec);
  if (!create && fs::is_directory(p, ec) && !fs::exists(p / "iamglass", ec) &&
      !fs::exists(p / schema::kStubFile, ec)) {
    // An empty folder (or one a creation cut short left with only its
    // unfinished stub) becomes the database.
    for (const auto& entry : fs::directory_iterator(p, ec)) {
      if (entry.path().filename() != std::string(schema::kStubFile) + ".tmp")
        return Status::Corrupt(path + " is a folder but not a database (no Xapian database or " +
                               std::string(schema::kStubFile) + " in it)");
    }
    create = true;
  }
  if (create) {
    if (new_shards == 0) new_shards = std::max(1u, std::thread::hardware_concurrency());
    return CreateLayout(path, new_shards);
  }
  std::vector<std::string> shards = schema::ShardPaths(path);
  for (const std::string& shard : shards) {
    if (shard.rfind("tcp:", 0) == 0)
      return Status::Corrupt(path + " lists a remote shard (" + shard + "); the indexer writes local databases only");
  }
  return shards;
}

}  // namespace

Status StatusFromXapian(const Xapian::Error& e, const std::string& context) {
  const std::string msg = context + ": " + e.get_description();
  const std::string type = e.get_type();
  if (type == "DatabaseLockError") {
    return Status::Busy(context + ": another indexer is writing to this database (Xapian write lock held); "
                        "wait for it to finish and run again");
  }
  if (type == "DatabaseCorruptError" || type == "DatabaseVersionError") return Status::Corrupt(msg);
  if (type == "DatabaseOpeningError" || type == "DatabaseCreateError" || type == "DatabaseNotFoundError")
    return Status::IoError(msg);
  if (type == "DatabaseError") return Status::IoError(msg);
  return Status::Internal(msg);
}

// What all the shards' queues may hold together: papers of unequal size
// fall to the shards by their ids' hashes, so a shard with a long paper to
// write must not stop the others from being fed (a bound per shard did:
// the feeder waited on the full shard while the other ran dry).
class IndexWriter::QueueBudget {
 public:
  // Waits until `bytes` more fit (anything fits in an empty budget).
  void Take(uint64_t bytes) {
    std::unique_lock<std::mutex> lock(m_);
    cv_.wait(lock, [&] { return ops_ == 0 || (ops_ < kMaxOps && bytes_ + bytes <= kMaxBytes); });
    bytes_ += bytes;
    ++ops_;
  }
  void Give(uint64_t bytes) {
    {
      std::lock_guard<std::mutex> lock(m_);
      bytes_ -= bytes;
      --ops_;
    }
    cv_.notify_all();
  }

 private:
  // NYC's records (one of 2.4 MB among thousands of a few KB): 256 papers
  // and 32 MB kept both shards busy (idle < 1 s of 27) where 8 papers a
  // shard left each idle 8 s; more papers only cost memory. The bytes bound
  // is for large papers (a Cleveland issue is 300 KB of text and ten times
  // that as documents).
  static constexpr uint64_t kMaxOps = 256;
  static constexpr uint64_t kMaxBytes = 32ull << 20;
  std::mutex m_;
  std::condition_variable cv_;
  uint64_t bytes_ = 0, ops_ = 0;
};

// One shard's writer: a thread applying the papers queued to it, in order,
// in batches of one Xapian transaction each.
class IndexWriter::Shard {
 public:
  struct Op {
    enum class Kind { kWrite, kRemove, kCommit } kind = Kind::kCommit;
    PaperRecord record;  // kWrite
    std::vector<Xapian::Document> items;
    SpellingWords spelling;
    uint64_t text_bytes = 0;
    bool replaces = false;  // kWrite: the paper is in this shard already
    std::string id;         // kRemove
  };

  Shard(std::string path, Xapian::WritableDatabase db, WriterOptions options, std::atomic<size_t>& commits,
        QueueBudget& budget)
      : path_(std::move(path)), db_(std::move(db)), options_(options), commits_(commits), budget_(budget),
        thread_([this] { Run(); }) {}

  ~Shard() {
    {
      std::lock_guard<std::mutex> lock(m_);
      stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
    try {
      if (in_transaction_) db_.cancel_transaction();
      db_.close();
    } catch (const Xapian::Error&) {
      // Closing can only fail on I/O errors; the committed state is safe either way.
    }
  }

  const std::string& path() const { return path_; }

  // The records of the papers committed to this shard.
  Status ForEachPaper(const std::function<Status(PaperRecord)>& f) {
    const std::string prefix(schema::kMetaPaperPrefix);
    try {
      for (auto k = db_.metadata_keys_begin(prefix); k != db_.metadata_keys_end(prefix); ++k) {
        auto record = PaperRecord::FromJson(db_.get_metadata(*k));
        if (!record.ok()) return record.status().WithContext(path_ + " " + *k);
        if (Status s = f(std::move(record).value()); !s.ok()) return s;
      }
    } catch (const Xapian::Error& e) {
      return StatusFromXapian(e, path_);
    }
    return Status::Ok();
  }

  // Queues `op` (waiting while the shards' queues together are full). A
  // shard that has failed takes nothing more.
  void Push(Op op) {
    const uint64_t cost = op.text_bytes;
    budget_.Take(cost);
    std::unique_lock<std::mutex> lock(m_);
    if (!error_.ok()) {
      budget_.Give(cost);
      return;
    }
    queue_.push_back(std::move(op));
    cv_.notify_all();
  }

  // Waits until everything queued is applied; the shard's first error.
  Status Drain() {
    std::unique_lock<std::mutex> lock(m_);
    cv_.wait(lock, [this] { return (queue_.empty() && !busy_) || !error_.ok(); });
    return error_;
  }

  Status error() {
    std::lock_guard<std::mutex> lock(m_);
    return error_;
  }

 private:
  void Run() {
    while (true) {
      Op op;
      {
        std::unique_lock<std::mutex> lock(m_);
        cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        // Stopping without a Commit() (a failed run): what is queued is
        // dropped, as the uncommitted batch is.
        if (stopping_) {
          DropQueued();
          return;
        }
        op = std::move(queue_.front());
        queue_.pop_front();
        busy_ = true;
      }
      cv_.notify_all();
      Status s = Apply(op);
      budget_.Give(op.text_bytes);
      op = Op{};  // free the documents on this thread, outside the lock
      {
        std::lock_guard<std::mutex> lock(m_);
        busy_ = false;
        if (!s.ok()) {
          error_ = std::move(s);
          DropQueued();
        }
      }
      cv_.notify_all();
    }
  }

  // With m_ held.
  void DropQueued() {
    for (const Op& op : queue_) budget_.Give(op.text_bytes);
    queue_.clear();
  }

  Status Apply(Op& op) {
    switch (op.kind) {
      case Op::Kind::kWrite:
        return Write(op);
      case Op::Kind::kRemove:
        return Remove(op.id);
      case Op::Kind::kCommit:
        return Commit();
    }
    return Status::Ok();
  }

  void EnsureTransaction() {
    if (in_transaction_) return;
    db_.begin_transaction(true);
    in_transaction_ = true;
  }

  void DeleteItems(const std::string& paper_id) {
    const std::string term = PaperTerm(paper_id);
    // Take back the spelling frequencies the old items added, so re-indexing
    // a changed paper does not inflate them.
    // The words come from the items' stored text, as they came from the
    // text when the items were written (an item whose text cannot be read
    // back takes nothing out, rather than stopping the batch).
    for (auto p = db_.postlist_begin(term); p != db_.postlist_end(term); ++p) {
      const Result<schema::StoredItem> item = schema::ReadStoredItem(db_.get_document(*p));
      if (item.ok()) ForEachSpellingWord(item->text, [this](const std::string& word) { --spelling_changes_[word]; });
    }
    db_.delete_document(term);
  }

  Status Write(Op& op) {
    try {
      EnsureTransaction();
      if (op.replaces) DeleteItems(op.record.id);
      for (const Xapian::Document& doc : op.items) db_.add_document(doc);
      for (const auto& [word, wdf] : op.spelling) spelling_changes_[word] += wdf;
      op.record.items = static_cast<uint32_t>(op.items.size());
      db_.set_metadata(PaperMetaKey(op.record.id), op.record.ToJson());
      pending_bytes_ += op.text_bytes;
      ++pending_papers_;
      if (pending_bytes_ >= options_.batch_bytes || pending_papers_ >= options_.batch_papers) return Commit();
      return Status::Ok();
    } catch (const Xapian::Error& e) {
      return StatusFromXapian(e, "writing paper " + op.record.key);
    }
  }

  Status Remove(const std::string& id) {
    try {
      EnsureTransaction();
      DeleteItems(id);
      db_.set_metadata(PaperMetaKey(id), "");
      ++pending_papers_;
      return Status::Ok();
    } catch (const Xapian::Error& e) {
      return StatusFromXapian(e, "removing paper " + id);
    }
  }

  Status Commit() {
    if (!in_transaction_) return Status::Ok();
    try {
      for (const auto& [word, change] : spelling_changes_) {
        if (change > 0) db_.add_spelling(word, static_cast<Xapian::termcount>(change));
        if (change < 0) db_.remove_spelling(word, static_cast<Xapian::termcount>(-change));
      }
      spelling_changes_.clear();
      db_.commit_transaction();
      in_transaction_ = false;
      pending_bytes_ = 0;
      pending_papers_ = 0;
      ++commits_;
      return Status::Ok();
    } catch (const Xapian::Error& e) {
      in_transaction_ = false;
      spelling_changes_.clear();
      return StatusFromXapian(e, "committing " + path_);
    }
  }

  const std::string path_;
  Xapian::WritableDatabase db_;
  const WriterOptions options_;
  std::atomic<size_t>& commits_;
  QueueBudget& budget_;

  // Only the shard's thread touches these.
  bool in_transaction_ = false;
  uint64_t pending_bytes_ = 0;
  uint32_t pending_papers_ = 0;
  // The batch's net change to each spelling word's frequency, given to
  // Xapian once per word at commit: its spelling table costs a map lookup
  // per call, and a call per word per item took a tenth of indexing time.
  std::unordered_map<std::string, int64_t> spelling_changes_;

  std::mutex m_;
  std::condition_variable cv_;
  std::deque<Op> queue_;
  bool busy_ = false;
  bool stopping_ = false;
  Status error_;
  std::thread thread_;  // last: started once everything above is ready
};

IndexWriter::~IndexWriter() = default;

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& path, WriterOptions options) {
  // Xapian 1.4 reads its flush threshold only from the environment, when a
  // writable database is opened; the indexer opens its writer before it
  // starts any thread, so setting it here races with no getenv.
  if (options.flush_documents > 0) setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(options.flush_documents).c_str(), 0);
  auto paths = LocalShards(path, options.new_shards);
  if (!paths.ok()) return paths.status();
  std::unique_ptr<IndexWriter> writer(new IndexWriter());
  writer->budget_ = std::make_unique<QueueBudget>();
  for (const std::string& shard_path : *paths) {
    auto db = OpenShard(shard_path);
    if (!db.ok()) return db.status();
    writer->shards_.push_back(
        std::make_unique<Shard>(shard_path, std::move(db).value(), options, writer->commits_, *writer->budget_));
  }
  for (uint32_t i = 0; i < writer->shards_.size(); ++i) {
    Status s = writer->shards_[i]->ForEachPaper([&](PaperRecord record) {
      writer->papers_[record.id] = PaperEntry{std::move(record.key), std::move(record.collection),
                                              std::move(record.hash), i};
      return Status::Ok();
    });
    if (!s.ok()) return s;
  }
  return writer;
}

Status IndexWriter::FirstShardError() {
  for (const auto& shard : shards_) {
    if (Status s = shard->error(); !s.ok()) return s;
  }
  return Status::Ok();
}

Status IndexWriter::WritePaper(PaperRecord record, std::vector<Xapian::Document> items, SpellingWords spelling,
                               uint64_t text_bytes) {
  if (Status s = FirstShardError(); !s.ok()) return s;
  Shard::Op op;
  op.kind = Shard::Op::Kind::kWrite;
  // A paper stays in the shard it was first written to; a new one goes to
  // the shard its id's hash names.
  uint32_t shard = 0;
  if (const auto it = papers_.find(record.id); it != papers_.end()) {
    op.replaces = true;
    shard = it->second.shard;
  } else {
    shard = static_cast<uint32_t>(Fnv1a64(record.id) % shards_.size());
  }
  papers_[record.id] = PaperEntry{record.key, record.collection, record.hash, shard};
  op.record = std::move(record);
  op.items = std::move(items);
  op.spelling = std::move(spelling);
  op.text_bytes = text_bytes;
  shards_[shard]->Push(std::move(op));
  return Status::Ok();
}

Status IndexWriter::RemovePaper(const std::string& id) {
  const auto it = papers_.find(id);
  if (it == papers_.end()) return Status::NotFound("no paper with id " + id);
  if (Status s = FirstShardError(); !s.ok()) return s;
  Shard::Op op;
  op.kind = Shard::Op::Kind::kRemove;
  op.id = id;
  shards_[it->second.shard]->Push(std::move(op));
  papers_.erase(it);
  return Status::Ok();
}

Status IndexWriter::Commit() {
  for (const auto& shard : shards_) shard->Push(Shard::Op{});
  Status first;
  for (const auto& shard : shards_) {
    Status s = shard->Drain();
    if (first.ok() && !s.ok()) first = std::move(s);
  }
  return first;
}

}  // namespace councilsearch
