#include "analyzers/text_profile.h"

#include <iterator>
#include <string>
#include <unordered_set>
#include <vector>

namespace councilsearch {
namespace {

// Snowball's English stop list.
constexpr const char* kEnglishStopWords[] = {
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "aren't",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
    "can't", "cannot", "could", "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't",
    "down", "during", "each", "few", "for", "from", "further", "had", "hadn't", "has", "hasn't", "have",
    "haven't", "having", "he", "he'd", "he'll", "he's", "her", "here", "here's", "hers", "herself", "him",
    "himself", "his", "how", "how's", "i", "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "isn't",
    "it", "it's", "its", "itself", "let's", "me", "more", "most", "mustn't", "my", "myself", "no", "nor",
    "not", "of", "off", "on", "once", "only", "or", "other", "ought", "our", "ours", "ourselves", "out",
    "over", "own", "same", "shan't", "she", "she'd", "she'll", "she's", "should", "shouldn't", "so",
    "some", "such", "than", "that", "that's", "the", "their", "theirs", "them", "themselves", "then",
    "there", "there's", "these", "they", "they'd", "they'll", "they're", "they've", "this", "those",
    "through", "to", "too", "under", "until", "up", "very", "was", "wasn't", "we", "we'd", "we'll",
    "we're", "we've", "were", "weren't", "what", "what's", "when", "when's", "where", "where's", "which",
    "while", "who", "who's", "whom", "why", "why's", "with", "won't", "would", "wouldn't", "you", "you'd",
    "you'll", "you're", "you've", "your", "yours", "yourself", "yourselves"};

// The English stemmer with a memory of recent stems: papers repeat their
// words, and stemming every occurrence afresh was a tenth of indexing
// (docs/benchmarks.md). The memory is a small direct-mapped table (a word's
// hash picks its one slot; a newcomer takes the slot over), so it stays in
// the CPU's cache: an unbounded map of every word met was no faster than
// stemming once it outgrew the cache. The same stems as
// Xapian::Stem("english"), which the query side uses.
class RememberingEnglishStem final : public Xapian::StemImplementation {
 public:
  RememberingEnglishStem() : slots_(kSlots) {}

  std::string operator()(const std::string& word) override {
    Slot& slot = slots_[std::hash<std::string>{}(word) & (kSlots - 1)];
    if (slot.word != word || slot.stem.empty()) {
      slot.word = word;
      slot.stem = english_(word);
    }
    return slot.stem;
  }
  std::string get_description() const override { return "english, remembered"; }

 private:
  static constexpr size_t kSlots = 4096;  // a power of two
  struct Slot {
    std::string word, stem;
  };
  Xapian::Stem english_{"english"};
  std::vector<Slot> slots_;
};

}  // namespace

Xapian::Stem MakeStemmer() { return Xapian::Stem("english"); }

bool IsStopStem(const std::string& stem) {
  // The stems of the stop words ("does" stems to "doe"), made once.
  static const std::unordered_set<std::string>* const stems = [] {
    auto* set = new std::unordered_set<std::string>;
    Xapian::Stem english("english");
    for (const char* word : kEnglishStopWords) set->insert(english(word));
    return set;
  }();
  return stems->count(stem) != 0;
}

const Xapian::Stopper& EnglishStopper() {
  static const Xapian::SimpleStopper* const stopper =
      new Xapian::SimpleStopper(std::begin(kEnglishStopWords), std::end(kEnglishStopWords));
  return *stopper;
}

Xapian::TermGenerator MakeTermGenerator() {
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem(new RememberingEnglishStem()));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
  tg.set_max_word_length(64);
  return tg;
}

void ForEachWord(std::string_view text, const std::function<void(const std::string&)>& f) {
  std::string word;
  for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    if (ch < 0x80) {  // the common case, without Unicode's tables
      const bool lower = ch >= 'a' && ch <= 'z', upper = ch >= 'A' && ch <= 'Z';
      if (lower || upper || (ch >= '0' && ch <= '9') || ch == '_') {
        word += static_cast<char>(upper ? ch - 'A' + 'a' : ch);
        continue;
      }
    } else if (Xapian::Unicode::is_wordchar(ch)) {
      Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
      continue;
    }
    if (!word.empty()) f(word);
    word.clear();
  }
  if (!word.empty()) f(word);
}

}  // namespace councilsearch
