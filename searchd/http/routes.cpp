#include "searchd/http/routes.h"

#include <algorithm>

#include "analyzers/knowledge.h"
#include "searchd/http/formats.h"
#include "searchd/http/metrics.h"
#include "searchd/http/params.h"

namespace councilsearch::http {
namespace {

using nlohmann::json;

// Trends take the filters, except that a theme is a series of its own.
const std::vector<std::string_view> kTrendParams = {"q",    "theme",     "interval", "from",    "to",
                                                     "metric", "normalize", "split",    "council", "committee",
                                                     "type", "person",    "kind",     "paper",   "decisions"};

// Rows a CSV export may hold: more than a page, still bounded.
constexpr uint32_t kMaxCsvRows = 5000;
constexpr uint32_t kDefaultFeedEntries = 20;

std::string Dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

Reply JsonReply(const json& value) {
  Reply reply;
  reply.body = Dump(value);
  return reply;
}

Reply Csv(std::string body, const std::string& filename) {
  Reply reply;
  reply.content_type = "text/csv; charset=utf-8";
  reply.body = std::move(body);
  reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return reply;
}

// The parameters of search, its CSV export and its feed.
SearchRequest ReadSearch(Params& p, uint32_t default_limit, uint32_t max_limit) {
  SearchRequest r;
  r.q = p.Text("q");
  r.filters = p.ReadFilters();
  r.sort = p.Choice<SortOrder>("sort",
                               {{"relevance", SortOrder::kRelevance},
                                {"newest", SortOrder::kNewest},
                                {"oldest", SortOrder::kOldest},
                                {"recent", SortOrder::kRecent}},
                               SortOrder::kRelevance);
  r.group_by_paper = p.Choice<bool>("group", {{"item", false}, {"paper", true}}, false);
  r.offset = p.Number("offset", 0, kMaxOffset);
  r.limit = p.Number("limit", default_limit, max_limit);
  return r;
}

}  // namespace

int HttpStatus(const Status& status) {
  switch (status.code()) {
    case Status::Code::kOk: return 200;
    case Status::Code::kInvalidArgument:
    case Status::Code::kUnsupported: return 400;
    case Status::Code::kNotFound: return 404;
    case Status::Code::kTooLarge: return 413;
    case Status::Code::kBusy:
    case Status::Code::kIoError: return 503;
    case Status::Code::kCorrupt:
    case Status::Code::kInternal: return 500;
  }
  return 500;
}

Reply ErrorReply(int http_status, const std::string& code, const std::string& message) {
  Reply reply;
  reply.status = http_status;
  reply.body = Dump({{"error", {{"code", code}, {"message", message}}}});
  return reply;
}

Reply ErrorReply(const Status& status) { return ErrorReply(HttpStatus(status), status.code_name(), status.message()); }

Api::Api(std::vector<std::string> databases, size_t match_cache_bytes, const SearchKeeping& search_keeping,
         const Knowledge& knowledge, Metrics& metrics)
    : indexes_(std::move(databases), match_cache_bytes),
      search_(indexes_, knowledge, search_keeping),
      trends_(search_),
      metrics_(metrics) {}

const std::vector<Api::Route>& Api::Routes() {
  // The search parameters, shared by search, its exports and analytics.
  const std::vector<std::string_view> filters(std::begin(kFilterParams), std::end(kFilterParams));
  auto with_filters = [&](std::vector<std::string_view> names) {
    names.insert(names.end(), filters.begin(), filters.end());
    return names;
  };
  const std::vector<std::string_view> search = with_filters({"q", "sort", "group", "offset", "limit"});
  static const std::vector<Route> routes = {
      {R"(/api/v1/search)", "search", &Api::Search, search},
      {R"(/api/v1/search\.csv)", "search_csv", &Api::SearchCsv, search},
      {R"(/api/v1/feed\.atom)", "feed", &Api::Feed, with_filters({"q", "limit"})},
      {R"(/api/v1/trends)", "trends", &Api::Trends, kTrendParams},
      {R"(/api/v1/trends\.csv)", "trends_csv", &Api::TrendsCsv, kTrendParams},
      {R"(/api/v1/papers/([^/]+))", "paper", &Api::Paper, {"q"}},
      {R"(/api/v1/papers/([^/]+)/similar)", "similar", &Api::Similar, {"limit"}},
      {R"(/api/v1/items/([^/]+))", "item", &Api::Item, {}},
      {R"(/api/v1/significant)", "significant", &Api::Significant, with_filters({"q", "limit"})},
      {R"(/api/v1/people)", "people", &Api::People, with_filters({"q", "limit"})},
      {R"(/api/v1/facets)", "facets", &Api::Facets, {}},
      {R"(/healthz)", "healthz", &Api::Health, {}},
      {R"(/metrics)", "metrics", &Api::MetricsText, {}},
  };
  return routes;
}

Reply Api::Dispatch(const Route& route, const Request& request) {
  for (const auto& [name, value] : request.query) {
    if (std::find(route.params.begin(), route.params.end(), name) != route.params.end()) continue;
    std::string list;
    for (std::string_view a : route.params) list += (list.empty() ? "" : ", ") + std::string(a);
    return ErrorReply(Status::InvalidArgument(
        "unknown parameter '" + name + "'" + (list.empty() ? " (this endpoint takes none)" : " (allowed: " + list + ")")));
  }
  return (this->*route.handler)(request);
}

Status Api::CheckOpen() {
  auto local = indexes_.Local();
  return local.ok() ? Status::Ok() : local.status();
}

Reply Api::Search(const Request& request) {
  Params p(request.query);
  const SearchRequest r = ReadSearch(p, 10, kMaxLimit);
  if (!p.status().ok()) return ErrorReply(p.status());
  auto result = search_.Search(r);
  if (!result.ok()) return ErrorReply(result.status());
  Reply reply;
  reply.body = SearchJson(*result, search_.knowledge());
  return reply;
}

Reply Api::SearchCsv(const Request& request) {
  Params p(request.query);
  SearchRequest r = ReadSearch(p, 1000, kMaxCsvRows);
  if (!p.status().ok()) return ErrorReply(p.status());
  r.facets = false;
  // The core bounds a page at kMaxLimit; an export reads page after page.
  SearchResult all;
  const uint32_t wanted = r.limit;
  while (all.hits.size() < wanted) {
    SearchRequest page = r;
    page.offset = r.offset + static_cast<uint32_t>(all.hits.size());
    page.limit = std::min<uint32_t>(kMaxLimit, wanted - static_cast<uint32_t>(all.hits.size()));
    if (page.offset > kMaxOffset) break;
    auto result = search_.Search(page);
    if (!result.ok()) return ErrorReply(result.status());
    all.total = result->total;
    for (Hit& h : result->hits) all.hits.push_back(std::move(h));
    if (result->hits.size() < page.limit) break;
  }
  return Csv(http::SearchCsv(all), "councilsearch-search.csv");
}

Reply Api::Feed(const Request& request) {
  Params p(request.query);
  SearchRequest r = ReadSearch(p, kDefaultFeedEntries, kMaxLimit);
  if (!p.status().ok()) return ErrorReply(p.status());
  r.sort = SortOrder::kNewest;
  r.facets = false;
  // A feed is about when things happened: undated items have no place in it.
  if (r.filters.from.empty()) r.filters.from = "00000101";
  auto result = search_.Search(r);
  if (!result.ok()) return ErrorReply(result.status());
  FeedInfo info;
  info.title = "Council Search: " + (r.q.empty() ? std::string("all papers") : r.q);
  for (const auto& name : {"council", "committee", "theme", "type", "person"}) {
    for (const std::string& v : p.All(name)) info.title += " [" + std::string(name) + ": " + v + "]";
  }
  info.base_url = request.base_url;
  info.self_url = request.base_url + request.target;
  info.site_url = request.base_url + "/";
  Reply reply;
  reply.content_type = "application/atom+xml; charset=utf-8";
  reply.body = AtomFeed(*result, info);
  return reply;
}

Result<TrendResult> Api::RunTrends(const Request& request) {
  Params p(request.query);
  TrendRequest r;
  for (const std::string& q : p.All("q")) r.series.push_back({q, ""});
  for (const std::string& theme : p.All("theme")) r.series.push_back({"", theme});
  // "q=" alone: one series of every item.
  if (r.series.empty() && p.Has("q")) r.series.push_back({"", ""});
  r.interval = p.Choice<Interval>(
      "interval", {{"month", Interval::kMonth}, {"quarter", Interval::kQuarter}, {"year", Interval::kYear}},
      Interval::kYear);
  r.filters = p.ReadFilters(/*theme_is_filter=*/false);
  r.from = r.filters.from;
  r.to = r.filters.to;
  r.metric = p.Choice<Metric>("metric", {{"items", Metric::kItems}, {"papers", Metric::kPapers}, {"amount", Metric::kAmount}},
                              Metric::kItems);
  r.share = p.Choice<bool>("normalize", {{"none", false}, {"share", true}}, false);
  r.split = p.Choice<Split>("split", {{"none", Split::kNone}, {"council", Split::kCouncil}, {"committee", Split::kCommittee}},
                            Split::kNone);
  if (!p.status().ok()) return p.status();
  return trends_.Trends(r);
}

Reply Api::Trends(const Request& request) {
  auto result = RunTrends(request);
  if (!result.ok()) return ErrorReply(result.status());
  return JsonReply(TrendsJson(*result));
}

Reply Api::TrendsCsv(const Request& request) {
  auto result = RunTrends(request);
  if (!result.ok()) return ErrorReply(result.status());
  return Csv(http::TrendsCsv(*result), "councilsearch-trends.csv");
}

Reply Api::Paper(const Request& request) {
  Params p(request.query);
  const std::string q = p.Text("q");
  if (!p.status().ok()) return ErrorReply(p.status());
  auto paper = search_.Paper(request.path.at(0), q);
  if (!paper.ok()) return ErrorReply(paper.status());
  return JsonReply(*paper);
}

Reply Api::Similar(const Request& request) {
  Params p(request.query);
  const uint32_t limit = p.Number("limit", 10, kMaxLimit);
  if (!p.status().ok()) return ErrorReply(p.status());
  auto similar = search_.Similar(request.path.at(0), limit);
  if (!similar.ok()) return ErrorReply(similar.status());
  return JsonReply({{"paper_id", request.path.at(0)}, {"similar", *similar}});
}

Reply Api::Item(const Request& request) {
  auto item = search_.ItemById(request.path.at(0));
  if (!item.ok()) return ErrorReply(item.status());
  return JsonReply(*item);
}

Reply Api::Significant(const Request& request) { return Analytics(request, &SearchService::Significant); }

Reply Api::People(const Request& request) { return Analytics(request, &SearchService::People); }

Reply Api::Analytics(const Request& request,
                     Result<nlohmann::json> (SearchService::*analysis)(const std::string&, const Filters&, uint32_t)) {
  Params p(request.query);
  const std::string q = p.Text("q");
  const Filters filters = p.ReadFilters();
  const uint32_t limit = p.Number("limit", 25, kMaxLimit);
  if (!p.status().ok()) return ErrorReply(p.status());
  auto result = (search_.*analysis)(q, filters, limit);
  if (!result.ok()) return ErrorReply(result.status());
  return JsonReply(*result);
}

Reply Api::Facets(const Request&) {
  auto result = search_.Overview();
  if (!result.ok()) return ErrorReply(result.status());
  return JsonReply(*result);
}

Reply Api::Health(const Request&) {
  auto local = indexes_.Local();
  if (!local.ok()) return ErrorReply(503, "unavailable", local.status().message());
  Index& index = **local;
  json shards = json::array();
  const std::vector<uint64_t> revisions = index.Revisions();
  for (size_t i = 0; i < revisions.size(); ++i)
    shards.push_back({{"shard", i}, {"revision", revisions[i]}});
  return JsonReply({{"status", "ok"}, {"items", index.db().get_doccount()}, {"shards", shards}});
}

Reply Api::MetricsText(const Request&) {
  std::vector<Metrics::Gauge> gauges;
  if (auto local = indexes_.Local(); local.ok()) {
    Index& index = **local;
    gauges.push_back({"councilsearch_index_documents", "Items (Xapian documents) in the databases searched.",
                      {{"", static_cast<double>(index.db().get_doccount())}}});
    Metrics::Gauge revision{"councilsearch_index_revision", "Committed revision of each database shard.", {}};
    const std::vector<uint64_t> revisions = index.Revisions();
    for (size_t i = 0; i < revisions.size(); ++i)
      revision.samples.emplace_back("shard=\"" + std::to_string(i) + "\"", static_cast<double>(revisions[i]));
    gauges.push_back(std::move(revision));
  }
  // Each cache: the memory it holds, what it holds, and how often it was found.
  struct CacheGauges {
    const char* name;      // councilsearch_<name>_cache_...
    const char* entries;   // what it holds, for the gauge's name
    const char* held;      // help texts
    const char* holds;
    const char* found;
    size_t bytes, count;
    uint64_t hits;
  };
  const MatchCache::Stats matches = indexes_.cache().stats();
  const auto hits = search_.hit_cache_stats();
  const auto counts = search_.facet_cache_stats();
  const CacheGauges caches[] = {
      {"match", "sets", "Memory held by kept matches (--match-cache-mb).", "Posting lists and query matches kept.",
       "Walks that found their matches kept, since the start.", matches.bytes, matches.sets, matches.hits},
      {"hit", "items", "Memory held by hits kept between searches (--hit-cache-mb).", "Items kept as search hits.",
       "Hits found kept, since the start.", hits.bytes, hits.entries, hits.hits},
      {"facet", "queries", "Memory held by costly queries' facet counts kept between searches (--facet-cache-mb).",
       "Costly queries whose facet counts are kept.", "Searches that found their facet counts kept, since the start.",
       counts.bytes, counts.entries, counts.hits},
  };
  for (const CacheGauges& c : caches) {
    const std::string prefix = std::string("councilsearch_") + c.name + "_cache_";
    gauges.push_back({prefix + "bytes", c.held, {{"", static_cast<double>(c.bytes)}}});
    gauges.push_back({prefix + c.entries, c.holds, {{"", static_cast<double>(c.count)}}});
    gauges.push_back({prefix + "hits", c.found, {{"", static_cast<double>(c.hits)}}});
  }
  Reply reply;
  reply.content_type = "text/plain; version=0.0.4; charset=utf-8";
  reply.body = metrics_.Render(gauges);
  return reply;
}

}  // namespace councilsearch::http
