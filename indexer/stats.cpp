#include "indexer/stats.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "indexer/index_writer.h"
#include "indexer/paper_record.h"
#include "indexer/schema.h"

namespace councilsearch {
namespace {

void Count(CountRow& row, const PaperRecord& paper) {
  ++row.papers;
  row.items += paper.items;
  if (!paper.fields.date) return;
  const std::string& d = *paper.fields.date;
  if (row.first_date.empty() || d < row.first_date) row.first_date = d;
  if (row.last_date.empty() || d > row.last_date) row.last_date = d;
}

std::vector<CountRow> Rows(std::map<std::string, CountRow>& by_name) {
  std::vector<CountRow> rows;
  for (auto& [name, row] : by_name) {
    row.name = name;
    rows.push_back(row);
  }
  return rows;
}

std::string DateRange(const CountRow& row) {
  if (row.first_date.empty()) return "undated";
  if (row.first_date == row.last_date) return row.first_date;
  return row.first_date + " .. " + row.last_date;
}

nlohmann::json RowJson(const CountRow& row) {
  nlohmann::json j{{"name", row.name}, {"papers", row.papers}, {"items", row.items}};
  if (!row.first_date.empty()) {
    j["first_date"] = row.first_date;
    j["last_date"] = row.last_date;
  }
  return j;
}

}  // namespace

Result<DatabaseStats> ComputeStats(const std::vector<std::string>& db_paths) {
  DatabaseStats stats;
  stats.databases = db_paths;
  CountRow all, undated;
  std::map<std::string, std::pair<CountRow, std::map<std::string, CountRow>>> councils;
  std::map<std::string, CountRow> types, formats, dates, years;
  try {
    Xapian::Database combined;
    // Paper records are read shard by shard: a multi-shard Database answers
    // get_metadata from its first shard only.
    std::vector<std::string> shard_paths;
    for (const std::string& path : db_paths) {
      for (std::string& shard : schema::ShardPaths(path)) shard_paths.push_back(std::move(shard));
    }
    for (const std::string& path : shard_paths) {
      Xapian::Database shard(path);
      combined.add_database(shard);
      stats.revisions.emplace_back(path, shard.get_revision());
      const std::string prefix(schema::kMetaPaperPrefix);
      for (auto k = shard.metadata_keys_begin(prefix); k != shard.metadata_keys_end(prefix); ++k) {
        auto paper = PaperRecord::FromJson(shard.get_metadata(*k));
        if (!paper.ok()) return paper.status().WithContext(path);
        Count(all, *paper);
        auto& council = councils[paper->fields.council.value_or("(no council)")];
        Count(council.first, *paper);
        Count(council.second[paper->fields.committee.value_or("(no committee)")], *paper);
        Count(types[paper->fields.type.value_or("(no type)")], *paper);
        Count(formats[paper->format], *paper);
        if (paper->fields.date) {
          Count(dates[*paper->fields.date], *paper);
          Count(years[paper->fields.date->substr(0, 4)], *paper);
          ++stats.dated_papers;
        } else {
          ++stats.undated_papers;
          Count(undated, *paper);
        }
      }
    }
    stats.items = combined.get_doccount();
    for (auto t = combined.allterms_begin(); t != combined.allterms_end(); ++t) ++stats.distinct_terms;
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "opening database");
  }
  stats.papers = all.papers;
  stats.undated_items = undated.items;
  stats.first_date = all.first_date;
  stats.last_date = all.last_date;
  for (auto& [name, council] : councils) {
    CouncilStats c;
    c.totals = council.first;
    c.totals.name = name;
    c.committees = Rows(council.second);
    stats.councils.push_back(std::move(c));
  }
  stats.types = Rows(types);
  stats.formats = Rows(formats);
  stats.dates = Rows(dates);
  stats.years = Rows(years);
  return stats;
}

std::string FormatStats(const DatabaseStats& s, size_t max_dates_listed) {
  std::ostringstream out;
  char line[512];
  for (const auto& [path, rev] : s.revisions) out << "database: " << path << " (revision " << rev << ")\n";
  out << "papers: " << s.papers << "   items: " << s.items << "   distinct terms: " << s.distinct_terms << "\n";
  out << "meeting dates: ";
  if (s.dated_papers > 0) out << s.first_date << " .. " << s.last_date << ", ";
  out << s.dated_papers << " dated papers, " << s.undated_papers << " undated\n";

  out << "\ncouncils (" << s.councils.size() << "):\n";
  for (const CouncilStats& c : s.councils) {
    std::snprintf(line, sizeof line, "  %-60s %6llu papers %7llu items  %s\n", c.totals.name.c_str(),
                  static_cast<unsigned long long>(c.totals.papers), static_cast<unsigned long long>(c.totals.items),
                  DateRange(c.totals).c_str());
    out << line;
    for (const CountRow& m : c.committees) {
      std::snprintf(line, sizeof line, "    %-58s %6llu papers %7llu items  %s\n", m.name.c_str(),
                    static_cast<unsigned long long>(m.papers), static_cast<unsigned long long>(m.items),
                    DateRange(m).c_str());
      out << line;
    }
  }
  auto table = [&](const char* title, const std::vector<CountRow>& rows) {
    out << "\n" << title << ":\n";
    for (const CountRow& r : rows) {
      std::snprintf(line, sizeof line, "  %-20s %6llu papers %7llu items\n", r.name.c_str(),
                    static_cast<unsigned long long>(r.papers), static_cast<unsigned long long>(r.items));
      out << line;
    }
  };
  table("types", s.types);
  table("formats", s.formats);
  if (s.dates.size() <= max_dates_listed) {
    std::vector<CountRow> dates = s.dates;
    if (s.undated_papers > 0) dates.push_back({"undated", s.undated_papers, s.undated_items, "", ""});
    table("meeting dates", dates);
  } else {
    std::vector<CountRow> years = s.years;
    if (s.undated_papers > 0) years.push_back({"undated", s.undated_papers, s.undated_items, "", ""});
    table("years", years);
  }
  return out.str();
}

nlohmann::json StatsToJson(const DatabaseStats& s) {
  nlohmann::json j;
  j["databases"] = s.databases;
  j["papers"] = s.papers;
  j["items"] = s.items;
  j["distinct_terms"] = s.distinct_terms;
  j["dated_papers"] = s.dated_papers;
  j["undated_papers"] = s.undated_papers;
  j["undated_items"] = s.undated_items;
  if (s.dated_papers > 0) {
    j["first_date"] = s.first_date;
    j["last_date"] = s.last_date;
  }
  for (const auto& [path, rev] : s.revisions) j["revisions"][path] = rev;
  j["councils"] = nlohmann::json::array();
  for (const CouncilStats& c : s.councils) {
    nlohmann::json council = RowJson(c.totals);
    council["committees"] = nlohmann::json::array();
    for (const CountRow& m : c.committees) council["committees"].push_back(RowJson(m));
    j["councils"].push_back(std::move(council));
  }
  for (const auto& [name, rows] : {std::pair{"types", &s.types}, {"formats", &s.formats}, {"dates", &s.dates},
                                   {"years", &s.years}}) {
    j[name] = nlohmann::json::array();
    for (const CountRow& r : *rows) j[name].push_back(RowJson(r));
  }
  return j;
}

}  // namespace councilsearch
