// Values kept between requests within a memory budget, least recently used
// out first, shared by every thread. The match cache (document sets) and
// what searches keep (SearchKeeping: hits, costly queries' facet counts) are
// all this; what they keep, and what names it (always a database's
// revision, so a new revision never sees an old one's values), is theirs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace councilsearch {

template <typename V>
class KeptByBudget {
 public:
  // `budget_bytes` 0 keeps nothing.
  explicit KeptByBudget(size_t budget_bytes) : budget_(budget_bytes) {}

  std::shared_ptr<const V> Find(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    ++hits_;
    return it->second.value;
  }

  // Keeps `value` as costing `bytes` (its key's own length is added), putting
  // out the least recently used until it fits; a value larger than the whole
  // budget is not kept.
  void Keep(std::string key, std::shared_ptr<const V> value, size_t bytes) {
    bytes += key.size() + kEntryOverhead;
    if (bytes > budget_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    // Two threads that missed the same key at once both made its value; the
    // first one kept stays.
    if (entries_.count(key) != 0) return;
    while (bytes_ + bytes > budget_ && !lru_.empty()) {
      const auto oldest = entries_.find(lru_.back());
      bytes_ -= oldest->second.bytes;
      entries_.erase(oldest);
      lru_.pop_back();
    }
    lru_.push_front(key);
    entries_.emplace(std::move(key), Entry{std::move(value), lru_.begin(), bytes});
    bytes_ += bytes;
    ++kept_;
  }

  struct Stats {
    size_t bytes = 0, entries = 0;
    uint64_t hits = 0, kept = 0;
  };
  Stats stats() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return {bytes_, entries_.size(), hits_, kept_};
  }
  size_t budget() const { return budget_; }
  bool enabled() const { return budget_ > 0; }

 private:
  // The map's node, the list's node and the key's second copy, about.
  static constexpr size_t kEntryOverhead = 64;

  struct Entry {
    std::shared_ptr<const V> value;
    std::list<std::string>::iterator lru;  // its place in lru_
    size_t bytes;
  };

  const size_t budget_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> lru_;  // keys, most recently used first
  size_t bytes_ = 0;
  uint64_t hits_ = 0, kept_ = 0;
};

}  // namespace councilsearch
