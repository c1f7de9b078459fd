#include "analyzers/phrase_matcher.h"

#include <algorithm>

namespace councilsearch {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

std::vector<Word> SplitWords(std::string_view text) {
  std::vector<Word> words;
  words.reserve(text.size() / 6);  // about a word per six bytes of English
  ForEachWordSpan(text, [&](size_t b, size_t e) {
    Word& w = words.emplace_back();
    w.begin = static_cast<uint32_t>(b);
    w.end = static_cast<uint32_t>(e);
    w.lower.assign(text.substr(b, e - b));
    for (char& c : w.lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  });
  return words;
}

void PhraseMatcher::Add(std::string_view phrase, int id, bool case_sensitive, bool plural) {
  Phrase p{{}, id, case_sensitive, plural};
  for (const Word& w : SplitWords(phrase)) {
    p.words.push_back(case_sensitive ? std::string(phrase.substr(w.begin, w.end - w.begin)) : w.lower);
  }
  if (p.words.empty()) return;
  const std::string first = Lower(p.words.front());
  by_first_word_[first].push_back(static_cast<int>(phrases_.size()));
  if (plural && p.words.size() == 1) by_first_word_[first + "s"].push_back(static_cast<int>(phrases_.size()));
  longest_ = std::max(longest_, p.words.size());
  phrases_.push_back(std::move(p));
}

std::vector<std::string> PhraseMatcher::FirstWords(int id) const {
  std::vector<std::string> out;
  for (const Phrase& p : phrases_) {
    if (p.id != id || p.words.empty()) continue;
    out.push_back(Lower(p.words[0]));
    if (p.plural && p.words.size() == 1) out.push_back(Lower(p.words[0]) + "s");
  }
  return out;
}

std::vector<PhraseMatcher::Match> PhraseMatcher::FindAll(std::string_view text, const std::vector<Word>& words) const {
  std::vector<Match> out;
  for (size_t i = 0; i < words.size(); ++i) {
    const auto it = by_first_word_.find(words[i].lower);
    if (it == by_first_word_.end()) continue;
    for (int index : it->second) {
      const Phrase& p = phrases_[static_cast<size_t>(index)];
      if (i + p.words.size() > words.size()) continue;
      bool ok = true;
      for (size_t k = 0; k < p.words.size() && ok; ++k) {
        const Word& w = words[i + k];
        const bool last = k + 1 == p.words.size();
        if (p.case_sensitive) {
          const std::string_view exact = text.substr(w.begin, w.end - w.begin);
          ok = exact == p.words[k] || (last && p.plural && exact.size() == p.words[k].size() + 1 &&
                                       exact.back() == 's' && exact.substr(0, p.words[k].size()) == p.words[k]);
        } else {
          ok = w.lower == p.words[k] || (last && p.plural && w.lower == p.words[k] + "s");
        }
      }
      if (ok) out.push_back({p.id, index, words[i].begin, words[i + p.words.size() - 1].end});
    }
  }
  return out;
}

}  // namespace councilsearch
