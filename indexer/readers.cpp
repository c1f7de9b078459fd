#include "indexer/readers.h"

#include <fstream>

#include "analyzers/html_text.h"
#include "analyzers/markdown_text.h"
#include "analyzers/normalize.h"
#include "analyzers/text_encoding.h"
#include "analyzers/text_util.h"

namespace councilsearch {
namespace fs = std::filesystem;

std::optional<Format> FormatForPath(const fs::path& path) {
  const std::string ext = ToLowerAscii(path.extension().string());
  if (ext == ".txt" || ext == ".text") return Format::kText;
  if (ext == ".md" || ext == ".markdown") return Format::kMarkdown;
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return Format::kHtml;
  if (ext == ".pdf") return Format::kPdf;
  return std::nullopt;
}

const char* FormatName(Format format) {
  switch (format) {
    case Format::kText: return "txt";
    case Format::kMarkdown: return "md";
    case Format::kHtml: return "html";
    case Format::kPdf: return "pdf";
  }
  return "txt";
}

Result<std::string> ReadFileBytes(const fs::path& path, uint64_t max_bytes) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) return Status::IoError("cannot read: " + ec.message());
  if (size == 0) return Status::Corrupt("empty file");
  if (size > max_bytes) {
    return Status::TooLarge("file is " + std::to_string(size >> 20) + " MiB, over the " +
                            std::to_string(max_bytes >> 20) + " MiB limit (--max-file-mb)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open for reading");
  std::string bytes(static_cast<size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<size_t>(in.gcount()));
  if (bytes.empty()) return Status::Corrupt("empty file");
  return bytes;
}

namespace {

bool HasWords(std::string_view text) {
  int alnum = 0;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80) {
      if (++alnum >= 2) return true;
    }
  }
  return false;
}

}  // namespace

Result<SourceText> ExtractText(std::string_view bytes, Format format) {
  SourceText source;
  if (format == Format::kPdf) {
    auto pdf = PdfToText(bytes);
    if (!pdf.ok()) return pdf.status();
    source = std::move(pdf).value();
  } else {
    auto decoded = DecodeToUtf8(bytes);
    if (!decoded.ok()) return decoded.status();
    source.source_encoding = decoded->source_encoding;
    if (format == Format::kHtml) {
      auto html = HtmlToText(decoded->utf8);
      if (!html.ok()) return html.status();
      source.text = NormalizeText(html->text);
      source.title_hint = std::string(TrimView(NormalizeText(html->title)));
    } else {
      // Plain-text papers are often Markdown in all but name (converted from
      // PDF or scraped): bold markers, pipe tables, inline HTML tags.
      source.text = MarkdownToText(NormalizeText(decoded->utf8));
    }
  }
  source.format = FormatName(format);
  if (!HasWords(source.text)) {
    return Status::Corrupt(format == Format::kPdf ? "no text in the PDF (a scan without OCR?)" : "no text");
  }
  return source;
}

}  // namespace councilsearch
