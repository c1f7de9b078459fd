// The API's route table (Typesense style): each route names its path
// pattern and a handler that parses parameters, calls the query core and
// serialises the result. Handlers see a plain Request and return a Reply, so
// this file knows the API, not cpp-httplib.
#pragma once

#include <map>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

#include "analyzers/status.h"
#include "searchd/index.h"
#include "searchd/search_service.h"
#include "searchd/trends.h"

namespace councilsearch::http {

class Metrics;

struct Request {
  const std::multimap<std::string, std::string>& query;  // decoded query parameters
  std::vector<std::string> path;                         // the route pattern's captures
  std::string base_url;                                  // "http://host:port" as the client addressed us
  std::string target;                                    // path and query as received
};

struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// A 4xx/5xx JSON error: {"error": {"code": "invalid_argument", "message": ...}}.
Reply ErrorReply(const Status& status);
Reply ErrorReply(int http_status, const std::string& code, const std::string& message);
// The HTTP status for a core status code.
int HttpStatus(const Status& status);

class Api {
 public:
  Api(std::vector<std::string> databases, size_t match_cache_bytes, const SearchKeeping& search_keeping,
      const Knowledge& knowledge, Metrics& metrics);

  struct Route {
    const char* pattern;  // regex over the path
    const char* name;     // for metrics and logs
    Reply (Api::*handler)(const Request&);
    std::vector<std::string_view> params;  // the query parameters it takes; others are rejected
  };
  static const std::vector<Route>& Routes();
  // Rejects unknown parameters, then runs the route's handler.
  Reply Dispatch(const Route& route, const Request& request);

  // Opens the databases on the calling thread (a startup check).
  Status CheckOpen();

  Reply Search(const Request& request);
  Reply SearchCsv(const Request& request);
  Reply Feed(const Request& request);
  Reply Trends(const Request& request);
  Reply TrendsCsv(const Request& request);
  Reply Paper(const Request& request);
  Reply Similar(const Request& request);
  Reply Item(const Request& request);
  Reply Significant(const Request& request);
  Reply People(const Request& request);
  Reply Facets(const Request& request);
  Reply Health(const Request& request);
  Reply MetricsText(const Request& request);

 private:
  Result<TrendResult> RunTrends(const Request& request);
  // Significant and People: a query, the filters and a limit.
  Reply Analytics(const Request& request,
                  Result<nlohmann::json> (SearchService::*analysis)(const std::string&, const Filters&, uint32_t));

  IndexSet indexes_;
  SearchService search_;
  TrendService trends_;
  Metrics& metrics_;
};

}  // namespace councilsearch::http
