// councilsearch-index: see indexer/cli.h (and export_trends.h, which needs
// the query core and so is dispatched here rather than in the library).
#include "indexer/cli.h"
#include "indexer/export_trends.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "export-trends") {
    return councilsearch::ExportTrendsCommand(std::vector<std::string>(args.begin() + 1, args.end()));
  }
  return councilsearch::RunIndexCli(args);
}
