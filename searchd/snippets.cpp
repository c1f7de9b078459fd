#include "searchd/snippets.h"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <set>
#include <unordered_map>
#include <vector>

#include "analyzers/knowledge.h"
#include "analyzers/phrase_matcher.h"
#include "analyzers/text_profile.h"
#include "analyzers/text_util.h"
#include "searchd/byte_set_finder.h"

namespace councilsearch {

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\f': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

Snippet MakeSnippet(std::string_view text, const Highlight& highlight, const Knowledge& knowledge, size_t length) {
  struct Span {
    size_t begin, end;
  };
  std::vector<Span> matches;
  if (!highlight.empty()) {
    thread_local Xapian::Stem stem = MakeStemmer();
    // Stemming every word of a long item is the costly part, and so is
    // building them: words are scanned in place, and only those starting
    // like a wanted word or stem are lower-cased, looked up, and stemmed once
    // each. "Starting like" is the first three bytes (lower-cased) of those
    // of four letters or more (English stems keep them), else the first two,
    // each kept in a 64 Ki-bit set.
    static constexpr auto kWordByte = [] {
      std::array<bool, 256> t{};
      for (int c = 0; c < 256; ++c) t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
      return t;
    }();
    auto lower_ascii = [](unsigned char c) -> unsigned char { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; };
    using Bits = std::array<uint64_t, 1024>;
    Bits two{}, three{};
    auto key2 = [&](const unsigned char* w, size_t n) {
      return static_cast<size_t>(lower_ascii(w[0])) << 8 | (n > 1 ? lower_ascii(w[1]) : 0);
    };
    auto key3 = [&](const unsigned char* w) {
      return (static_cast<size_t>(lower_ascii(w[0])) * 961 + lower_ascii(w[1]) * 31 + lower_ascii(w[2])) & 0xFFFF;
    };
    // And only words whose first byte is one of the wanted words' (in either
    // case) are looked at at all: those bytes are found 16 at a time.
    ByteSetFinder first_bytes;
    auto set = [](Bits& bits, size_t k) { bits[k >> 6] |= uint64_t{1} << (k & 63); };
    auto has = [](const Bits& bits, size_t k) { return (bits[k >> 6] >> (k & 63) & 1) != 0; };
    auto want = [&](const std::string& w, size_t three_from) {
      if (w.empty()) return;
      const auto* p = reinterpret_cast<const unsigned char*>(w.data());
      if (w.size() >= three_from) set(three, key3(p));
      else set(two, key2(p, w.size()));
      const unsigned char first = lower_ascii(p[0]);
      first_bytes.Add(first);
      if (first >= 'a' && first <= 'z') first_bytes.Add(static_cast<unsigned char>(first - 'a' + 'A'));
    };
    for (const auto* targets : {&highlight.words, &highlight.stems})
      for (const std::string& w : *targets) want(w, 4);
    // Concepts ("MTFP" for "medium term financial plan") are phrases: their
    // first words join the scan, and the phrase matcher runs only on a short
    // window from each (splitting a 2 MB item into words took 40 ms).
    std::set<std::string> concept_starts;
    for (size_t a = 0; a < knowledge.abbreviations.size(); ++a) {
      if (highlight.concepts.count(knowledge.abbreviations[a].id) == 0) continue;
      for (std::string& w : knowledge.concept_matcher.FirstWords(static_cast<int>(a))) {
        want(w, 3);
        concept_starts.insert(std::move(w));
      }
    }
    std::vector<size_t> concept_candidates;
    std::unordered_map<std::string, bool> known;
    std::string lower;
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const size_t size = text.size();
    size_t i = 0;
    // The best window is looked for among the first matches only: a 2 MB
    // item that mentions the word throughout would otherwise be read to the
    // end for a snippet of 200 bytes.
    constexpr size_t kEnoughMatches = 256;
    // A word starts at a word byte after a byte that is not, unless that is
    // an apostrophe inside a word ("O'Brien" is one word).
    auto starts_word = [&](size_t p) {
      return kWordByte[bytes[p]] &&
             (p == 0 || (!kWordByte[bytes[p - 1]] && !(bytes[p - 1] == '\'' && p >= 2 && kWordByte[bytes[p - 2]])));
    };
    while (i < size && matches.size() + concept_candidates.size() < kEnoughMatches) {
      i = first_bytes.Next(bytes, i, size);
      if (i == size) break;
      if (!starts_word(i)) {
        ++i;
        continue;
      }
      const size_t b = i;
      // The word's end, as ForEachWordSpan finds it (apostrophes inside a word).
      while (i < size && (kWordByte[bytes[i]] || (bytes[i] == '\'' && i + 1 < size && kWordByte[bytes[i + 1]]))) ++i;
      const size_t n = i - b;
      if (!has(two, key2(bytes + b, n)) && !(n >= 3 && has(three, key3(bytes + b)))) continue;
      lower.assign(text.substr(b, i - b));
      for (char& c : lower) c = static_cast<char>(lower_ascii(static_cast<unsigned char>(c)));
      if (concept_starts.count(lower) != 0) concept_candidates.push_back(b);
      auto [it, fresh] = known.try_emplace(lower, false);
      if (fresh) it->second = highlight.words.count(lower) != 0 || highlight.stems.count(stem(lower)) != 0;
      if (it->second) matches.push_back({b, i});
    }
    // A window of the longest phrase's words, at about 40 bytes a word.
    const size_t window = 40 * std::max<size_t>(knowledge.concept_matcher.longest(), 1) + 64;
    for (const size_t b : concept_candidates) {
      const std::string_view from = text.substr(b, window);
      for (const auto& m : knowledge.concept_matcher.FindAll(from, SplitWords(from))) {
        if (m.begin != 0) continue;  // found again from its own first word
        if (highlight.concepts.count(knowledge.abbreviations[static_cast<size_t>(m.id)].id) != 0)
          matches.push_back({b + m.begin, b + m.end});
      }
    }
    std::sort(matches.begin(), matches.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
    // Merge overlapping spans ("children" inside "children in care").
    std::vector<Span> merged;
    for (const Span& s : matches) {
      if (!merged.empty() && s.begin <= merged.back().end) {
        merged.back().end = std::max(merged.back().end, s.end);
      } else {
        merged.push_back(s);
      }
    }
    matches = std::move(merged);
  }
  // The window with the most matches (earliest on ties).
  size_t best_start = 0;
  int best_count = 0;
  for (size_t i = 0, j = 0; i < matches.size(); ++i) {
    while (j < matches.size() && matches[j].end <= matches[i].begin + length) ++j;
    const int count = static_cast<int>(j - i);
    if (count > best_count) {
      best_count = count;
      best_start = matches[i].begin;
    }
  }
  // Centre the window a little before the first match, on a word boundary.
  size_t begin = best_start > length / 4 ? best_start - length / 4 : 0;
  while (begin > 0 && text[begin - 1] != ' ' && text[begin - 1] != '\n' && best_start - begin < length / 2) --begin;
  size_t end = std::min(text.size(), begin + length);
  while (end < text.size() && end > begin && text[end] != ' ' && text[end] != '\n' && end - begin < length + 40) ++end;
  // Never split a UTF-8 sequence.
  while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) --begin;
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;

  Snippet snippet;
  snippet.offset = begin;
  std::string& html = snippet.html;
  if (begin > 0) html += "...";
  size_t at = begin;
  for (const Span& m : matches) {
    if (m.end <= begin || m.begin >= end) continue;
    const size_t mb = std::max(m.begin, begin), me = std::min(m.end, end);
    html += EscapeHtml(text.substr(at, mb - at));
    html += "<mark>";
    html += EscapeHtml(text.substr(mb, me - mb));
    html += "</mark>";
    ++snippet.marks;
    at = me;
  }
  html += EscapeHtml(text.substr(at, end - at));
  if (end < text.size()) html += "...";
  // Line breaks read as spaces in a result list.
  for (char& c : html)
    if (c == '\n' || c == '\t') c = ' ';
  return snippet;
}

}  // namespace councilsearch
