// councilsearch-index: the command-line front end of the indexer library.
#pragma once

#include <string>
#include <vector>

namespace councilsearch {

// Exit codes, documented in README.md and `--help`.
enum ExitCode : int {
  kExitOk = 0,
  kExitSomeFailed = 1,   // some papers or metadata lines failed; the rest was indexed
  kExitUsage = 2,        // bad command line
  kExitBusy = 3,         // another indexer holds the database's write lock
  kExitIoError = 4,      // the database or input cannot be read or written
  kExitInterrupted = 5,  // stopped by SIGINT/SIGTERM; committed work is kept
};

// Runs `councilsearch-index ARGS...` (args exclude the program name).
int RunIndexCli(const std::vector<std::string>& args);

}  // namespace councilsearch
