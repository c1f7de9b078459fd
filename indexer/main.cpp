// councilsearch-index: see indexer/cli.h.
#include "indexer/cli.h"

int main(int argc, char** argv) {
  return councilsearch::RunIndexCli(std::vector<std::string>(argv + 1, argv + argc));
}
