// SearchService: the overview of what is indexed, and people.
#include <algorithm>
#include <cmath>
#include <set>

#include "analyzers/knowledge.h"
#include "analyzers/text_profile.h"
#include "indexer/schema.h"
#include "searchd/match_set.h"
#include "searchd/search_service.h"
#include "searchd/word_decider.h"

namespace councilsearch {
namespace {

using namespace schema;
using nlohmann::json;

json Values(const std::vector<FacetValue>& values) {
  json out = json::array();
  for (const FacetValue& v : values) out.push_back({{"value", v.value}, {"count", v.count}});
  return out;
}

std::string Iso(const std::string& yyyymmdd) {
  if (yyyymmdd.size() != 8) return "";
  return yyyymmdd.substr(0, 4) + "-" + yyyymmdd.substr(4, 2) + "-" + yyyymmdd.substr(6, 2);
}

}  // namespace

Result<nlohmann::json> SearchService::Overview() {
  return indexes_.Run<json>([&](Index& index) -> Result<json> {
    const DocTable& table = index.table();
    // Every item: (council, committee) pairs, types, themes and years.
    std::map<std::pair<uint32_t, uint32_t>, uint64_t> pairs;
    FacetCounter facets(table, {Facet::kType, Facet::kTheme, Facet::kYear});
    // The empty term, not Query::MatchAll: see search_service.cpp.
    ForEachMatch(index.shards(), Xapian::Query(std::string()), [&](Xapian::docid id) {
      if (!table.Has(id)) return;
      ++pairs[{table.council(id), table.committee(id)}];
      facets.Add(id);
    });
    json out;
    out["items"] = index.db().get_doccount();
    // Councils with their committees, by item count.
    std::map<std::string, std::pair<uint64_t, std::map<std::string, uint64_t>>> councils;
    for (const auto& [key, count] : pairs) {
      auto& c = councils[key.first == 0 ? std::string() : table.councils().Name(key.first)];
      c.first += count;
      c.second[key.second == 0 ? std::string() : table.committees().Name(key.second)] += count;
    }
    out["councils"] = json::array();
    std::vector<std::pair<std::string, std::pair<uint64_t, std::map<std::string, uint64_t>>>> sorted(
        councils.begin(), councils.end());
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
    // Items with no council or committee known are counted under null.
    for (const auto& [name, c] : sorted) {
      json committees = Values(TopValues(c.second, 1000));
      for (json& committee : committees)
        if (committee["value"] == "") committee["value"] = nullptr;
      out["councils"].push_back({{"value", name.empty() ? json(nullptr) : json(name)},
                                 {"count", c.first},
                                 {"committees", std::move(committees)}});
    }
    // Themes with their labels, in taxonomy order.
    const std::map<std::string, uint64_t> theme_counts = facets.Counts(Facet::kTheme);
    out["themes"] = json::array();
    for (const Theme& t : knowledge_.themes) {
      const auto it = theme_counts.find(t.id);
      out["themes"].push_back({{"value", t.id}, {"label", t.label}, {"count", it == theme_counts.end() ? 0 : it->second}});
    }
    out["types"] = Values(facets.Top(Facet::kType, 100));
    std::vector<FacetValue> year_values = facets.Top(Facet::kYear, 1000);
    std::sort(year_values.begin(), year_values.end(), [](const auto& a, const auto& b) { return a.value < b.value; });
    out["years"] = Values(year_values);
    const std::string lo = index.db().get_value_lower_bound(kSlotDate);
    const std::string hi = index.db().get_value_upper_bound(kSlotDate);
    out["dates"] = {{"first", lo.empty() ? json(nullptr) : json(Iso(lo))},
                    {"last", hi.empty() ? json(nullptr) : json(Iso(hi))}};
    return out;
  });
}

Result<nlohmann::json> SearchService::People(const std::string& q, const Filters& filters, uint32_t limit) {
  if (limit > kMaxLimit) return Status::InvalidArgument("limit is at most " + std::to_string(kMaxLimit));
  return indexes_.Run<json>([&](Index& index) -> Result<json> {
    auto query = BuildQuery(index, q, filters);
    if (!query.ok()) return query.status();
    FacetCounter people(index.table(), {Facet::kPerson});
    ForEachMatch(index.shards(), *query, [&people](Xapian::docid id) { people.Add(id); });
    json out;
    out["items"] = people.total();
    out["people"] = json::array();
    for (const FacetValue& v : people.Top(Facet::kPerson, limit))
      out["people"].push_back({{"name", v.value}, {"items", v.count}});
    return out;
  });
}

}  // namespace councilsearch
