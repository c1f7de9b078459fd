#include "indexer/document_builder.h"

#include <nlohmann/json.hpp>

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

std::string ItemData(const PaperRecord& paper, const Item& item, const std::string& item_id) {
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
  j[std::string(kDataText)] = item.text;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::vector<Xapian::Document> BuildItemDocuments(const PaperRecord& paper, const PaperAnalysis& analysis,
                                                 Xapian::TermGenerator& tg) {
  std::vector<Xapian::Document> docs;
  docs.reserve(analysis.items.size());
  for (const Item& item : analysis.items) {
    Xapian::Document doc;
    tg.set_document(doc);
    tg.set_termpos(0);
    // Fields share one position space; gaps keep phrases from spanning them.
    if (paper.fields.title) {
      tg.index_text(*paper.fields.title, 1, std::string(kPrefixTitle));
      tg.increase_termpos(100);
      tg.index_text(*paper.fields.title, kTitleWeight);
      tg.increase_termpos(100);
    }
    if (!item.heading.empty()) {
      tg.index_text(item.heading, 1, std::string(kPrefixHeading));
      tg.increase_termpos(100);
      tg.index_text(item.heading, kHeadingWeight - 1);  // the body holds the heading once more
      tg.increase_termpos(100);
    }
    tg.index_text(item.text);

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
    doc.set_data(ItemData(paper, item, item_id));
    docs.push_back(std::move(doc));
  }
  return docs;
}

bool IsSpellingWord(const std::string& term) {
  if (term.size() < 3) return false;
  const auto first = static_cast<unsigned char>(term[0]);
  if (first >= 'A' && first <= 'Z') return false;  // a prefixed (field or boolean) term
  return term.find_first_of("0123456789_") == std::string::npos;
}

}  // namespace councilsearch
