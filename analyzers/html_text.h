// The visible text of an HTML page, as a reader would see it.
//
// Councils publish minutes as web pages wrapped in site chrome. We keep the
// page's main content: headings and paragraphs on their own lines, table rows
// on one line with cells separated by tabs (reading order), and drop scripts,
// styles, navigation, hidden and screen-reader-only elements, skip links,
// cookie banners, and the site header/footer when a main region exists.
#pragma once

#include <string>
#include <string_view>

#include "analyzers/status.h"

namespace councilsearch {

struct HtmlText {
  std::string title;  // <title>, or the first <h1> when there is no title
  std::string text;   // visible text, '\n' between blocks
};

// `html` must be UTF-8. Never fails on malformed markup (libxml2 recovers);
// returns kCorrupt only when nothing at all can be parsed.
Result<HtmlText> HtmlToText(std::string_view html);

}  // namespace councilsearch
