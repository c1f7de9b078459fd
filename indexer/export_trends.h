// councilsearch-index export-trends: the trend series of a database written
// as JSON beside a copy of the web page, so the page's trends view works from
// any static host with no searchd (the page finds data/trends.json and reads
// the series from it).
#pragma once

#include <string>
#include <vector>

namespace councilsearch {

// Runs `councilsearch-index export-trends ARGS...` (exit codes as cli.h).
int ExportTrendsCommand(const std::vector<std::string>& args);

}  // namespace councilsearch
