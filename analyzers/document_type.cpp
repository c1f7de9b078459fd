#include "analyzers/document_type.h"

#include <algorithm>
#include <array>
#include <map>
#include <utility>

#include "analyzers/paper.h"
#include "analyzers/text_lines.h"
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

namespace {

struct TypeVote {
  const char* type;
  double score;
  std::string evidence;
};

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

std::optional<Extracted> ClassifyDocumentType(std::string_view text) {
  const std::vector<LogicalLine> lines = HeadingLines(text.substr(0, std::min<size_t>(text.size(), 8000)), 40);
  std::string front = ToLowerAscii(text.substr(0, std::min<size_t>(text.size(), 3000)));
  for (char& c : front)
    if (c == '\n' || c == '\t' || c == '\f') c = ' ';
  std::vector<TypeVote> votes;
  auto vote = [&](const char* type, double score, std::string_view evidence) {
    votes.push_back({type, score, std::string(TruncateUtf8(TrimView(evidence), 160))});
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string lower = ToLowerAscii(lines[i].text);
    const std::string_view line = lines[i].text;
    const bool top = i < 8;
    if (i < 4 && (Contains(lower, "public document pack") || Contains(lower, "agenda pack") ||
                  Contains(lower, "reports pack"))) {
      vote("document-pack", 10, line);
    }
    if (top && (StartsWith(lower, "minutes") || StartsWith(lower, "draft minutes") ||
                StartsWith(lower, "unconfirmed minutes") || StartsWith(lower, "printed minutes"))) {
      vote("minutes", 6, line);
    }
    if (i < 30 && (lower == "agenda" || lower == "a g e n d a" || StartsWith(lower, "agenda for") ||
                   StartsWith(lower, "agenda frontsheet") || StartsWith(lower, "supplementary agenda") ||
                   StartsWith(lower, "summons to") || lower == "agenda:")) {
      vote("agenda", i < 12 ? 5 : 3, line);
    }
    if (i < 6 && (Contains(lower, "work programme") || Contains(lower, "forward plan") ||
                  Contains(lower, "work plan"))) {
      vote("work-programme", 5, line);
    }
    if (i < 3 && (StartsWith(lower, "appendix") || StartsWith(lower, "annex") || StartsWith(lower, "schedule "))) {
      vote("appendix", 6, line);
    }
    if (i < 4 && (StartsWith(lower, "notice of motion") || StartsWith(lower, "motion") ||
                  StartsWith(lower, "amendment"))) {
      vote("motion", 5, line);
    }
    if (top && (Contains(lower, "record of decision") || Contains(lower, "decision notice") ||
                StartsWith(lower, "decision of") || StartsWith(lower, "decisions of"))) {
      vote("decision", 5, line);
    }
    if (i < 12 && (StartsWith(lower, "report of") || StartsWith(lower, "report to") ||
                   StartsWith(lower, "report title") || StartsWith(lower, "report author") ||
                   Contains(lower, "purpose of the report") || StartsWith(lower, "purpose of report") ||
                   StartsWith(lower, "subject:") || StartsWith(lower, "agenda item:"))) {
      vote("report", 4, line);
    }
  }
  // Whole-front cues.
  if (Contains(front, "requested to attend") || Contains(front, "hereby given") ||
      Contains(front, "summoned to attend") || Contains(front, "business to be transacted"))
    vote("agenda", 4, "requested to attend / business to be transacted");
  if ((Contains(front, "present:") || Contains(front, "members present") || Contains(front, "present in the chair")) &&
      (Contains(front, "apologies") || Contains(front, "resolved")))
    vote("minutes", 3, "Present: ... Apologies / Resolved");
  if (Contains(front, "proposed by") && Contains(front, "seconded by") &&
      (Contains(front, "amendment") || Contains(front, "motion")))
    vote("motion", 4, "proposed by ... seconded by");
  if (Contains(front, "classification:") && Contains(front, "subject:")) vote("report", 2, "Subject: ... Classification:");
  if (votes.empty()) return std::nullopt;

  std::map<std::string, double> total;
  std::map<std::string, std::string> evidence;
  for (const TypeVote& v : votes) {
    total[v.type] += v.score;
    if (evidence.count(v.type) == 0) evidence[v.type] = v.evidence;
  }
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto& [type, score] : total) ranked.emplace_back(score, type);
  std::sort(ranked.rbegin(), ranked.rend());
  const double best = ranked.front().first;
  const double second = ranked.size() > 1 ? ranked[1].first : 0;
  if (best < 4 || best - second < 1) return std::nullopt;
  const double confidence = std::min(0.99, 0.5 + 0.04 * best + 0.05 * (best - second));
  return Extracted{ranked.front().second, confidence, evidence[ranked.front().second]};
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
