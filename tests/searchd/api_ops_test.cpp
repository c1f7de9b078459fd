// The daemon as an operator sees it: health, metrics, access log, the web
// page and nothing outside it, CORS, new commits seen without a restart, and
// a graceful stop.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <map>
#include <regex>
#include <thread>

#include "tests/searchd/searchd_harness.h"

namespace councilsearch::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Sends `target` exactly as written (no client-side normalisation) and
// returns the whole response.
std::string RawGet(int port, const std::string& target) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return "";
  }
  const std::string request = "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
  (void)!write(fd, request.data(), request.size());
  std::string response;
  char buf[4096];
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) response.append(buf, static_cast<size_t>(n));
  close(fd);
  return response;
}

// name{labels} -> value, for every sample line; fails on a line that is not
// in the Prometheus text format.
std::map<std::string, double> ParseMetrics(const std::string& text) {
  std::map<std::string, double> samples;
  const std::regex sample(R"(^([a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="[^"]*",?)*\})?) (\S+)$)");
  const std::regex comment(R"(^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$)");
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    std::smatch m;
    if (std::regex_match(line, comment)) continue;
    EXPECT_TRUE(std::regex_match(line, m, sample)) << "not a metric line: " << line;
    if (!m.empty()) samples[m[1]] = m[4] == "+Inf" ? INFINITY : std::stod(m[4]);
  }
  return samples;
}

class OpsTest : public ::testing::Test {};

TEST_F(OpsTest, HealthAndMetricsDescribeTheServer) {
  SearchdProcess server({ApiTestDatabase()});
  size_t shown = 0;  // hits a search for "budget" shows
  for (int i = 0; i < 3; ++i) {
    const HttpReply reply = server.Get("/api/v1/search?q=budget");
    ASSERT_EQ(reply.status, 200);
    shown = reply.Json()["hits"].size();
  }
  ASSERT_GT(shown, 0u);
  ASSERT_EQ(server.Get("/api/v1/search?limit=500").status, 400);
  const json health = server.Get("/healthz").Json();
  EXPECT_EQ(health["status"], "ok");
  const HttpReply metrics = server.Get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.content_type, "text/plain; version=0.0.4; charset=utf-8");
  const auto samples = ParseMetrics(metrics.body);
  EXPECT_EQ(samples.at(R"(councilsearch_http_requests_total{route="search",status="200"})"), 3);
  EXPECT_EQ(samples.at(R"(councilsearch_http_requests_total{route="search",status="400"})"), 1);
  EXPECT_EQ(samples.at(R"(councilsearch_http_request_duration_seconds_count{route="search"})"), 4);
  // Histogram buckets are cumulative and end at the count.
  double last = 0;
  for (const char* le : {"0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10",
                         "+Inf"}) {
    const double v =
        samples.at(std::string(R"(councilsearch_http_request_duration_seconds_bucket{route="search",le=")") + le + "\"}");
    EXPECT_GE(v, last) << le;
    last = v;
  }
  EXPECT_EQ(last, 4);
  EXPECT_EQ(samples.at("councilsearch_index_documents"), health["items"].get<double>());
  EXPECT_EQ(samples.at(R"(councilsearch_index_revision{shard="0"})"), health["shards"][0]["revision"].get<double>());
  // The sample papers are too few for any set or count to be worth keeping.
  EXPECT_EQ(samples.at("councilsearch_match_cache_sets"), 0);
  EXPECT_EQ(samples.at("councilsearch_match_cache_bytes"), 0);
  EXPECT_EQ(samples.at("councilsearch_facet_cache_queries"), 0);
  // The first search read its hits and kept those not too long; the two
  // after it found them kept.
  const double kept_items = samples.at("councilsearch_hit_cache_items");
  EXPECT_GT(kept_items, 0);
  EXPECT_LE(kept_items, shown);
  EXPECT_EQ(samples.at("councilsearch_hit_cache_hits"), 2 * kept_items);
  EXPECT_GT(samples.at("councilsearch_hit_cache_bytes"), 0);
  // Access log: one line per request, with method, target and status
  // (written just after the reply, so poll for it).
  const std::regex line(R"(127\.0\.0\.1 - - \[[^\]]+\] "GET /api/v1/search\?limit=500 HTTP/1\.1" 400 )");
  bool logged = false;
  for (int i = 0; i < 100 && !logged; ++i) {
    logged = std::regex_search(server.Log(), line);
    if (!logged) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(logged) << server.Log();
}

TEST_F(OpsTest, ServesTheWebFolderAndNothingOutsideIt) {
  TempDir web;
  WriteFile(web / "index.html", "<!doctype html><title>test page</title>");
  WriteFile(web / "app.js", "console.log('app');");
  WriteFile(web.path().parent_path() / (web.path().filename().string() + "-secret.txt"), "SECRET");
  SearchdProcess server({ApiTestDatabase()}, {"--web", web.path().string()});
  const HttpReply page = server.Get("/");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body, "<!doctype html><title>test page</title>");
  EXPECT_EQ(page.content_type, "text/html");
  EXPECT_EQ(server.Get("/app.js").content_type, "text/javascript");
  const std::string secret = "/../" + web.path().filename().string() + "-secret.txt";
  for (const std::string& target : {secret, "/%2e%2e/" + web.path().filename().string() + "-secret.txt",
                                    "/..%2f" + web.path().filename().string() + "-secret.txt", std::string("/../../../../etc/passwd"),
                                    std::string("/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd"), std::string("//etc/passwd"),
                                    std::string("/app.js/../../../etc/passwd")}) {
    const std::string response = RawGet(server.port(), target);
    ASSERT_FALSE(response.empty()) << target;
    EXPECT_EQ(response.find("SECRET"), std::string::npos) << target;
    EXPECT_EQ(response.find("root:"), std::string::npos) << target;
    EXPECT_TRUE(response.rfind("HTTP/1.1 404", 0) == 0 || response.rfind("HTTP/1.1 400", 0) == 0)
        << target << ": " << response.substr(0, 200);
  }
  fs::remove(web.path().parent_path() / (web.path().filename().string() + "-secret.txt"));
}

TEST_F(OpsTest, CorsHeaderOnlyWhenAsked) {
  SearchdProcess plain({ApiTestDatabase()});
  EXPECT_EQ(plain.Get("/api/v1/facets").headers.count("Access-Control-Allow-Origin"), 0u);
  SearchdProcess cors({ApiTestDatabase()}, {"--cors", "https://example.org"});
  const HttpReply reply = cors.Get("/api/v1/facets");
  ASSERT_EQ(reply.status, 200);
  const auto origin = reply.headers.find("Access-Control-Allow-Origin");
  ASSERT_NE(origin, reply.headers.end());
  EXPECT_EQ(origin->second, "https://example.org");
}

TEST_F(OpsTest, BadCommandLinesAndDatabasesFailClearly) {
  TempDir tmp;
  const CommandResult no_db = RunCommand({SearchdBinary().string()});
  EXPECT_EQ(no_db.exit_code, 2);
  EXPECT_NE(no_db.err.find("--db"), std::string::npos);
  const CommandResult missing = RunCommand({SearchdBinary().string(), "--db", (tmp / "none").string()});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find((tmp / "none").string()), std::string::npos) << missing.err;
  const CommandResult bad_listen =
      RunCommand({SearchdBinary().string(), "--db", ApiTestDatabase().string(), "--listen", "localhost"});
  EXPECT_EQ(bad_listen.exit_code, 2);
  for (const char* flag : {"--match-cache-mb", "--hit-cache-mb", "--facet-cache-mb"}) {
    for (const char* size : {"-1", "12a", "10000", ""}) {
      const CommandResult bad_cache = RunCommand({SearchdBinary().string(), "--db", ApiTestDatabase().string(), flag, size});
      EXPECT_EQ(bad_cache.exit_code, 2) << flag << " " << size;
      EXPECT_NE(bad_cache.err.find(flag), std::string::npos) << bad_cache.err;
    }
  }
  const CommandResult help = RunCommand({SearchdBinary().string(), "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--threads"), std::string::npos);
}

TEST_F(OpsTest, SeveralDatabasesAreSearchedAsOne) {
  TempDir tmp;
  WriteFile(tmp / "a" / "one.txt",
            "Minutes of the Highways Committee held on 12 March 2021\n\nThe zebracrossing programme was discussed.\n");
  WriteFile(tmp / "b" / "two.txt",
            "Minutes of the Highways Committee held on 9 June 2022\n\nA second zebracrossing report.\n");
  // A plain database and a folder of three shards (two of them empty).
  ASSERT_EQ(RunIndexer({"index", (tmp / "a").string(), "--db", (tmp / "a.db").string(), "--shards", "1"}).exit_code, 0);
  ASSERT_EQ(RunIndexer({"index", (tmp / "b").string(), "--db", (tmp / "b.db").string(), "--shards", "3"}).exit_code, 0);
  SearchdProcess server({tmp / "a.db", tmp / "b.db"});
  const json r = server.Get("/api/v1/search?q=zebracrossing").Json();
  EXPECT_EQ(r["total"], 2);
  for (const json& hit : r["hits"]) {
    const HttpReply paper = server.Get("/api/v1/papers/" + hit["paper_id"].get<std::string>());
    EXPECT_EQ(paper.status, 200) << "each paper is found in its shard";
  }
  EXPECT_EQ(server.Get("/healthz").Json()["shards"].size(), 4u);

  // Facets and trends count each shard's items under their own dates, whether
  // the matches come from the posting lists (a word) or from the matcher (a
  // wildcard, a phrase: its per-database document ids must not be mistaken
  // for the combined ones).
  struct Case {
    std::string q;
    std::map<std::string, double> years;
  };
  const Case cases[] = {{"zebracrossing", {{"2021", 1}, {"2022", 1}}},
                        {"zebracross*", {{"2021", 1}, {"2022", 1}}},
                        {"\"second zebracrossing\"", {{"2022", 1}}},
                        {"\"zebracrossing programme\"", {{"2021", 1}}}};
  for (const Case& c : cases) {
    const json search = server.Get("/api/v1/search" + QueryString({{"q", c.q}})).Json();
    std::map<std::string, double> years;
    for (const json& y : search["facets"]["year"]) years[y["value"]] = y["count"];
    EXPECT_EQ(years, c.years) << c.q;
    const json trend = server.Get("/api/v1/trends" + QueryString({{"q", c.q}, {"interval", "year"}})).Json();
    ASSERT_EQ(trend["series"].size(), 1u) << trend.dump();
    std::map<std::string, double> buckets;
    for (size_t b = 0; b < trend["buckets"].size(); ++b)
      if (trend["series"][0]["counts"][b] != 0) buckets[trend["buckets"][b]] = trend["series"][0]["counts"][b];
    EXPECT_EQ(buckets, c.years) << c.q;
  }
}

// The indexer commits while searches run: the daemon moves to the new
// revision by itself, and no request fails on the way.
TEST_F(OpsTest, PicksUpNewCommitsWithoutRestartOrFailedRequests) {
  TempDir tmp;
  const fs::path papers = tmp / "papers", db = tmp / "db";
  fs::copy(SourceDir() / "examples" / "corpus", papers, fs::copy_options::recursive);
  ASSERT_EQ(RunIndexer({"index", papers.string(), "--db", db.string()}).exit_code, 0);
  SearchdProcess server({db});
  ASSERT_EQ(server.Get("/api/v1/search?q=quokkaprogramme").Json()["total"], 0);

  std::atomic<bool> stop{false};
  std::atomic<int> requests{0}, failures{0};
  std::string first_failure;
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&, c] {
      const std::vector<std::string> targets = {"/api/v1/search?q=children&limit=20", "/api/v1/trends?q=budget",
                                                "/api/v1/search?q=budget&group=paper", "/api/v1/facets"};
      while (!stop) {
        const HttpReply r = server.Get(targets[static_cast<size_t>(c) % targets.size()]);
        ++requests;
        if (r.status != 200) {
          if (failures++ == 0) first_failure = std::to_string(r.status) + " " + r.body;
        }
      }
    });
  }
  // Several commits, as an indexer working through a backlog makes.
  for (int round = 0; round < 3; ++round) {
    WriteFile(papers / ("new-" + std::to_string(round) + ".txt"),
              "Example Council\n\nMinutes of the Cabinet held on 3 March 2024\n\n1. Quokkaprogramme round " +
                  std::to_string(round) + "\n\nThe quokkaprogramme was approved.\n");
    ASSERT_EQ(RunIndexer({"index", papers.string(), "--db", db.string()}).exit_code, 0);
  }
  // Poll (generously) until the new papers are searchable.
  int found = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    found = server.Get("/api/v1/search?q=quokkaprogramme").Json()["total"];
    if (found == 3) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  stop = true;
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(found, 3);
  EXPECT_GT(requests.load(), 20);
  EXPECT_EQ(failures.load(), 0) << first_failure;
}

// SIGTERM: requests being answered are finished, then it exits 0. Clients
// keep asking throughout; each may lose at most the one request it sent as
// the listening socket closed (a connection the kernel queued but searchd
// never accepted is reset), and none ever gets an error status.
TEST_F(OpsTest, FinishesRequestsInFlightOnSigterm) {
  SearchdProcess server({ApiTestDatabase()});
  constexpr int kClients = 6;
  std::atomic<int> ok{0}, error_status{0}, lost{0}, refused{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&] {
      bool down = false;
      while (!stop) {
        const HttpReply r = server.Get("/api/v1/significant?limit=30");
        if (r.status == 200) {
          ++ok;
        } else if (r.status != 0) {
          ++error_status;
        } else if (r.error == httplib::Error::Connection) {
          ++refused;  // the listening socket is closed: expected from now on
          down = true;
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        } else if (!down) {
          ++lost;
        }
      }
    });
  }
  while (ok < kClients) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const int code = server.Terminate();
  stop = true;
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(code, 0);
  EXPECT_EQ(error_status.load(), 0);
  EXPECT_LE(lost.load(), kClients);
  EXPECT_GT(refused.load(), 0);
}

}  // namespace
}  // namespace councilsearch::testing
