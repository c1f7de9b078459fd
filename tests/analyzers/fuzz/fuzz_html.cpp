// libFuzzer target: HTML to visible text, then decoding and normalisation,
// on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "analyzers/html_text.h"
#include "analyzers/markdown_text.h"
#include "analyzers/normalize.h"
#include "analyzers/text_encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto decoded = councilsearch::DecodeToUtf8(bytes);
  if (!decoded.ok()) return 0;
  if (councilsearch::FindInvalidUtf8(decoded->utf8) != std::string_view::npos) std::abort();
  const std::string normalized = councilsearch::NormalizeText(decoded->utf8);
  if (councilsearch::FindInvalidUtf8(normalized) != std::string_view::npos) std::abort();
  (void)councilsearch::MarkdownToText(normalized);
  auto html = councilsearch::HtmlToText(decoded->utf8);
  if (html.ok() && councilsearch::FindInvalidUtf8(html->text) != std::string_view::npos) std::abort();
  return 0;
}
