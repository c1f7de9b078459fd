#include "analyzers/text_codec.h"

#include <zstd.h>

namespace councilsearch {
namespace {

// Level 6: about 4x smaller than the text (5x and more with the dictionary on
// short items), compressing at ~100 MB/s on the analysis threads; reading back
// is over 1 GB/s whatever the level.
constexpr int kLevel = 6;

// The dictionary's bytes, embedded at build time (analyzers/CMakeLists.txt):
// a database must stay readable whatever files are installed beside the
// program. A new dictionary gets a new id; frames made with an old one need
// it kept here too.
constexpr unsigned char kDictionary[] = {
#include "text_dictionary.inc"
};

// Digested once and shared: both are read-only after creation, and digesting
// takes milliseconds, too long per item.
struct Dictionary {
  ZSTD_CDict* compress = ZSTD_createCDict(kDictionary, sizeof kDictionary, kLevel);
  ZSTD_DDict* decompress = ZSTD_createDDict(kDictionary, sizeof kDictionary);
  unsigned id = ZSTD_getDictID_fromDict(kDictionary, sizeof kDictionary);
  ~Dictionary() {
    ZSTD_freeCDict(compress);
    ZSTD_freeDDict(decompress);
  }
};

const Dictionary& TheDictionary() {
  static const Dictionary dictionary;
  return dictionary;
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

unsigned TextDictionaryId() { return TheDictionary().id; }

std::string CompressText(std::string_view text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  const size_t n = ZSTD_compress_usingCDict(ThreadContexts().compress, out.data(), out.size(), text.data(),
                                            text.size(), TheDictionary().compress);
  if (ZSTD_isError(n)) return {};  // cannot happen with a bound-sized buffer
  out.resize(n);
  return out;
}

Result<std::string> DecompressText(std::string_view frame) {
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ull << 32))
    return Status::Corrupt("stored text is not a zstd frame");
  const unsigned dictionary = ZSTD_getDictID_fromFrame(frame.data(), frame.size());
  if (dictionary != 0 && dictionary != TheDictionary().id)
    return Status::Corrupt("stored text was compressed with zstd dictionary " + std::to_string(dictionary) +
                           ", which this build does not have (it has " + std::to_string(TheDictionary().id) + ")");
  std::string out(size, '\0');
  ZSTD_DCtx* context = ThreadContexts().decompress;
  const size_t n = dictionary == 0
                       ? ZSTD_decompressDCtx(context, out.data(), out.size(), frame.data(), frame.size())
                       : ZSTD_decompress_usingDDict(context, out.data(), out.size(), frame.data(), frame.size(),
                                                    TheDictionary().decompress);
  if (ZSTD_isError(n)) return Status::Corrupt(std::string("stored text: ") + ZSTD_getErrorName(n));
  if (n != size) return Status::Corrupt("stored text: shorter than its frame says");
  return out;
}

}  // namespace councilsearch
