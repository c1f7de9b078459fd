#include "analyzers/text_codec.h"

#include <zstd.h>

namespace councilsearch {
namespace {

// Level 6: about 4x smaller than the text, compressing at ~100 MB/s on the
// analysis threads; reading back is over 1 GB/s whatever the level.
constexpr int kLevel = 6;

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

std::string CompressText(std::string_view text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  const size_t n = ZSTD_compressCCtx(ThreadContexts().compress, out.data(), out.size(), text.data(), text.size(), kLevel);
  if (ZSTD_isError(n)) return {};  // cannot happen with a bound-sized buffer
  out.resize(n);
  return out;
}

Result<std::string> DecompressText(std::string_view frame) {
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ull << 32))
    return Status::Corrupt("stored text is not a zstd frame");
  std::string out(size, '\0');
  const size_t n = ZSTD_decompressDCtx(ThreadContexts().decompress, out.data(), out.size(), frame.data(), frame.size());
  if (ZSTD_isError(n)) return Status::Corrupt(std::string("stored text: ") + ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

}  // namespace councilsearch
