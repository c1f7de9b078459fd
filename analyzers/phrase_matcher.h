// Finding many phrases in a text in one pass over its words.
//
// The text is read as words (letters and digits, with apostrophes inside a
// word: "children's"); hyphens and other punctuation separate words, so
// "looked-after child" is the phrase "looked after child" and "education,
// health and care plan" is "education health and care plan". Phrases are matched case-insensitively,
// short forms (acronyms) case-sensitively; a phrase may also match with an
// "s" on its last word ("family hub" -> "family hubs"). Linear in the text.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace councilsearch {

struct Word {
  uint32_t begin = 0, end = 0;  // in the text
  std::string lower;            // ASCII lower-cased
};

// The words of a text.
std::vector<Word> SplitWords(std::string_view text);

// Calls f(begin, end) for each word of a text, as SplitWords finds them,
// without building them (for scanning long texts).
template <typename F>
void ForEachWordSpan(std::string_view text, F&& f);

class PhraseMatcher {
 public:
  struct Match {
    int id = 0;             // as given to Add()
    int phrase = 0;         // which phrase (index in insertion order)
    uint32_t begin = 0, end = 0;
  };

  // `case_sensitive`: the words must appear exactly as written ("SEND").
  // `plural`: the last word may carry an extra "s".
  void Add(std::string_view phrase, int id, bool case_sensitive, bool plural);

  // Every match, in text order; overlapping matches are all reported.
  std::vector<Match> FindAll(std::string_view text, const std::vector<Word>& words) const;
  std::vector<Match> FindAll(std::string_view text) const { return FindAll(text, SplitWords(text)); }

  size_t size() const { return phrases_.size(); }
  // The first words (lower-cased) of the phrases added with `id`.
  std::vector<std::string> FirstWords(int id) const;
  // The most words in any phrase.
  size_t longest() const { return longest_; }

 private:
  struct Phrase {
    std::vector<std::string> words;  // lower-cased, or exact when case_sensitive
    int id;
    bool case_sensitive;
    bool plural;
  };
  std::vector<Phrase> phrases_;
  std::unordered_map<std::string, std::vector<int>> by_first_word_;  // lower-cased first word -> phrases
  size_t longest_ = 0;
};

namespace detail {
// ASCII letters and digits, and every byte of a multi-byte UTF-8 character.
inline bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}
}  // namespace detail

template <typename F>
void ForEachWordSpan(std::string_view text, F&& f) {
  size_t i = 0;
  while (i < text.size()) {
    if (!detail::IsWordByte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size()) {
      const auto c = static_cast<unsigned char>(text[j]);
      if (detail::IsWordByte(c)) {
        ++j;
      } else if (c == '\'' && j + 1 < text.size() && detail::IsWordByte(static_cast<unsigned char>(text[j + 1]))) {
        ++j;
      } else {
        break;
      }
    }
    f(i, j);
    i = j;
  }
}

}  // namespace councilsearch
