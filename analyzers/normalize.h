// Unicode normalisation of extracted text, so that the same words index and
// display the same way whatever program produced the paper.
#pragma once

#include <string>
#include <string_view>

namespace councilsearch {

// NFKC (ligatures, full-width forms, compatibility spaces), then folds
// typographic punctuation to ASCII (curly quotes to ' and ", en/em dashes and
// minus to -), turns every Unicode space to ' ', removes soft hyphens,
// zero-width characters and BOMs, turns CR/CRLF and Unicode line separators
// into '\n', and other control characters (but tab, '\n' and the page break
// '\f') into spaces. Input must be valid UTF-8.
std::string NormalizeText(std::string_view utf8);

}  // namespace councilsearch
