// The HTTP daemon: cpp-httplib with the route table (routes.h), static files
// from web/, metrics, access log, CORS and graceful shutdown.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "analyzers/status.h"
#include "searchd/index.h"
#include "searchd/search_service.h"

namespace httplib {
class Server;
}

namespace councilsearch {
struct Knowledge;
}

namespace councilsearch::http {

class Api;
class Metrics;
class FairGate;

struct ServerOptions {
  std::vector<std::string> databases;  // shards searched as one
  std::string host = "127.0.0.1";
  int port = 8080;                     // 0: any free port
  // Worker threads. cpp-httplib holds a thread per open keep-alive
  // connection, so this bounds the connections served at once.
  size_t threads = 128;
  // API requests computed at once (FairGate); 0: twice the cores.
  size_t query_slots = 0;
  // Memory for matches kept between requests (match_cache.h); 0 keeps none.
  size_t match_cache_bytes = IndexSet::kDefaultMatchCacheBytes;
  // Hits and facet counts kept between searches (SearchKeeping).
  SearchKeeping search_keeping;
  std::string web_dir;                 // static files; "" serves none
  std::string cors_origin;             // Access-Control-Allow-Origin for /api; "" sends none
  std::string access_log = "-";        // "-" standard error, "" none, else a file
};

class Server {
 public:
  // Checks that every database opens and the web folder exists.
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& options, const Knowledge& knowledge);
  ~Server();

  // Binds the listening socket; returns the port (useful with port 0).
  Result<int> Bind();
  // Serves until Stop(). Requests in flight finish before it returns.
  Status Serve();
  // Safe to call from any thread (a signal-watching thread).
  void Stop();
  bool running() const;

 private:
  explicit Server(ServerOptions options);
  void Configure();
  void LogAccess(const std::string& line);

  ServerOptions options_;
  std::unique_ptr<httplib::Server> http_;
  std::unique_ptr<Api> api_;
  std::unique_ptr<Metrics> metrics_;
  std::unique_ptr<FairGate> gate_;
  std::mutex log_mutex_;
  std::FILE* log_ = nullptr;
  bool owns_log_ = false;
};

}  // namespace councilsearch::http
