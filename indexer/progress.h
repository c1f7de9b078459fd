// Progress reporting for long indexing runs: a redrawn bar on a terminal,
// plain timestamped log lines otherwise (CI logs, pipes, files).
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

namespace councilsearch {

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  // `total_papers` may be 0 when unknown (a stream); `total_bytes` likewise.
  virtual void Start(const std::string& what, uint64_t total_papers, uint64_t total_bytes) = 0;
  virtual void Advance(uint64_t papers_done, uint64_t bytes_done) = 0;
  // A line that must be seen (a failure, a commit): printed above the bar.
  virtual void Message(const std::string& line) = 0;
  virtual void Finish() = 0;
};

// A sink that says nothing (library use, tests).
class SilentProgress final : public ProgressSink {
 public:
  void Start(const std::string&, uint64_t, uint64_t) override {}
  void Advance(uint64_t, uint64_t) override {}
  void Message(const std::string&) override {}
  void Finish() override {}
};

// The bar when `out` is a terminal, log lines otherwise.
std::unique_ptr<ProgressSink> MakeConsoleProgress(std::FILE* out);

// "12.3 MB", "512 KB": decimal units, as in MB/s.
std::string FormatBytes(uint64_t bytes);
// "1:02:03" or "2:03".
std::string FormatDuration(double seconds);

}  // namespace councilsearch
