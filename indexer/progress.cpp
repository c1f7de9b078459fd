#include "indexer/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace councilsearch {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

std::string Rate(uint64_t bytes, double seconds) {
  if (seconds <= 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB/s", static_cast<double>(bytes) / 1e6 / seconds);
  return buf;
}

class TerminalProgress final : public ProgressSink {
 public:
  explicit TerminalProgress(std::FILE* out) : out_(out) {}

  void Start(const std::string& what, uint64_t total_papers, uint64_t total_bytes) override {
    what_ = what;
    total_papers_ = total_papers;
    total_bytes_ = total_bytes;
    start_ = Clock::now();
  }

  void Advance(uint64_t papers_done, uint64_t bytes_done) override {
    papers_ = papers_done;
    bytes_ = bytes_done;
    const auto now = Clock::now();
    if (now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    Draw();
  }

  void Message(const std::string& line) override {
    std::fprintf(out_, "\r\033[K%s\n", line.c_str());
    Draw();
  }

  void Finish() override {
    Draw();
    std::fprintf(out_, "\n");
    std::fflush(out_);
  }

 private:
  void Draw() {
    const double elapsed = Seconds(start_);
    const double fraction = total_bytes_ > 0 ? static_cast<double>(bytes_) / static_cast<double>(total_bytes_)
                            : total_papers_ > 0 ? static_cast<double>(papers_) / static_cast<double>(total_papers_)
                                                : 0.0;
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(std::lround(std::min(1.0, fraction) * kWidth));
    std::string bar(static_cast<size_t>(filled), '#');
    bar.append(static_cast<size_t>(kWidth - filled), '.');
    std::string eta = "-";
    if (fraction > 0.01 && fraction < 1.0) eta = FormatDuration(elapsed * (1.0 - fraction) / fraction);
    std::string count = std::to_string(papers_);
    if (total_papers_ > 0) count.append("/").append(std::to_string(total_papers_));
    std::fprintf(out_, "\r\033[K%s [%s] %s papers  %s  %s  ETA %s", what_.c_str(), bar.c_str(), count.c_str(),
                 FormatBytes(bytes_).c_str(), Rate(bytes_, elapsed).c_str(), eta.c_str());
    std::fflush(out_);
  }

  std::FILE* out_;
  std::string what_;
  uint64_t total_papers_ = 0, total_bytes_ = 0, papers_ = 0, bytes_ = 0;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_draw_{};
};

class LogProgress final : public ProgressSink {
 public:
  explicit LogProgress(std::FILE* out) : out_(out) {}

  void Start(const std::string& what, uint64_t total_papers, uint64_t total_bytes) override {
    start_ = last_line_ = Clock::now();
    total_papers_ = total_papers;
    std::fprintf(out_, "%s: %s papers, %s\n", what.c_str(),
                 total_papers > 0 ? std::to_string(total_papers).c_str() : "unknown number of",
                 total_bytes > 0 ? FormatBytes(total_bytes).c_str() : "size unknown");
    std::fflush(out_);
  }

  void Advance(uint64_t papers_done, uint64_t bytes_done) override {
    papers_ = papers_done;
    bytes_ = bytes_done;
    if (Clock::now() - last_line_ < std::chrono::seconds(10)) return;
    last_line_ = Clock::now();
    std::string of_total;
    if (total_papers_ > 0) of_total.append("/").append(std::to_string(total_papers_));
    std::fprintf(out_, "progress: %llu%s papers, %s, %s\n", static_cast<unsigned long long>(papers_), of_total.c_str(),
                 FormatBytes(bytes_).c_str(), Rate(bytes_, Seconds(start_)).c_str());
    std::fflush(out_);
  }

  void Message(const std::string& line) override {
    std::fprintf(out_, "%s\n", line.c_str());
    std::fflush(out_);
  }

  void Finish() override {}

 private:
  std::FILE* out_;
  uint64_t total_papers_ = 0, papers_ = 0, bytes_ = 0;
  Clock::time_point start_ = Clock::now(), last_line_ = Clock::now();
};

}  // namespace

std::unique_ptr<ProgressSink> MakeConsoleProgress(std::FILE* out) {
  if (isatty(fileno(out)) != 0) return std::make_unique<TerminalProgress>(out);
  return std::make_unique<LogProgress>(out);
}

std::string FormatBytes(uint64_t bytes) {
  char buf[32];
  if (bytes >= 1000000) {
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f KB", static_cast<double>(bytes) / 1e3);
  }
  return buf;
}

std::string FormatDuration(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

}  // namespace councilsearch
