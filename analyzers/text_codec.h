// Compression of the stored item text (zstd): smaller databases, and much
// faster to read back than the zlib that Xapian would otherwise apply.
#pragma once

#include <string>
#include <string_view>

#include "analyzers/status.h"

namespace councilsearch {

// A zstd frame of `text`.
std::string CompressText(std::string_view text);

// The text of a zstd frame; kCorrupt if it is not one.
Result<std::string> DecompressText(std::string_view frame);

}  // namespace councilsearch
