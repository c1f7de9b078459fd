// Line-level views of a paper's text shared by the analyzers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace councilsearch {

// A heading as a reader sees it: physical lines that PDF conversion broke
// apart, joined again.
struct LogicalLine {
  std::string text;    // physical lines joined with single spaces
  size_t begin = 0;    // byte range in the paper
  size_t end = 0;
};

// Site chrome that survives into text ("Skip to main content", "Back to top").
bool IsChromeLine(std::string_view line);

// True when `s` has letters and all of them are capitals.
bool AllCapitals(std::string_view s);

// The last word of `s`, lower-cased, without trailing punctuation.
std::string LastWordLower(std::string_view s);

// The first `max` non-blank lines, with headings that PDF conversion broke
// over several lines ("MINUTES OF PROCEEDINGS AT JOINT POLICING SUB
// COMMITTEE" / "MEETING" / "OF" / "THE" / ...) joined again: a line runs on
// when it does not end a sentence and ends with a joining word, or when it
// and the next are both in capitals, or when the next starts in lower case.
std::vector<LogicalLine> HeadingLines(std::string_view text, size_t max);

}  // namespace councilsearch
