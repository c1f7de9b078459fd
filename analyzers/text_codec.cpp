#include "analyzers/text_codec.h"

#include <zstd.h>

namespace councilsearch {
namespace {

// Level 9: the text is written once and kept for decades. With the
// dictionary, level 9 stores Cleveland's items 2.1% smaller than level 6 and
// Limerick's 2.2% (docs/benchmarks.md), for about 0.4 s more of the analysis
// threads' time on Limerick (2.5%); reading back is over 1 GB/s whatever the
// level.
constexpr int kLevel = 9;

// The dictionary's bytes, embedded at build time (analyzers/CMakeLists.txt):
// a database must stay readable whatever files are installed beside the
// program. A new dictionary gets a new id; frames made with an old one need
// it kept here too.
constexpr unsigned char kDictionary[] = {
#include "text_dictionary.inc"
};

// Digested once, when first needed, and shared: both are read-only after
// creation, and digesting takes milliseconds, too long per item. searchd
// only ever digests the smaller decompression side.
struct CompressionDictionary {
  ZSTD_CDict* dictionary = ZSTD_createCDict(kDictionary, sizeof kDictionary, kLevel);
  ~CompressionDictionary() { ZSTD_freeCDict(dictionary); }
};
struct DecompressionDictionary {
  ZSTD_DDict* dictionary = ZSTD_createDDict(kDictionary, sizeof kDictionary);
  ~DecompressionDictionary() { ZSTD_freeDDict(dictionary); }
};

const ZSTD_CDict* CompressionDictionaryOnce() {
  static const CompressionDictionary once;
  return once.dictionary;
}

const ZSTD_DDict* DecompressionDictionaryOnce() {
  static const DecompressionDictionary once;
  return once.dictionary;
}

// One context per thread, kept: ZSTD_compress and ZSTD_decompress make and
// free a context (hundreds of KB at level 6) on every call, which for the
// short texts of items cost more than the (de)compression itself.
struct Contexts {
  ZSTD_CCtx* compress = ZSTD_createCCtx();
  ZSTD_DCtx* decompress = ZSTD_createDCtx();
  ~Contexts() {
    ZSTD_freeCCtx(compress);
    ZSTD_freeDCtx(decompress);
  }
};

Contexts& ThreadContexts() {
  thread_local Contexts contexts;
  return contexts;
}

}  // namespace

unsigned TextDictionaryId() {
  static const unsigned id = ZSTD_getDictID_fromDict(kDictionary, sizeof kDictionary);
  return id;
}

std::string CompressText(std::string_view text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  const size_t n = ZSTD_compress_usingCDict(ThreadContexts().compress, out.data(), out.size(), text.data(),
                                            text.size(), CompressionDictionaryOnce());
  if (ZSTD_isError(n)) return {};  // cannot happen with a bound-sized buffer
  out.resize(n);
  return out;
}

size_t FirstFrameSize(std::string_view frames) {
  const size_t n = ZSTD_findFrameCompressedSize(frames.data(), frames.size());
  return ZSTD_isError(n) ? 0 : n;
}

Result<std::string> DecompressText(std::string_view frame) {
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ull << 32))
    return Status::Corrupt("stored text is not a zstd frame");
  const unsigned dictionary = ZSTD_getDictID_fromFrame(frame.data(), frame.size());
  if (dictionary != 0 && dictionary != TextDictionaryId())
    return Status::Corrupt("stored text was compressed with zstd dictionary " + std::to_string(dictionary) +
                           ", which this build does not have (it has " + std::to_string(TextDictionaryId()) + ")");
  std::string out(size, '\0');
  ZSTD_DCtx* context = ThreadContexts().decompress;
  const size_t n = dictionary == 0
                       ? ZSTD_decompressDCtx(context, out.data(), out.size(), frame.data(), frame.size())
                       : ZSTD_decompress_usingDDict(context, out.data(), out.size(), frame.data(), frame.size(),
                                                    DecompressionDictionaryOnce());
  if (ZSTD_isError(n)) return Status::Corrupt(std::string("stored text: ") + ZSTD_getErrorName(n));
  if (n != size) return Status::Corrupt("stored text: shorter than its frame says");
  return out;
}

}  // namespace councilsearch
