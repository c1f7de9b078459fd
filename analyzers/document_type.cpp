#include "analyzers/document_type.h"

#include <array>
#include <utility>

#include "analyzers/paper.h"
#include "analyzers/text_util.h"

namespace councilsearch {
namespace {

// Lower-case, with runs of non-alphanumerics as single spaces.
std::string Canonical(std::string_view raw) {
  std::string slug = Slug(raw);
  for (char& c : slug)
    if (c == '-') c = ' ';
  return slug;
}

// Exact synonyms (after Canonical) seen in scrapers' and councils' own labels.
constexpr std::array<std::pair<const char*, const char*>, 30> kSynonyms = {{
    {"minute", "minutes"},
    {"draft minutes", "minutes"},
    {"printed minutes", "minutes"},
    {"agenda frontsheet", "agenda"},
    {"agenda front sheet", "agenda"},
    {"summons", "agenda"},
    {"public document pack", "document-pack"},
    {"agenda pack", "document-pack"},
    {"reports pack", "document-pack"},
    {"supplement", "document-pack"},
    {"document pack", "document-pack"},
    {"officer report", "report"},
    {"cover report", "report"},
    {"covering report", "report"},
    {"annex", "appendix"},
    {"enclosure", "appendix"},
    {"schedule", "appendix"},
    {"appendices", "appendix"},
    {"work programme", "work-programme"},
    {"work program", "work-programme"},
    {"forward plan", "work-programme"},
    {"decision notice", "decision"},
    {"record of decision", "decision"},
    {"decisions", "decision"},
    {"notice of motion", "motion"},
    {"motions", "motion"},
    {"resolution", "motion"},      // NYC Legistar: a proposed resolution put to the council
    {"introduction", "motion"},    // NYC Legistar: a proposed local law
    {"reports", "report"},
    {"agendas", "agenda"},
}};

}  // namespace

std::optional<std::string> NormalizeDocumentType(std::string_view raw) {
  const std::string canon = Canonical(raw);
  if (canon.empty()) return std::nullopt;
  std::string dashed = canon;
  for (char& c : dashed)
    if (c == ' ') c = '-';
  if (IsDocumentType(dashed)) return dashed;
  for (const auto& [from, to] : kSynonyms)
    if (canon == from) return std::string(to);
  return std::string("other");
}

bool IsIsoDate(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return false;
  const int y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
  const int m = (d[5] - '0') * 10 + (d[6] - '0');
  const int day = (d[8] - '0') * 10 + (d[9] - '0');
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return day <= kDays[m - 1] + ((m == 2 && leap) ? 1 : 0);
}

}  // namespace councilsearch
