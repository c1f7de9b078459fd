#include "searchd/term_frequency.h"

#include <algorithm>
#include <unordered_map>
#include <utility>
#include <vector>

namespace councilsearch {
namespace {

// A thread walks a handful of databases: its combined handle and the parts.
constexpr size_t kDatabases = 8;
// Terms a database; past this its memo starts again. A search asks for the
// same few terms three to five times, which this always covers; searchd runs
// a hundred or more threads, each with its own memos, so they stay small
// (at most about 200 KB a thread).
constexpr size_t kTermsPerDatabase = 256;

struct Memo {
  std::string revision;  // UUID@revision
  std::unordered_map<std::string, Xapian::doccount> frequencies;
};

}  // namespace

std::string RevisionName(const Xapian::Database& db) {
  try {
    return db.get_uuid() + "@" + std::to_string(db.get_revision());
  } catch (const Xapian::Error&) {
    return {};  // several databases as one, or one that keeps no revisions
  }
}

Xapian::doccount TermFrequency(const Xapian::Database& db, const std::string& term) {
  std::string revision = RevisionName(db);
  if (revision.empty()) return db.get_termfreq(term);
  thread_local std::vector<Memo> memos;  // least recently used first
  auto memo = memos.begin();
  while (memo != memos.end() && memo->revision != revision) ++memo;
  if (memo == memos.end()) {
    if (memos.size() == kDatabases) memos.erase(memos.begin());
    memos.push_back({std::move(revision), {}});
    memo = memos.end() - 1;
  } else if (memo != memos.end() - 1) {
    std::rotate(memo, memo + 1, memos.end());
    memo = memos.end() - 1;
  }
  if (const auto known = memo->frequencies.find(term); known != memo->frequencies.end()) return known->second;
  if (memo->frequencies.size() >= kTermsPerDatabase) memo->frequencies.clear();
  const Xapian::doccount frequency = db.get_termfreq(term);
  memo->frequencies.emplace(term, frequency);
  return frequency;
}

}  // namespace councilsearch
