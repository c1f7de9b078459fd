#include "searchd/index.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "indexer/schema.h"

namespace councilsearch {
namespace {

// "tcp:HOST:PORT" is a shard served by xapian-tcpsrv; anything else is a
// path (a database folder or a stub file listing local or remote shards).
Xapian::Database OpenShard(const std::string& path) {
  constexpr std::string_view kTcp = "tcp:";
  if (path.rfind(kTcp, 0) == 0) {
    const size_t colon = path.rfind(':');
    const std::string host = path.substr(kTcp.size(), colon - kTcp.size());
    const std::string port = path.substr(colon + 1);
    if (colon < kTcp.size() || host.empty() || port.empty() || port.find_first_not_of("0123456789") != std::string::npos ||
        port.size() > 5)
      throw Xapian::InvalidArgumentError("a remote shard is written tcp:HOST:PORT");
    return Xapian::Remote::open(host, static_cast<unsigned>(std::stoul(port)));
  }
  return Xapian::Database(path);
}

}  // namespace

Index::Index(std::vector<std::string> paths, std::vector<Xapian::Database> shards, DocTableCache* tables,
             MatchCache* cache)
    : paths_(std::move(paths)),
      shards_(std::move(shards)),
      tables_(tables != nullptr ? tables : &own_tables_),
      cache_(cache),
      last_check_(std::chrono::steady_clock::now()) {
  Combine();
}

void Index::Combine() {
  db_ = Xapian::Database();
  for (const Xapian::Database& shard : shards_) db_.add_database(shard);
  parts_.clear();
  if (shards_.size() > 1 && std::all_of(shards_.begin(), shards_.end(),
                                        [](const Xapian::Database& s) { return SubDatabaseCount(s) == 1; }))
    parts_ = shards_;
  table_.reset();
  revision_key_.clear();
  builder_.reset();  // its parser holds the old handle
}

QueryBuilder& Index::Builder(const Knowledge& knowledge) {
  if (builder_ == nullptr || builder_knowledge_ != &knowledge) {
    builder_ = std::make_unique<QueryBuilder>(db_, knowledge);
    builder_knowledge_ = &knowledge;
  }
  return *builder_;
}

namespace {

// The spelling corrections of the revisions open, shared by every handle:
// searchd has a handle per worker thread (64 and more), each of which would
// otherwise ask Xapian again for every word (6% of searchd's time under load
// at 100k items, per-thread memos warming slowly).
class SpellingMemo {
 public:
  std::optional<std::string> Find(const std::string& revision, const std::string& word) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto r = by_revision_.find(revision);
    if (r == by_revision_.end()) return std::nullopt;
    const auto w = r->second.find(word);
    if (w == r->second.end()) return std::nullopt;
    return w->second;
  }
  void Remember(const std::string& revision, const std::string& word, const std::string& correction) {
    constexpr size_t kMaxRevisions = 4;       // handles move to a new revision within a second or so
    constexpr size_t kMaxRemembered = 10000;  // words a revision, ~1 MB
    std::lock_guard<std::mutex> lock(mutex_);
    auto r = by_revision_.find(revision);
    if (r == by_revision_.end()) {
      if (order_.size() >= kMaxRevisions) {
        by_revision_.erase(order_.front());
        order_.erase(order_.begin());
      }
      order_.push_back(revision);
      r = by_revision_.emplace(revision, std::unordered_map<std::string, std::string>()).first;
    }
    if (r->second.size() >= kMaxRemembered) r->second.clear();
    r->second.emplace(word, correction);
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::unordered_map<std::string, std::string>> by_revision_;
  std::vector<std::string> order_;  // revisions, oldest first
};

SpellingMemo& SharedSpelling() {
  static SpellingMemo memo;
  return memo;
}

}  // namespace

Xapian::termcount Index::SpellingFrequency(const std::string& word) {
  // Xapian 1.4 has no lookup of one word's spelling frequency; its list of
  // spelling words skips to one (over every shard, frequencies summed).
  Xapian::TermIterator it = db_.spellings_begin();
  it.skip_to(word);
  return it != db_.spellings_end() && *it == word ? it.get_termfreq() : 0;
}

std::string Index::SpellingCorrection(const std::string& word) {
  const std::string& revision = RevisionKey();
  if (auto known = SharedSpelling().Find(revision, word)) return *known;
  std::string correction;
  // The word as typed, in the spelling table (the index holds stems only):
  // its stem may well occur ("fosterring" stems to "foster"), but a form no
  // paper contains is worth a suggestion.
  const Xapian::termcount freq = SpellingFrequency(word);
  if (freq == 0) {
    correction = db_.get_spelling_suggestion(word);
  } else if (freq < 3) {
    // Far rarer than a close word: an OCR slip in one item, the right
    // spelling in hundreds.
    std::string suggestion = db_.get_spelling_suggestion(word);
    if (!suggestion.empty() && SpellingFrequency(suggestion) > 100 * freq) correction = std::move(suggestion);
  }
  SharedSpelling().Remember(revision, word, correction);
  return correction;
}

const std::string& Index::RevisionKey() {
  if (revision_key_.empty()) {
    // Which databases (their UUIDs), and the state of every shard (remote
    // shards report no revision, so their sizes stand in).
    revision_key_ = db_.get_uuid() + "@";
    revisions_known_ = true;
    for (Xapian::Database& shard : shards_) {
      uint64_t revision = 0;
      try {
        revision = shard.get_revision();
      } catch (const Xapian::Error&) {
        revisions_known_ = false;
      }
      revision_key_ += std::to_string(revision) + "/" + std::to_string(shard.get_lastdocid()) + "/" +
                       std::to_string(shard.get_doccount()) + ";";
    }
  }
  return revision_key_;
}

const DocTable& Index::table() {
  if (!table_) table_ = tables_->Get(RevisionKey(), db_, local_);
  return *table_;
}

Result<std::unique_ptr<Index>> Index::Open(const std::vector<std::string>& paths, DocTableCache* tables,
                                           MatchCache* cache) {
  if (paths.empty()) return Status::InvalidArgument("no database given");
  std::vector<Xapian::Database> shards;
  // A sharded database (or any stub file) is opened shard by shard: paper
  // records and revisions are read from each (schema::ShardPaths).
  std::vector<std::string> shard_paths;
  for (const std::string& given : paths) {
    for (std::string& shard : schema::ShardPaths(given)) shard_paths.push_back(std::move(shard));
  }
  for (const std::string& path : shard_paths) {
    try {
      Xapian::Database shard = OpenShard(path);
      const std::string version = shard.get_metadata(std::string(schema::kMetaSchemaVersion));
      if (!version.empty() && version != schema::kSchemaVersion) {
        return Status::Corrupt(path + " has index format " + version + "; this searchd reads format " +
                               std::string(schema::kSchemaVersion) + " (re-index the papers into a new database)");
      }
      shards.push_back(std::move(shard));
    } catch (const Xapian::DatabaseNotFoundError& e) {
      return Status::NotFound("no database at " + path + ": " + e.get_msg());
    } catch (const Xapian::Error& e) {
      return Status::IoError("cannot open " + path + ": " + e.get_description());
    }
  }
  std::unique_ptr<Index> index(new Index(paths, std::move(shards), tables, cache));
  // Shards on this machine: each a Xapian database's own folder.
  index->local_ = std::all_of(shard_paths.begin(), shard_paths.end(), [](const std::string& path) {
    std::error_code ec;
    return path.rfind("tcp:", 0) != 0 && std::filesystem::is_regular_file(std::filesystem::path(path) / "iamglass", ec);
  });
  return index;
}

bool Index::Refresh(bool force, std::chrono::milliseconds interval) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && now - last_check_ < interval) return false;
  last_check_ = now;
  bool changed = false;
  for (Xapian::Database& shard : shards_) {
    try {
      changed = shard.reopen() || changed;
    } catch (const Xapian::Error&) {
      // A shard that cannot be reopened now keeps serving its last revision.
    }
  }
  if (changed) Combine();
  return changed;
}

std::optional<nlohmann::json> Index::PaperRecord(const std::string& paper_id) {
  const std::string key = std::string(schema::kMetaPaperPrefix) + paper_id;
  return WithRetry([&]() -> std::optional<nlohmann::json> {
    for (Xapian::Database& shard : shards_) {
      const std::string value = shard.get_metadata(key);
      if (value.empty()) continue;
      try {
        return nlohmann::json::parse(value);
      } catch (const nlohmann::json::exception&) {
        return std::nullopt;
      }
    }
    return std::nullopt;
  });
}

std::vector<uint64_t> Index::Revisions() {
  std::vector<uint64_t> out;
  for (Xapian::Database& shard : shards_) {
    try {
      out.push_back(shard.get_revision());
    } catch (const Xapian::Error&) {
      out.push_back(0);  // remote shards do not report revisions
    }
  }
  return out;
}

IndexSet::IndexSet(std::vector<std::string> paths, size_t match_cache_bytes)
    : paths_(std::move(paths)), cache_(match_cache_bytes) {
  static std::atomic<uint64_t> next_id{1};
  id_ = next_id++;
}

Result<Index*> IndexSet::Local() {
  // One handle per thread and per IndexSet (tests run several servers in one process).
  thread_local std::map<uint64_t, std::unique_ptr<Index>> handles;
  auto& handle = handles[id_];
  if (!handle) {
    auto opened = Index::Open(paths_, &tables_, &cache_);
    if (!opened.ok()) return opened.status();
    handle = std::move(opened).value();
  } else {
    handle->Refresh();
  }
  return handle.get();
}

}  // namespace councilsearch
