// PDF text extraction with poppler-cpp.
#include <string_view>
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

// poppler's physical layout keeps a page's lines and columns (numbered
// margins stay beside their paragraphs, table cells stay in their rows) but
// pads with spaces. Lines are trimmed, runs of three or more spaces (column
// gaps) become a tab, shorter runs one space, and runs of blank lines one.
std::string TidyPhysicalLayout(std::string_view page) {
  std::string out;
  out.reserve(page.size());
  size_t blank_lines = 0;
  size_t start = 0;
  while (start <= page.size()) {
    size_t end = page.find('\n', start);
    if (end == std::string_view::npos) end = page.size();
    std::string_view line = page.substr(start, end - start);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    if (line.empty()) {
      if (++blank_lines == 1 && !out.empty()) out += '\n';
    } else {
      blank_lines = 0;
      for (size_t i = 0; i < line.size();) {
        if (line[i] == ' ' || line[i] == '\t') {
          size_t j = i;
          while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
          const bool tab = j - i >= 3 || line.substr(i, j - i).find('\t') != std::string_view::npos;
          out += tab ? '\t' : ' ';
          i = j;
        } else {
          out += line[i++];
        }
      }
      out += '\n';
    }
    start = end + 1;
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

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
          page->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
      text = TidyPhysicalLayout(std::string_view(utf8.data(), utf8.size()));
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
