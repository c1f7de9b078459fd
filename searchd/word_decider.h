// Which terms may stand for what a set of items is about (more-like-this,
// significant terms): plain words only.
#pragma once

#include <xapian.h>

#include <set>
#include <string>

#include "analyzers/text_profile.h"

namespace councilsearch {

// Accepts free-text terms (unprefixed stems) of 3..30 bytes without digits
// that are not stop words, not in `exclude`, and not in a third or more of
// all items (boilerplate such as "council" or "meeting").
class PlainWordDecider final : public Xapian::ExpandDecider {
 public:
  PlainWordDecider(const Xapian::Database& db, std::set<std::string> exclude)
      : db_(db), exclude_(std::move(exclude)), common_(db.get_doccount() / 3 + 1) {}
  bool operator()(const std::string& term) const override {
    if (term.size() < 3 || term.size() > 30) return false;
    const auto first = static_cast<unsigned char>(term[0]);
    if ((first >= 'A' && first <= 'Z') || term.find_first_of("0123456789_") != std::string::npos) return false;
    if (IsStopStem(term) || exclude_.count(term) != 0) return false;
    return db_.get_termfreq(term) < common_;
  }

 private:
  const Xapian::Database& db_;
  std::set<std::string> exclude_;
  Xapian::doccount common_;
};

}  // namespace councilsearch
