// Plain text from Markdown, as produced by PDF-to-Markdown converters and
// scrapers: emphasis markers, links, images, inline HTML tags, heading marks
// and pipe tables are reduced to the words a reader sees. Line structure is
// kept (one output line per input line) so that offsets stay meaningful to the
// segmenter, which relies on line starts.
#pragma once

#include <string>
#include <string_view>

namespace councilsearch {

std::string MarkdownToText(std::string_view markdown);

}  // namespace councilsearch
