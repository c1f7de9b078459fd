// What is in a councilsearch database: `councilsearch-index stats`.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "analyzers/status.h"

namespace councilsearch {

struct CountRow {
  std::string name;
  uint64_t papers = 0;
  uint64_t items = 0;
  std::string first_date, last_date;  // YYYY-MM-DD; empty when none is dated
};

struct CouncilStats {
  CountRow totals;
  std::vector<CountRow> committees;  // by name; "(no committee)" for unknown
};

struct DatabaseStats {
  std::vector<std::string> databases;
  uint64_t papers = 0;
  uint64_t items = 0;
  uint64_t distinct_terms = 0;
  uint64_t dated_papers = 0;
  uint64_t undated_papers = 0;
  uint64_t undated_items = 0;
  std::string first_date, last_date;
  std::vector<std::pair<std::string, uint64_t>> revisions;  // per database
  std::vector<CouncilStats> councils;     // "(no council)" for unknown
  std::vector<CountRow> types;            // "(no type)" for unknown
  std::vector<CountRow> formats;
  std::vector<CountRow> dates;            // each distinct meeting date
  std::vector<CountRow> years;
};

// Reads every paper record and term of the given databases (shards of one
// index). Errors: kNotFound / kIoError / kCorrupt when a database won't open.
Result<DatabaseStats> ComputeStats(const std::vector<std::string>& db_paths);

// A readable report; lists every meeting date when there are at most
// `max_dates_listed` of them, otherwise counts per year.
std::string FormatStats(const DatabaseStats& stats, size_t max_dates_listed = 40);
nlohmann::json StatsToJson(const DatabaseStats& stats);

}  // namespace councilsearch
