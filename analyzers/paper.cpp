#include "analyzers/paper.h"

#include <algorithm>
#include <iterator>

namespace councilsearch {

void PaperFields::FillFrom(const PaperFields& lower) {
  auto fill = [](std::optional<std::string>& mine, const std::optional<std::string>& theirs) {
    if (!mine && theirs) mine = theirs;
  };
  fill(council, lower.council);
  fill(committee, lower.committee);
  fill(date, lower.date);
  fill(title, lower.title);
  fill(type, lower.type);
  fill(url, lower.url);
}

bool IsDocumentType(const std::string& type) {
  return std::find(std::begin(kDocumentTypes), std::end(kDocumentTypes), type) != std::end(kDocumentTypes);
}

PaperFields PaperAnalysis::AsFields() const {
  PaperFields f;
  auto take = [](const std::optional<Extracted>& e) -> std::optional<std::string> {
    if (e) return e->value;
    return std::nullopt;
  };
  f.council = take(council);
  f.committee = take(committee);
  f.date = take(date);
  f.title = take(title);
  f.type = take(type);
  return f;
}

}  // namespace councilsearch
