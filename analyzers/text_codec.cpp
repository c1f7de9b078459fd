#include "analyzers/text_codec.h"

#include <zstd.h>

namespace councilsearch {
namespace {

// Level 3 (zstd's default). With the dictionary, Limerick's stored items
// are 11.0 MB at level 3, 10.5 at level 5 and 10.0 at level 9, compressed at
// 156, 69 and 24 MB/s (`zstd -b`, docs/benchmarks.md); level 9 took a
// tenth of the indexer's CPU time on Limerick, for 2-4% of the database.
// Since index format 6 the databases of NYC, Cleveland and the synthetic
// corpora meet their size line with room to spare (Limerick's is out of
// reach either way), and indexing speed is the line that is close. Reading
// back is over 500 MB/s whatever the level; frames of any level read alike.
constexpr int kLevel = 3;

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
