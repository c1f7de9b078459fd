// Reading papers from files: format detection, size limits, and turning the
// bytes of each format into normalised text (analyzers/normalize.h).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "analyzers/paper.h"
#include "analyzers/status.h"

namespace councilsearch {

enum class Format { kText, kMarkdown, kHtml, kPdf };

// The format for a file name, from its extension (case-insensitive): .txt
// .text, .md .markdown, .html .htm .xhtml, .pdf. nullopt: not a paper.
std::optional<Format> FormatForPath(const std::filesystem::path& path);
const char* FormatName(Format format);  // "txt", "md", "html", "pdf"

// Reads a whole file. Errors: kCorrupt "empty file", kTooLarge over
// `max_bytes`, kIoError.
Result<std::string> ReadFileBytes(const std::filesystem::path& path, uint64_t max_bytes);

// Decodes and normalises the bytes of a paper. Errors name the problem:
// "binary content", "invalid UTF-8 at byte offset N", "encrypted PDF",
// "not a PDF or truncated", "no text" (e.g. a scan without OCR).
Result<SourceText> ExtractText(std::string_view bytes, Format format);

// PDF text, page by page (poppler-cpp, reading order), pages separated by
// '\f' with their start offsets recorded. Used by ExtractText.
Result<SourceText> PdfToText(std::string_view bytes);

}  // namespace councilsearch
