#include "analyzers/analyzer.h"

#include "analyzers/committees.h"
#include "analyzers/councils.h"
#include "analyzers/dates.h"
#include "analyzers/document_type.h"
#include "analyzers/knowledge.h"
#include "analyzers/segmenter.h"
#include "analyzers/text_util.h"

#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string_view>

namespace councilsearch {
namespace {

// The first line with at least three letters, trimmed and capped to 200 bytes
// (on a UTF-8 boundary).
std::optional<Extracted> FirstSubstantialLine(std::string_view text) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of("\n\f", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    line = TrimView(line);
    int letters = 0;
    for (char c : line)
      if (std::isalpha(static_cast<unsigned char>(c))) ++letters;
    if (letters >= 3) {
      line = TruncateUtf8(line, 200);
      return Extracted{std::string(line), 0.3, std::string(line)};
    }
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace

namespace {

nlohmann::json ExtractedJson(const std::optional<Extracted>& e) {
  if (!e) return nullptr;
  return {{"value", e->value}, {"confidence", std::round(e->confidence * 100) / 100}, {"evidence", e->evidence}};
}

}  // namespace

nlohmann::json AnalysisToJson(const PaperAnalysis& a) {
  nlohmann::json j;
  j["council"] = ExtractedJson(a.council);
  j["committee"] = ExtractedJson(a.committee);
  j["date"] = ExtractedJson(a.date);
  j["type"] = ExtractedJson(a.type);
  j["title"] = ExtractedJson(a.title);
  j["items"] = nlohmann::json::array();
  for (const Item& item : a.items) {
    nlohmann::json it{{"ordinal", item.ordinal}, {"number", item.number}, {"heading", item.heading},
                      {"offset", item.offset}, {"length", item.text.size()}};
    if (item.page > 0) it["page"] = item.page;
    it["points"] = nlohmann::json::array();
    for (const Point& p : item.points) it["points"].push_back(p.label);
    it["decisions"] = nlohmann::json::array();
    for (const TextSpan& d : item.decisions)
      it["decisions"].push_back(std::string(TruncateUtf8(std::string_view(item.text).substr(d.begin, d.end - d.begin), 300)));
    j["items"].push_back(std::move(it));
  }
  return j;
}

PaperAnalysis AnalyzePaper(const SourceText& source) {
  PaperAnalysis analysis;
  if (!source.title_hint.empty()) {
    analysis.title = Extracted{source.title_hint, 0.6, source.title_hint};
  } else {
    analysis.title = FirstSubstantialLine(source.text);
  }
  const Knowledge& kb = DefaultKnowledge();
  analysis.date = ExtractMeetingDate(source.text);
  analysis.type = ClassifyDocumentType(source.text);
  analysis.council = ExtractCouncil(source.text, kb);
  analysis.committee = ExtractCommittee(source.text, analysis.council ? analysis.council->value : "", &kb);

  analysis.items = SegmentItems(source, analysis.type ? analysis.type->value : "");
  return analysis;
}

}  // namespace councilsearch
