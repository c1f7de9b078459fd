#include "tests/searchd/searchd_harness.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace councilsearch::testing {
namespace fs = std::filesystem;

nlohmann::json HttpReply::Json() const {
  try {
    return nlohmann::json::parse(body);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error("not JSON (HTTP " + std::to_string(status) + "): " + body.substr(0, 300));
  }
}

SearchdProcess::SearchdProcess(const std::vector<fs::path>& databases, const std::vector<std::string>& extra_args) {
  std::vector<std::string> argv = {SearchdBinary().string(), "--listen", "127.0.0.1:0", "--port-file",
                                   (dir_ / "port").string(), "--threads", "16"};
  for (const fs::path& db : databases) {
    argv.push_back("--db");
    argv.push_back(db.string());
  }
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  pid_ = StartCommand(argv, dir_ / "log");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (fs::exists(dir_ / "port")) {
      port_ = std::stoi(ReadFile(dir_ / "port"));
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("searchd exited at startup: " + Log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("searchd did not start within 30 s: " + Log());
}

SearchdProcess::~SearchdProcess() {
  if (pid_ > 0) Terminate();
}

int SearchdProcess::Terminate() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  const int code = WaitCommand(pid_);
  pid_ = -1;
  return code;
}

std::string SearchdProcess::Log() const { return ReadFile(dir_ / "log"); }

HttpReply SearchdProcess::Get(const std::string& target) const {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(60, 0);
  HttpReply reply;
  auto res = client.Get(target);
  if (!res) {
    reply.error = res.error();
    return reply;
  }
  reply.status = res->status;
  reply.body = res->body;
  reply.content_type = res->get_header_value("Content-Type");
  reply.headers = res->headers;
  return reply;
}

std::string QueryString(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    out += out.empty() ? "?" : "&";
    for (const std::string* part : {&name, &value}) {
      for (const unsigned char c : *part) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
          out += static_cast<char>(c);
        } else {
          char buf[4];
          std::snprintf(buf, sizeof buf, "%%%02X", c);
          out += buf;
        }
      }
      if (part == &name) out += '=';
    }
  }
  return out;
}

const fs::path& ApiTestDatabase() {
  static const fs::path db = [] {
    const fs::path work = COUNCILSEARCH_TEST_WORK_DIR;
    fs::create_directories(work);
    const fs::path path = work / "api-test.db";
    const fs::path stamp_file = work / "api-test.stamp";
    std::vector<fs::path> sources;
    const bool shared = fs::exists(SharedCorpusDir() / "seeds");
    sources.push_back(shared ? SharedCorpusDir() / "seeds" : SourceDir() / "examples" / "corpus");
    if (shared) sources.push_back(SharedCorpusDir() / "kent");
    sources.push_back(TestDataDir() / "synonyms");
    sources.push_back(TestDataDir() / "searchd");
    // The indexer binary's identity: a new build re-indexes.
    std::string stamp = std::to_string(fs::file_size(IndexBinary())) + " " +
                        std::to_string(fs::last_write_time(IndexBinary()).time_since_epoch().count());
    // And the papers': a changed or added test paper re-indexes.
    for (const fs::path& s : sources) {
      stamp += " " + s.string();
      for (const auto& entry : fs::recursive_directory_iterator(s)) {
        if (!entry.is_regular_file()) continue;
        stamp += ":" + std::to_string(entry.file_size()) + "@" +
                 std::to_string(entry.last_write_time().time_since_epoch().count());
      }
    }

    const int lock = open((work / "api-test.lock").c_str(), O_RDWR | O_CREAT, 0644);
    if (lock < 0 || flock(lock, LOCK_EX) != 0) throw std::runtime_error("cannot lock the test database");
    if (!fs::exists(stamp_file) || ReadFile(stamp_file) != stamp) {
      fs::remove_all(path);
      fs::remove(stamp_file);
      for (const fs::path& s : sources) {
        const CommandResult r = RunIndexer({"index", s.string(), "--db", path.string()});
        if (r.exit_code != 0) throw std::runtime_error("indexing " + s.string() + " failed: " + r.err);
      }
      WriteFile(stamp_file, stamp);
    }
    flock(lock, LOCK_UN);
    close(lock);
    return path;
  }();
  return db;
}

}  // namespace councilsearch::testing
