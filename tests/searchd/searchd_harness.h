// The real councilsearch-searchd, started on a free loopback port for a
// test, and the database the API tests search.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "tests/test_support.h"

namespace councilsearch::testing {

struct HttpReply {
  int status = 0;         // 0: no response (see error)
  httplib::Error error = httplib::Error::Success;
  std::string body;
  std::string content_type;
  httplib::Headers headers;
  nlohmann::json Json() const;
};

class SearchdProcess {
 public:
  // Starts searchd over `databases` with `--listen 127.0.0.1:0` and waits
  // (up to 30 s) until it listens.
  explicit SearchdProcess(const std::vector<std::filesystem::path>& databases,
                          const std::vector<std::string>& extra_args = {});
  ~SearchdProcess();
  SearchdProcess(const SearchdProcess&) = delete;
  SearchdProcess& operator=(const SearchdProcess&) = delete;

  // GET `target` ("/api/v1/search?q=..."), on a new connection.
  HttpReply Get(const std::string& target) const;
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // SIGTERM, then waits; the exit code.
  int Terminate();
  // What searchd wrote to standard error (and the access log).
  std::string Log() const;

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// "?a=1&b=x%20y": parameters percent-encoded for a query string.
std::string QueryString(const std::vector<std::pair<std::string, std::string>>& params);

// The database the API tests search: the seed papers, Kent's PDFs (when
// ../shared/corpus is there), the synonym fixtures and tests/data/searchd.
// Built once per build (other test processes wait on a lock) and rebuilt
// when the indexer changes.
const std::filesystem::path& ApiTestDatabase();

}  // namespace councilsearch::testing
