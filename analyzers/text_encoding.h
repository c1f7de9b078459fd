// Turning the bytes of a text file into valid UTF-8.
//
// Council exports arrive as UTF-8, UTF-8 with a BOM, UTF-16 with a BOM, or a
// legacy 8-bit code page (most often Windows-1252). Valid UTF-8 passes through;
// a legacy encoding is detected with ICU's charset detector and converted. A file
// that is mostly UTF-8 but holds broken sequences is reported, with the offset of
// the first bad byte, rather than silently mangled.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "analyzers/status.h"

namespace councilsearch {

struct DecodedText {
  std::string utf8;
  std::string source_encoding;  // "UTF-8", "UTF-16LE", "windows-1252", ...
};

// Offset of the first byte that is not part of a well-formed UTF-8 sequence,
// or std::string_view::npos when the whole input is valid UTF-8.
size_t FindInvalidUtf8(std::string_view bytes);

// True when the bytes look like a binary file rather than text: NUL bytes
// (outside UTF-16) or a high share of control characters in the first 64 KiB.
bool LooksBinary(std::string_view bytes);

// Decodes `bytes` to UTF-8. Errors: kCorrupt for empty input, binary content or
// broken UTF-8 (the message gives the byte offset); kUnsupported when ICU cannot
// convert the detected encoding.
Result<DecodedText> DecodeToUtf8(std::string_view bytes);

}  // namespace councilsearch
