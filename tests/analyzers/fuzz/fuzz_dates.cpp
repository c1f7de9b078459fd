// libFuzzer target: date mentions and the meeting date on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "analyzers/dates.h"
#include "analyzers/document_type.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto& m : councilsearch::FindDateMentions(text)) {
    if (m.begin >= m.end || m.end > size || m.month < 1 || m.month > 12 || m.day < 1 || m.day > 31) std::abort();
  }
  if (const auto date = councilsearch::ExtractMeetingDate(text)) {
    if (!councilsearch::IsIsoDate(date->value) || date->confidence <= 0 || date->confidence > 1) std::abort();
  }
  return 0;
}
