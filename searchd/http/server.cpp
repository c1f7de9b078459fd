#include "searchd/http/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <thread>

#include "searchd/http/fair_gate.h"
#include "searchd/http/formats.h"
#include "searchd/http/metrics.h"
#include "searchd/http/routes.h"

namespace councilsearch::http {
namespace {

namespace fs = std::filesystem;

// What the access log and metrics need to know about the request this
// thread is answering (cpp-httplib runs routing and logging on one thread).
struct RequestContext {
  std::chrono::steady_clock::time_point start;
  const char* route = "static";
  bool recorded = false;  // metrics already taken (API routes, before the reply is sent)
};
thread_local RequestContext current;

std::string BaseUrl(const httplib::Request& req, const std::string& host, int port) {
  const std::string header = req.get_header_value("Host");
  return "http://" + (header.empty() ? host + ":" + std::to_string(port) : header);
}

// cpp-httplib 0.11 listens with a backlog of 5 (compiled into Debian's
// library): with 64 clients connecting at once, the rest of the SYNs are
// dropped and retried a second or more later. Listening again on the bound
// socket raises the backlog (Linux allows it; the kernel caps it at somaxconn).
class BackloggedServer final : public httplib::Server {
 public:
  bool RaiseBacklog(int backlog) { return ::listen(svr_sock_, backlog) == 0; }
};

bool IsApi(const std::string& path) { return path.rfind("/api/", 0) == 0; }

void Apply(const Reply& reply, httplib::Response& res) {
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) res.set_header(name, value);
  res.set_content(reply.body, reply.content_type.c_str());
}

}  // namespace

Server::Server(ServerOptions options) : options_(std::move(options)) {}

Server::~Server() {
  if (owns_log_ && log_ != nullptr) std::fclose(log_);
}

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options, const Knowledge& knowledge) {
  if (options.databases.empty()) return Status::InvalidArgument("give at least one --db");
  if (options.threads == 0 || options.threads > 4096) return Status::InvalidArgument("--threads must be 1..4096");
  if (options.query_slots > 4096) return Status::InvalidArgument("--query-slots must be 0..4096");
  std::unique_ptr<Server> server(new Server(options));
  if (!options.web_dir.empty()) {
    std::error_code ec;
    if (!fs::is_directory(options.web_dir, ec)) return Status::NotFound("no web folder at " + options.web_dir);
  }
  if (options.access_log == "-") {
    server->log_ = stderr;
  } else if (!options.access_log.empty()) {
    server->log_ = std::fopen(options.access_log.c_str(), "a");
    if (server->log_ == nullptr) return Status::IoError("cannot open access log " + options.access_log);
    server->owns_log_ = true;
  }
  server->metrics_ = std::make_unique<Metrics>();
  const size_t slots = options.query_slots != 0 ? options.query_slots
                                                : 2 * std::max(1u, std::thread::hardware_concurrency());
  server->gate_ = std::make_unique<FairGate>(slots);
  server->api_ = std::make_unique<Api>(options.databases, options.match_cache_bytes, options.search_keeping, knowledge,
                                       *server->metrics_);
  if (Status opened = server->api_->CheckOpen(); !opened.ok()) return opened;
  server->http_ = std::make_unique<BackloggedServer>();
  server->Configure();
  return server;
}

void Server::Configure() {
  httplib::Server& http = *http_;
  const size_t threads = options_.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_tcp_nodelay(true);
  http.set_keep_alive_max_count(1000);
  http.set_keep_alive_timeout(5);
  http.set_read_timeout(10);
  http.set_write_timeout(10);
  http.set_payload_max_length(64 * 1024);  // the API is GET-only

  http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    current.start = std::chrono::steady_clock::now();
    current.route = "static";
    current.recorded = false;
    // web/'s build inputs are not part of the page.
    for (const char* hidden : {"/node_modules/", "/package.json", "/package-lock.json", "/scripts/"}) {
      if (req.path.rfind(hidden, 0) == 0) {
        res.status = 404;
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  for (const Api::Route& route : Api::Routes()) {
    http.Get(route.pattern, [this, &route](const httplib::Request& req, httplib::Response& res) {
      current.route = route.name;
      Request request{req.params, {}, BaseUrl(req, options_.host, options_.port), req.target};
      for (size_t i = 1; i < req.matches.size(); ++i) request.path.push_back(req.matches[i].str());
      {
        FairGate::Pass pass(*gate_);
        Apply(api_->Dispatch(route, request), res);
      }
      // Counted before the reply goes out, so a client that reads /metrics
      // next always sees this request.
      metrics_->Record(route.name, res.status,
                       std::chrono::duration<double>(std::chrono::steady_clock::now() - current.start).count());
      current.recorded = true;
    });
  }

  if (!options_.web_dir.empty()) http.set_mount_point("/", options_.web_dir);

  http.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    if (!options_.cors_origin.empty() && IsApi(req.path)) {
      res.set_header("Access-Control-Allow-Origin", options_.cors_origin);
      res.set_header("Vary", "Origin");
    }
  });

  // Errors cpp-httplib produces itself (no route, bad request line) get a
  // JSON body under /api and a short text elsewhere; our own error replies
  // already have a body and pass through.
  http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req,
                                                                  httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    if (res.status == 404) current.route = "unmatched";
    const std::string message = res.status == 404 ? "no such resource: " + req.path
                                : "the request could not be handled (HTTP " + std::to_string(res.status) + ")";
    if (IsApi(req.path) || res.status != 404) {
      Apply(ErrorReply(res.status, res.status == 404 ? "not_found" : "bad_request", message), res);
    } else {
      res.set_content("Not found\n", "text/plain; charset=utf-8");
    }
    return httplib::Server::HandlerResponse::Handled;
  }));

  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unexpected error";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    Apply(ErrorReply(500, "internal", what), res);
  });

  http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - current.start).count();
    if (!current.recorded) metrics_->Record(current.route, res.status, seconds);
    if (log_ == nullptr) return;
    char line[160];
    std::snprintf(line, sizeof line, "\" %d %zu %.1fms\n", res.status, res.body.size(), seconds * 1000);
    LogAccess(req.remote_addr + " - - [" + UtcNow("%d/%b/%Y:%H:%M:%S +0000") + "] \"" + req.method + " " + req.target + " " + req.version +
              line);
  });
}

void Server::LogAccess(const std::string& line) {
  std::lock_guard<std::mutex> lock(log_mutex_);
  std::fwrite(line.data(), 1, line.size(), log_);
  std::fflush(log_);
}

Result<int> Server::Bind() {
  int port = options_.port;
  if (port == 0) {
    port = http_->bind_to_any_port(options_.host);
    if (port < 0) return Status::IoError("cannot listen on " + options_.host);
  } else if (!http_->bind_to_port(options_.host, port)) {
    return Status::IoError("cannot listen on " + options_.host + ":" + std::to_string(port) +
                           " (in use, or not an address of this machine)");
  }
  static_cast<BackloggedServer&>(*http_).RaiseBacklog(1024);
  options_.port = port;
  return port;
}

Status Server::Serve() {
  if (!http_->listen_after_bind()) return Status::IoError("the listening socket failed");
  return Status::Ok();
}

void Server::Stop() { http_->stop(); }

bool Server::running() const { return http_->is_running(); }

}  // namespace councilsearch::http
