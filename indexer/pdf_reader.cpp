// PDF text extraction with poppler-cpp.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
#include <memory>
#include <mutex>

#include "analyzers/normalize.h"
#include "analyzers/text_encoding.h"
#include "indexer/readers.h"

namespace councilsearch {
namespace {

void SilencePoppler(const std::string&, void*) {}

// poppler's global state (font and CMap caches) is not documented as safe for
// concurrent documents, so PDFs are parsed one at a time; text and Markdown
// papers still run in parallel.
std::mutex& PopplerMutex() {
  static std::mutex m;
  return m;
}

}  // namespace

Result<SourceText> PdfToText(std::string_view bytes) {
  if (bytes.size() < 5 || bytes.substr(0, 5) != "%PDF-") return Status::Corrupt("not a PDF (no %PDF- header)");
  if (bytes.size() > static_cast<size_t>(INT_MAX)) return Status::TooLarge("PDF over 2 GiB");

  std::lock_guard<std::mutex> lock(PopplerMutex());
  poppler::set_debug_error_function(&SilencePoppler, nullptr);
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return Status::Corrupt("PDF cannot be opened (truncated or damaged)");
  if (doc->is_locked()) return Status::Unsupported("encrypted PDF (needs a password)");

  SourceText source;
  source.source_encoding = "PDF";
  const int pages = doc->pages();
  if (pages <= 0) return Status::Corrupt("PDF has no pages (truncated or damaged)");
  for (int i = 0; i < pages; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    std::string text;
    if (page) {
      const poppler::byte_array utf8 =
          page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
      text.assign(utf8.begin(), utf8.end());
    }
    if (FindInvalidUtf8(text) != std::string::npos) text.clear();  // never index garbage bytes
    for (char& c : text)
      if (c == '\f') c = '\n';  // '\f' is reserved for our page separators
    if (i > 0) source.text += '\f';
    source.pages.push_back({static_cast<uint32_t>(source.text.size()), static_cast<uint32_t>(i + 1)});
    source.text += NormalizeText(text);
  }
  return source;
}

}  // namespace councilsearch
