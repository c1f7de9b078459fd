// Compression of the stored item text (zstd with a dictionary of council-paper
// text): smaller databases, and much faster to read back than
// the zlib that Xapian would otherwise apply.
#pragma once

#include <string>
#include <string_view>

#include "analyzers/status.h"

namespace councilsearch {

// A zstd frame of `text`, made with the council-paper dictionary
// (analyzers/data/text-dictionary.zstd; scripts/train-text-dictionary.sh).
// Short texts (an agenda item of a few hundred words) shrink by a sixth to a
// third more than without it; the frame names the dictionary by its id.
std::string CompressText(std::string_view text);

// The text of a zstd frame, made with this build's dictionary or with none;
// kCorrupt if it is not such a frame.
Result<std::string> DecompressText(std::string_view frame);

// The length of the zstd frame `frames` starts with (frames are
// self-delimiting, so several can be stored one after another); 0 if it does
// not start with a whole frame.
size_t FirstFrameSize(std::string_view frames);

// The id zstd records in the frames CompressText makes.
unsigned TextDictionaryId();

}  // namespace councilsearch
