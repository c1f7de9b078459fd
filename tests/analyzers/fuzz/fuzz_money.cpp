// libFuzzer target: money amounts on arbitrary bytes.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "analyzers/money.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto& a : councilsearch::FindAmounts(text)) {
    if (a.begin >= a.end || a.end > size || !std::isfinite(a.value) || a.currency.empty()) std::abort();
  }
  return 0;
}
