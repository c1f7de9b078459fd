// Helpers shared by the test suites: temporary folders, files, and running
// the real programs as child processes.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace councilsearch::testing {

// Paths configured by CMake.
std::filesystem::path SourceDir();       // the repository
std::filesystem::path TestDataDir();     // tests/data
std::filesystem::path SharedCorpusDir(); // ../shared/corpus
std::filesystem::path IndexBinary();     // build/bin/councilsearch-index
std::filesystem::path SearchdBinary();   // build/bin/councilsearch-searchd

// A fresh folder under the system temp dir, removed (recursively) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

void WriteFile(const std::filesystem::path& path, const std::string& content);
std::string ReadFile(const std::filesystem::path& path);

struct CommandResult {
  int exit_code = -1;   // -1 when killed by a signal
  std::string out;      // standard output
  std::string err;      // standard error
};

// Runs a program (no shell) and waits for it.
CommandResult RunCommand(const std::vector<std::string>& argv);

// Starts a program in the background with stdout/stderr appended to `log`
// (or /dev/null).
pid_t StartCommand(const std::vector<std::string>& argv, const std::filesystem::path& log = {});
// Waits for a started program; returns its exit code, or -signal.
int WaitCommand(pid_t pid);

// Runs councilsearch-index with the given arguments.
CommandResult RunIndexer(const std::vector<std::string>& args);

}  // namespace councilsearch::testing
