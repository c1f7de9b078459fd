#include "analyzers/analyzer.h"

#include "analyzers/committees.h"
#include "analyzers/concepts.h"
#include "analyzers/councils.h"
#include "analyzers/dates.h"
#include "analyzers/document_type.h"
#include "analyzers/knowledge.h"
#include "analyzers/phrase_matcher.h"
#include "analyzers/segmenter.h"
#include "analyzers/text_lines.h"
#include "analyzers/text_util.h"

#include <cctype>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>

namespace councilsearch {
namespace {

// The paper's title from its text: the first line with at least three
// letters that is not site chrome, boilerplate, a date alone, or an
// "Agenda Item: 13" label; capped to 200 bytes (on a UTF-8 boundary).
std::optional<Extracted> FirstSubstantialLine(std::string_view text) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of("\n\f", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = TrimView(text.substr(start, end - start));
    start = end + 1;
    int letters = 0;
    for (char c : line)
      if (std::isalpha(static_cast<unsigned char>(c))) ++letters;
    if (letters < 3 || IsChromeLine(line) || IsBoilerplateLine(line)) continue;
    const std::string lower = ToLowerAscii(line);
    if (StartsWith(lower, "agenda item") || StartsWith(lower, "item ")) continue;
    const std::vector<DateMention> dates = FindDateMentions(line);
    if (!dates.empty() && dates.front().begin == 0 && dates.front().end + 2 >= line.size()) continue;
    line = TruncateUtf8(line, 200);
    return Extracted{std::string(line), 0.3, std::string(line)};
  }
  return std::nullopt;
}

}  // namespace

namespace {

nlohmann::json ExtractedJson(const std::optional<Extracted>& e) {
  if (!e) return nullptr;
  return {{"value", e->value}, {"confidence", std::round(e->confidence * 100) / 100}, {"evidence", e->evidence}};
}

// The people an item involves: attendees named in it (by surname, as a
// capitalised word), and people named with a title ("Ms Spencer"), given
// their full name when one attendee has that surname.
std::vector<std::string> PeopleInItem(const std::string& text, const std::vector<Person>& attendees) {
  std::vector<std::string> people;
  std::set<std::string> seen;
  // The attendees' surnames that occur as capitalised words of the text.
  std::map<std::string_view, int> surname_count;
  for (const Person& p : attendees) ++surname_count[Surname(p.name)];
  std::set<std::string_view> named;
  if (!surname_count.empty()) {
    ForEachWordSpan(text, [&](size_t begin, size_t end) {
      const std::string_view word = std::string_view(text).substr(begin, end - begin);
      if (word.front() >= 'A' && word.front() <= 'Z' && surname_count.count(word) != 0) named.insert(word);
    });
  }
  auto add = [&](const std::string& name) {
    if (seen.insert(PersonKey(name)).second) people.push_back(name);
  };
  for (const Person& p : attendees) {
    if (named.count(Surname(p.name)) != 0) add(p.name);
  }
  for (const std::string& name : FindTitledNames(text)) {
    const std::string_view surname = Surname(name);
    const Person* full = nullptr;
    if (const auto it = surname_count.find(surname); it != surname_count.end() && it->second == 1) {
      for (const Person& p : attendees)
        if (Surname(p.name) == surname) full = &p;
    }
    add(full != nullptr ? full->name : name);
  }
  return people;
}

}  // namespace

nlohmann::json AnalysisToJson(const PaperAnalysis& a) {
  nlohmann::json j;
  j["council"] = ExtractedJson(a.council);
  j["committee"] = ExtractedJson(a.committee);
  j["date"] = ExtractedJson(a.date);
  j["type"] = ExtractedJson(a.type);
  j["title"] = ExtractedJson(a.title);
  j["meeting_kinds"] = a.meeting_kinds;
  j["attendees"] = nlohmann::json::array();
  for (const Person& p : a.attendees) j["attendees"].push_back({{"name", p.name}, {"role", p.role}, {"kind", p.kind}});
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
    it["themes"] = nlohmann::json::array();
    for (const ThemeWeight& t : item.themes) it["themes"].push_back({{"theme", t.id}, {"weight", t.weight}});
    it["amounts"] = nlohmann::json::array();
    for (const Amount& m : item.amounts)
      it["amounts"].push_back({{"text", item.text.substr(m.begin, m.end - m.begin)}, {"value", m.value},
                               {"currency", m.currency}});
    it["people"] = item.people;
    it["concepts"] = item.concepts;
    j["items"].push_back(std::move(it));
  }
  return j;
}

PaperAnalysis AnalyzePaper(const SourceText& source, const PaperFields& stated) {
  PaperAnalysis analysis;
  if (!source.title_hint.empty()) {
    analysis.title = Extracted{source.title_hint, 0.6, source.title_hint};
  } else {
    analysis.title = FirstSubstantialLine(source.text);
  }
  const Knowledge& kb = DefaultKnowledge();
  if (!stated.date) analysis.date = ExtractMeetingDate(source.text);
  analysis.type = ClassifyDocumentType(source.text);
  if (!stated.council) analysis.council = ExtractCouncil(source.text, kb);
  const std::string council = stated.council ? *stated.council : analysis.council ? analysis.council->value : "";
  // The committee is looked for even when stated: how the text names the
  // meeting ("Special Meeting of ...") gives its kinds, which a manifest's
  // committee name often lacks.
  analysis.committee = ExtractCommittee(source.text, council, &kb);
  if (analysis.committee) analysis.meeting_kinds = CanonicalCommittee(analysis.committee->evidence, council, &kb).kinds;

  analysis.items = SegmentItems(source, analysis.type ? analysis.type->value : "");
  // A report is one item: its heading is the report's title.
  if (source.title_hint.empty() && analysis.type && analysis.type->value == "report" && analysis.items.size() == 1 &&
      !analysis.items.front().heading.empty()) {
    analysis.title = Extracted{analysis.items.front().heading, 0.5, analysis.items.front().heading};
  }
  analysis.attendees = FindAttendees(source.text);
  for (Item& item : analysis.items) {
    item.themes = TagThemes(item.heading, item.text, kb);
    item.amounts = FindAmounts(item.text);
    item.concepts = FindConcepts(item.text, kb);
    item.people = PeopleInItem(item.text, analysis.attendees);
  }
  return analysis;
}

}  // namespace councilsearch
