// libFuzzer target: the whole paper analysis (segmentation into items,
// points, decisions, themes, money, people, committee, council) on arbitrary
// bytes; '\f' bytes start pages.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "analyzers/analyzer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  councilsearch::SourceText source;
  source.text.assign(reinterpret_cast<const char*>(data), size);
  source.format = "txt";
  uint32_t page = 1;
  source.pages.push_back({0, page});
  for (size_t i = 0; i < size; ++i)
    if (source.text[i] == '\f' && i + 1 < size) source.pages.push_back({static_cast<uint32_t>(i + 1), ++page});
  const councilsearch::PaperAnalysis analysis = councilsearch::AnalyzePaper(source);
  uint32_t previous_offset = 0;
  for (const auto& item : analysis.items) {
    if (item.offset > size || item.offset < previous_offset || item.page > page) std::abort();
    previous_offset = item.offset;
    for (const auto& p : item.points)
      if (p.offset > item.text.size()) std::abort();
    for (const auto& d : item.decisions)
      if (d.begin > d.end || d.end > item.text.size()) std::abort();
    for (const auto& a : item.amounts)
      if (a.end > item.text.size()) std::abort();
    for (const auto& t : item.themes)
      if (t.weight < 0 || t.weight > 1) std::abort();
  }
  return 0;
}
