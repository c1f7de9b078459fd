// councilsearch-searchd: serves the search API and the web page over HTTP.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "analyzers/knowledge.h"
#include "searchd/http/server.h"

namespace {

namespace fs = std::filesystem;
using councilsearch::http::ServerOptions;

constexpr const char* kUsage = R"(Usage: councilsearch-searchd --db PATH [--db PATH ...] [options]

Serves the Council Search API (/api/v1/...) and the web page over HTTP.
Read-only: it never writes the databases, and sees the indexer's commits
within a second, without a restart.

  --db PATH            a database made by councilsearch-index; repeat to search
                       several shards as one. PATH may be a Xapian stub file, or
                       tcp:HOST:PORT for a shard served by xapian-tcpsrv
  --listen HOST:PORT   address to listen on (default 127.0.0.1:8080; port 0
                       picks a free port)
  --threads N          worker threads = connections served at once (default 128)
  --query-slots N      API requests computed at once, the rest wait their turn
                       in arrival order (default: twice the cores; raise it for
                       remote shards, whose queries mostly wait on the network)
  --match-cache-mb N   memory for matches kept between requests: long posting
                       lists and costly queries' document sets, for trends
                       and facet counts (default 16; 0 keeps none)
  --hit-cache-mb N     memory for search hits kept between requests: an item's
                       stored fields and text, read once for every search
                       that shows it; items over a 512th of it are read
                       each time (default 32; 0 keeps none)
  --facet-cache-mb N   memory for the facet counts and totals of costly
                       queries (4,096 postings or more) kept between requests
                       (default 8; 0 keeps none)
  --web DIR            static files for / (default: the project's web/ folder)
  --no-web             serve the API only
  --cors ORIGIN        send Access-Control-Allow-Origin: ORIGIN on API replies
  --access-log FILE    where to write access log lines ("-" standard error,
                       the default; "none" for no log)
  --port-file FILE     write the port listened on to FILE once ready
  --data DIR           knowledge files (themes, abbreviations; default: built in)
  --help               this text

Exit status: 0 after SIGTERM/SIGINT (requests in flight are finished first),
2 bad arguments, 3 a database or folder cannot be opened, 4 cannot listen.
)";

// A whole number of at most four digits (threads, slots, megabytes).
bool Count(const std::string& v, size_t& out) {
  if (v.empty() || v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos) return false;
  out = std::stoul(v);
  return true;
}

// A cache's size: `flag`'s value in megabytes (Count), as bytes. What is
// wrong with it, or "".
std::string Megabytes(const std::string& flag, const std::string& v, size_t& bytes) {
  size_t mb = 0;
  if (!Count(v, mb)) return flag + " wants a number of megabytes, 0-9999 (got '" + v + "')";
  bytes = mb << 20;
  return {};
}

int Fail(int code, const std::string& message) {
  std::cerr << "councilsearch-searchd: " << message << "\n";
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  ServerOptions options;
  options.web_dir = councilsearch::DefaultWebDir().string();
  std::string port_file, data_dir;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    std::string v;
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "--db" && value(v)) {
      options.databases.push_back(v);
    } else if (arg == "--listen" && value(v)) {
      const size_t colon = v.rfind(':');
      const std::string port = colon == std::string::npos ? "" : v.substr(colon + 1);
      if (colon == 0 || port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
          std::stoi(port) > 65535)
        return Fail(2, "--listen wants HOST:PORT, e.g. 127.0.0.1:8080 (got '" + v + "')");
      options.host = v.substr(0, colon);
      options.port = std::stoi(port);
    } else if (arg == "--threads" && value(v)) {
      if (!Count(v, options.threads)) return Fail(2, "--threads wants a number (got '" + v + "')");
    } else if (arg == "--query-slots" && value(v)) {
      if (!Count(v, options.query_slots)) return Fail(2, "--query-slots wants a number (got '" + v + "')");
    } else if ((arg == "--match-cache-mb" || arg == "--hit-cache-mb" || arg == "--facet-cache-mb") && value(v)) {
      size_t& bytes = arg == "--match-cache-mb" ? options.match_cache_bytes
                      : arg == "--hit-cache-mb" ? options.search_keeping.hit_bytes
                                                : options.search_keeping.facet_bytes;
      if (const std::string wrong = Megabytes(arg, v, bytes); !wrong.empty()) return Fail(2, wrong);
    } else if (arg == "--web" && value(v)) {
      options.web_dir = v;
    } else if (arg == "--no-web") {
      options.web_dir.clear();
    } else if (arg == "--cors" && value(v)) {
      options.cors_origin = v;
    } else if (arg == "--access-log" && value(v)) {
      options.access_log = v == "none" ? "" : v;
    } else if (arg == "--port-file" && value(v)) {
      port_file = v;
    } else if (arg == "--data" && value(v)) {
      data_dir = v;
    } else {
      return Fail(2, "unknown or incomplete argument '" + arg + "' (see --help)");
    }
  }
  if (options.databases.empty()) return Fail(2, "give at least one --db PATH (see --help)");

  if (!data_dir.empty()) {
    auto knowledge = councilsearch::LoadKnowledge(data_dir);
    if (!knowledge.ok()) return Fail(3, knowledge.status().message());
    councilsearch::SetDefaultKnowledge(*knowledge);
  }

  // Signals are taken by one thread (sigwait), which stops the server; every
  // other thread, including cpp-httplib's workers, inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  auto server = councilsearch::http::Server::Create(options, councilsearch::DefaultKnowledge());
  if (!server.ok()) return Fail(server.status().code() == councilsearch::Status::Code::kInvalidArgument ? 2 : 3,
                                server.status().message());
  auto port = (*server)->Bind();
  if (!port.ok()) return Fail(4, port.status().message());

  std::atomic<bool> serving{true};
  std::thread watcher([&signals, &serving, s = server->get()] {
    int received = 0;
    sigwait(&signals, &received);
    if (!serving) return;  // woken by main after Serve() ended by itself
    std::cerr << "councilsearch-searchd: " << (received == SIGTERM ? "SIGTERM" : "SIGINT")
              << ", finishing requests in flight\n";
    s->Stop();
  });

  std::cerr << "councilsearch-searchd: serving " << options.databases.size() << " database(s) on http://"
            << options.host << ":" << *port << "/" << (options.web_dir.empty() ? " (API only)" : "") << "\n";
  if (!port_file.empty()) {
    const std::string tmp = port_file + ".tmp";
    std::ofstream(tmp) << *port << "\n";
    std::error_code ec;
    fs::rename(tmp, port_file, ec);
    if (ec) return Fail(3, "cannot write " + port_file + ": " + ec.message());
  }
  const auto served = (*server)->Serve();
  // The watcher must be done with the server before it is destroyed.
  if (serving.exchange(false)) kill(getpid(), SIGTERM);
  watcher.join();
  if (!served.ok()) return Fail(4, served.message());
  std::cerr << "councilsearch-searchd: stopped\n";
  return 0;
}
