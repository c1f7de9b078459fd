#include "indexer/index_writer.h"

#include <cstdlib>
#include <map>

#include "indexer/document_builder.h"
#include "indexer/schema.h"

namespace councilsearch {
namespace {

std::string PaperTerm(const std::string& id) { return std::string(schema::kPrefixPaperId) + id; }
std::string PaperMetaKey(const std::string& id) { return std::string(schema::kMetaPaperPrefix) + id; }

// Format 3 lacked the XAMBLOCK terms: give every item its amounts' blocks.
// Batches are committed as they go; the version is set last, so an upgrade
// cut short is simply run again (adding a term a document has is a no-op).
void UpgradeFromFormat3(Xapian::WritableDatabase& db) {
  const std::string prefix(schema::kPrefixAmount);
  std::map<Xapian::docid, std::vector<uint64_t>> amounts;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string term = *t;
    const uint64_t magnitude = std::stoull(term.substr(prefix.size()));
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) amounts[*p].push_back(magnitude);
  }
  constexpr size_t kBatch = 10'000;
  size_t in_batch = 0;
  for (const auto& [docid, magnitudes] : amounts) {
    Xapian::Document doc = db.get_document(docid);
    for (uint64_t m : magnitudes) {
      const std::vector<std::string> terms = schema::AmountTerms(m);
      for (size_t i = 1; i < terms.size(); ++i) doc.add_boolean_term(terms[i]);
    }
    db.replace_document(docid, doc);
    if (++in_batch == kBatch) {
      db.commit();
      in_batch = 0;
    }
  }
  db.set_metadata(std::string(schema::kMetaSchemaVersion), std::string(schema::kSchemaVersion));
  db.commit();
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

IndexWriter::IndexWriter(Xapian::WritableDatabase db, WriterOptions options)
    : db_(std::move(db)), options_(options) {}

IndexWriter::~IndexWriter() {
  try {
    if (in_transaction_) db_.cancel_transaction();
    db_.close();
  } catch (const Xapian::Error&) {
    // Closing can only fail on I/O errors; the committed state is safe either way.
  }
}

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& path, WriterOptions options) {
  // Xapian 1.4 reads its flush threshold only from the environment, when a
  // writable database is opened; the indexer opens its writer before it
  // starts any thread, so setting it here races with no getenv.
  if (options.flush_documents > 0) setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(options.flush_documents).c_str(), 0);
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    const std::string version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
    if (version.empty()) {
      if (db.get_doccount() > 0)
        return Status::Corrupt(path + " is a Xapian database but not a councilsearch one (no schema version)");
      db.set_metadata(std::string(schema::kMetaSchemaVersion), std::string(schema::kSchemaVersion));
      db.commit();
    } else if (version == "3") {
      UpgradeFromFormat3(db);
    } else if (version != schema::kSchemaVersion) {
      return Status::Corrupt(path + " has schema version " + version + "; this indexer writes version " +
                             std::string(schema::kSchemaVersion) + " (re-index into a new database)");
    }
    std::unique_ptr<IndexWriter> writer(new IndexWriter(std::move(db), options));
    const std::string prefix(schema::kMetaPaperPrefix);
    for (auto k = writer->db_.metadata_keys_begin(prefix); k != writer->db_.metadata_keys_end(prefix); ++k) {
      auto record = PaperRecord::FromJson(writer->db_.get_metadata(*k));
      if (!record.ok()) return record.status().WithContext(path + " " + *k);
      writer->papers_.emplace(record->id, PaperEntry{record->key, record->collection, record->hash});
    }
    return writer;
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, path);
  }
}

Status IndexWriter::EnsureTransaction() {
  if (in_transaction_) return Status::Ok();
  db_.begin_transaction(true);
  in_transaction_ = true;
  return Status::Ok();
}

void IndexWriter::DeleteItems(const std::string& paper_id) {
  const std::string term = PaperTerm(paper_id);
  // Take back the spelling frequencies the old items added, so re-indexing a
  // changed paper does not inflate them.
  for (auto p = db_.postlist_begin(term); p != db_.postlist_end(term); ++p) {
    ForEachSpellingWord(db_.get_document(*p),
                        [this](const std::string& word, Xapian::termcount wdf) { spelling_changes_[word] -= wdf; });
  }
  db_.delete_document(term);
}

Status IndexWriter::WritePaper(PaperRecord record, std::vector<Xapian::Document> items, const SpellingWords& spelling,
                               uint64_t text_bytes) {
  try {
    (void)EnsureTransaction();
    if (papers_.count(record.id) != 0) DeleteItems(record.id);
    for (const Xapian::Document& doc : items) db_.add_document(doc);
    for (const auto& [word, wdf] : spelling) spelling_changes_[word] += wdf;
    record.items = static_cast<uint32_t>(items.size());
    db_.set_metadata(PaperMetaKey(record.id), record.ToJson());
    papers_[record.id] = PaperEntry{record.key, record.collection, record.hash};
    pending_bytes_ += text_bytes;
    ++pending_papers_;
    if (pending_bytes_ >= options_.batch_bytes || pending_papers_ >= options_.batch_papers) return Commit();
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "writing paper " + record.key);
  }
}

Status IndexWriter::RemovePaper(const std::string& id) {
  if (papers_.count(id) == 0) return Status::NotFound("no paper with id " + id);
  try {
    (void)EnsureTransaction();
    DeleteItems(id);
    db_.set_metadata(PaperMetaKey(id), "");
    papers_.erase(id);
    ++pending_papers_;
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "removing paper " + id);
  }
}

Status IndexWriter::Commit() {
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
    if (on_commit_) on_commit_(commits_);
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    in_transaction_ = false;
    spelling_changes_.clear();
    return StatusFromXapian(e, "committing");
  }
}

}  // namespace councilsearch
