#include "indexer/document_builder.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <nlohmann/json.hpp>

#include "analyzers/concepts.h"
#include "analyzers/knowledge.h"
#include "analyzers/people.h"
#include "analyzers/text_codec.h"
#include "analyzers/text_util.h"
#include "indexer/schema.h"

namespace councilsearch {
namespace {

using namespace schema;

std::string Term(std::string_view prefix, std::string_view value) {
  std::string t(prefix);
  t += value;
  return t;
}

void AddDateTerms(Xapian::Document& doc, const std::optional<std::string>& date) {
  if (!date) {
    doc.add_boolean_term(std::string(kTermUndated));
    return;
  }
  const std::string ymd = date->substr(0, 4) + date->substr(5, 2) + date->substr(8, 2);
  doc.add_boolean_term(Term(kPrefixYear, ymd.substr(0, 4)));
  doc.add_boolean_term(Term(kPrefixMonth, ymd.substr(0, 6)));
  doc.add_boolean_term(Term(kPrefixDay, ymd));
  doc.add_value(kSlotDate, ymd);
}

void AddFacetField(Xapian::Document& doc, std::string_view prefix, Xapian::valueno slot,
                   const std::optional<std::string>& value) {
  if (!value) return;
  const std::string slug = Slug(*value);
  if (!slug.empty()) doc.add_boolean_term(Term(prefix, slug));
  doc.add_value(slot, *value);
}

// |amount| in whole units, clamped to what the terms hold.
uint64_t AmountMagnitude(double value) {
  const double magnitude = std::floor(std::fabs(value));
  if (!(magnitude < static_cast<double>(kAmountMax))) return kAmountMax;  // also NaN
  return static_cast<uint64_t>(magnitude);
}

std::string Joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += '\n';
    out += v;
  }
  return out;
}

// The item's JSON (the kData* fields).
std::string ItemJson(const PaperRecord& paper, const Item& item, const std::string& item_id) {
  nlohmann::json j;
  auto put = [&j](std::string_view name, const std::optional<std::string>& v) {
    if (v) j[std::string(name)] = *v;
  };
  j[std::string(kDataPaperId)] = paper.id;
  j[std::string(kDataItemId)] = item_id;
  j[std::string(kDataOrdinal)] = item.ordinal;
  if (!item.number.empty()) j[std::string(kDataNumber)] = item.number;
  if (!item.heading.empty()) j[std::string(kDataHeading)] = item.heading;
  put(kDataTitle, paper.fields.title);
  put(kDataCouncil, paper.fields.council);
  put(kDataCommittee, paper.fields.committee);
  put(kDataDate, paper.fields.date);
  put(kDataType, paper.fields.type);
  put(kDataUrl, paper.fields.url);
  if (item.page > 0) {
    j[std::string(kDataPage)] = item.page;
    nlohmann::json pages = nlohmann::json::array();
    for (const PageStart& p : item.pages) pages.push_back({p.offset, p.page});
    j[std::string(kDataPages)] = std::move(pages);
  }
  if (!item.points.empty()) {
    nlohmann::json points = nlohmann::json::array();
    for (const Point& p : item.points) points.push_back({p.label, p.offset});
    j[std::string(kDataPoints)] = std::move(points);
  }
  if (!item.decisions.empty()) {
    nlohmann::json spans = nlohmann::json::array();
    for (const TextSpan& d : item.decisions) spans.push_back({d.begin, d.end});
    j[std::string(kDataDecisions)] = std::move(spans);
  }
  if (!item.themes.empty()) {
    nlohmann::json themes = nlohmann::json::array();
    for (const ThemeWeight& t : item.themes) themes.push_back({t.id, t.weight});
    j[std::string(kDataThemes)] = std::move(themes);
  }
  if (!item.amounts.empty()) {
    nlohmann::json amounts = nlohmann::json::array();
    for (const Amount& a : item.amounts) amounts.push_back({a.begin, a.end, a.value, a.currency});
    j[std::string(kDataAmounts)] = std::move(amounts);
  }
  if (!item.people.empty()) j[std::string(kDataPeople)] = item.people;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::vector<Xapian::Document> BuildItemDocuments(const PaperRecord& paper, const PaperAnalysis& analysis,
                                                 Xapian::TermGenerator& tg, const Knowledge& knowledge) {
  std::vector<Xapian::Document> docs;
  docs.reserve(analysis.items.size());
  for (const Item& item : analysis.items) {
    Xapian::Document doc;
    tg.set_document(doc);
    tg.set_termpos(0);
    // Fields share one position space; gaps keep phrases from spanning them.
    // British and American spellings are indexed as one (the query side does the same).
    if (paper.fields.title) {
      const std::string title = UnifySpellings(*paper.fields.title, knowledge);
      tg.index_text(title, 1, std::string(kPrefixTitle));
      tg.increase_termpos(100);
      tg.index_text(title, kTitleWeight);
      tg.increase_termpos(100);
    }
    if (!item.heading.empty()) {
      const std::string heading = UnifySpellings(item.heading, knowledge);
      tg.index_text(heading, 1, std::string(kPrefixHeading));
      tg.increase_termpos(100);
      tg.index_text(heading, kHeadingWeight - 1);  // the body holds the heading once more
      tg.increase_termpos(100);
    }
    tg.index_text(UnifySpellings(item.text, knowledge));
    for (const TextSpan& d : item.decisions) {
      tg.increase_termpos(100);
      tg.index_text(UnifySpellings(std::string_view(item.text).substr(d.begin, d.end - d.begin), knowledge), 1,
                    std::string(kPrefixDecisionText));
    }
    if (!item.decisions.empty()) doc.add_boolean_term(std::string(kTermDecision));
    // Concepts: either form of an abbreviation in the text, so that a query
    // for one finds the other ("CiC" <-> "children in care").
    for (const std::string& c : item.concepts) doc.add_term(Term(kPrefixConcept, c));
    std::vector<std::string> theme_ids, person_names;
    for (const ThemeWeight& t : item.themes) {
      doc.add_boolean_term(Term(kPrefixTheme, t.id));
      theme_ids.push_back(t.id);
    }
    for (const std::string& person : item.people) {
      const std::string key = PersonKey(person);
      if (key.empty()) continue;
      doc.add_boolean_term(Term(kPrefixPerson, key));
      person_names.push_back(person);
    }
    for (const std::string& kind : paper.meeting_kinds) doc.add_boolean_term(Term(kPrefixKind, Slug(kind)));
    double total = 0, largest = 0;
    for (const Amount& a : item.amounts) {
      for (const std::string& term : AmountTerms(AmountMagnitude(a.value))) doc.add_boolean_term(term);
      total += std::fabs(a.value);
      largest = std::max(largest, std::fabs(a.value));
    }
    if (!theme_ids.empty()) doc.add_value(kSlotThemes, Joined(theme_ids));
    if (!person_names.empty()) doc.add_value(kSlotPeople, Joined(person_names));
    if (!item.amounts.empty()) {
      doc.add_value(kSlotAmountTotal, Xapian::sortable_serialise(total));
      doc.add_value(kSlotAmountMax, Xapian::sortable_serialise(largest));
    }

    const std::string item_id = ItemIdFor(paper.id, item.ordinal);
    doc.add_boolean_term(Term(kPrefixItemId, item_id));
    doc.add_boolean_term(Term(kPrefixPaperId, paper.id));
    doc.add_boolean_term(Term(kPrefixFormat, paper.format));
    AddDateTerms(doc, paper.fields.date);
    AddFacetField(doc, kPrefixCouncil, kSlotCouncil, paper.fields.council);
    AddFacetField(doc, kPrefixCommittee, kSlotCommittee, paper.fields.committee);
    AddFacetField(doc, kPrefixType, kSlotType, paper.fields.type);
    doc.add_value(kSlotPaperId, paper.id);
    doc.add_value(kSlotOrdinal, Xapian::sortable_serialise(item.ordinal));
    doc.add_value(kSlotItem, JoinStoredItem(ItemJson(paper, item, item_id), item.text));
    docs.push_back(std::move(doc));
  }
  // The generator keeps a handle on the last document, and Xapian counts a
  // document's handles without atomics: the documents go to a writer thread,
  // so this thread lets go of them here, not when it starts the next paper
  // (ThreadSanitizer saw the two threads' counts race).
  tg.set_document(Xapian::Document());
  return docs;
}

SpellingWords SpellingWordsOf(const PaperAnalysis& analysis) {
  // Counted in a hash table (a paper's words recur), then put in order.
  std::unordered_map<std::string, Xapian::termcount> counted;
  for (const Item& item : analysis.items)
    ForEachSpellingWord(item.text, [&counted](const std::string& word) { ++counted[word]; });
  SpellingWords words(counted.begin(), counted.end());
  std::sort(words.begin(), words.end());
  return words;
}

bool IsSpellingWord(const std::string& word) {
  return word.size() >= 3 && word.size() <= 64 && word.find_first_of("0123456789_") == std::string::npos;
}

}  // namespace councilsearch
