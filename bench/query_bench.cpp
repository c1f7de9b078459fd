// In-process query timing: the query core (no HTTP) over a database, for the
// benchmark workload. Prints one line per mode: queries, p50, p90, p99, max
// and mean in milliseconds (and JSON with --json).
//
//   query_bench --db PATH [--db PATH...] --queries FILE [--queries FILE...]
//               [--mode search|trend1|trend6|trend-split|trend-query|spy|postings|describe|all]
//               [--rounds N] [--trend-query Q] [--json] [--slowest N] [--match-cache-mb N]
//               [--hit-cache-mb N] [--facet-cache-mb N]
//
// search: top 10 with facet counts and snippets, as /api/v1/search answers.
// trend1: one query monthly over the whole date range; trend6: six queries
// at once; trend-split: one query monthly, one series per committee;
// trend-query: --trend-query (a common word) monthly; spy: the same matches
// counted by Xapian's ValueCountMatchSpy, the baseline to beat; postings: only
// walking its posting lists, the floor under both. --slowest N
// lists the N slowest search or trend queries on standard error (what to profile);
// describe prints each query as Xapian is given it. --match-cache-mb N keeps
// matches between queries as searchd does (match_cache.h), --hit-cache-mb N
// the hits shown and --facet-cache-mb N costly queries' facet counts
// (SearchKeeping); the default 0 evaluates every query, counts every facet
// and reads every hit afresh, as the peers' figures are compared with.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "analyzers/cli_args.h"
#include "analyzers/knowledge.h"
#include "analyzers/text_util.h"
#include "indexer/schema.h"
#include "searchd/search_service.h"
#include "searchd/trends.h"

namespace {

using namespace councilsearch;
using Clock = std::chrono::steady_clock;

std::vector<std::string> ReadQueries(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  if (!in) {
    std::cerr << "query_bench: cannot read " << path << "\n";
    std::exit(2);
  }
  for (std::string line; std::getline(in, line);) {
    const std::string_view t = TrimView(line);
    if (!t.empty() && t[0] != '#') out.emplace_back(t);
  }
  return out;
}

struct Stats {
  double p50, p90, p99, max, mean;
};

Stats Summarise(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * static_cast<double>(ms.size())))]; };
  double sum = 0;
  for (double m : ms) sum += m;
  return {at(0.5), at(0.9), at(0.99), ms.back(), sum / static_cast<double>(ms.size())};
}

template <typename F>
std::vector<double> Time(size_t n, int rounds, F&& run) {
  std::vector<double> ms;
  for (size_t i = 0; i < n; ++i) run(i);  // warm the caches and the thread's handles
  for (int r = 0; r < rounds; ++r) {
    for (size_t i = 0; i < n; ++i) {
      const auto start = Clock::now();
      run(i);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
  }
  return ms;
}

// Lists on standard error the `slowest` queries by their slowest round
// (`ms` holds the rounds one after the other): what to profile.
void ListSlowest(const std::vector<std::string>& queries, const std::vector<double>& ms, size_t slowest) {
  if (slowest == 0) return;
  std::vector<std::pair<double, size_t>> by_query(queries.size(), {0, 0});
  for (size_t k = 0; k < ms.size(); ++k) {
    auto& q = by_query[k % queries.size()];
    q = {std::max(q.first, ms[k]), k % queries.size()};
  }
  std::sort(by_query.rbegin(), by_query.rend());
  for (size_t k = 0; k < std::min(slowest, by_query.size()); ++k)
    std::fprintf(stderr, "%9.3f ms  %s\n", by_query[k].first, queries[by_query[k].second].c_str());
}

}  // namespace

int main(int argc, char** argv) {
  auto args = ParseArgs(std::vector<std::string>(argv + 1, argv + argc),
                        {{"db", true, true},
                         {"queries", true, true},
                         {"mode", true},
                         {"rounds", true},
                         {"trend-query", true},
                         {"json"},
                         {"slowest", true},
                         {"match-cache-mb", true},
                         {"hit-cache-mb", true},
                         {"facet-cache-mb", true}});
  if (!args.ok() || !args->Has("db") || !args->Has("queries")) {
    std::cerr << "usage: query_bench --db PATH --queries FILE [--mode search|trend1|trend6|trend-split|all] "
                 "[--rounds N] [--json] [--match-cache-mb N] [--hit-cache-mb N] [--facet-cache-mb N]\n";
    return 2;
  }
  std::vector<std::string> queries;
  for (const std::string& f : args->GetAll("queries")) {
    auto more = ReadQueries(f);
    queries.insert(queries.end(), more.begin(), more.end());
  }
  const int rounds = std::stoi(args->Get("rounds", "3"));
  const std::string mode = args->Get("mode", "all");
  IndexSet indexes(args->GetAll("db"), std::stoul(args->Get("match-cache-mb", "0")) << 20);
  SearchKeeping keeping;
  keeping.hit_bytes = std::stoul(args->Get("hit-cache-mb", "0")) << 20;
  keeping.facet_bytes = std::stoul(args->Get("facet-cache-mb", "0")) << 20;
  SearchService search(indexes, DefaultKnowledge(), keeping);
  TrendService trends(search);
  size_t failures = 0;

  auto report = [&](const std::string& name, size_t n, const std::vector<double>& ms) {
    const Stats s = Summarise(ms);
    if (args->Has("json")) {
      std::printf("{\"mode\":\"%s\",\"queries\":%zu,\"runs\":%zu,\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,"
                  "\"max_ms\":%.3f,\"mean_ms\":%.3f}\n",
                  name.c_str(), n, ms.size(), s.p50, s.p90, s.p99, s.max, s.mean);
    } else {
      std::printf("%-12s %4zu queries x %d  p50 %8.3f ms  p90 %8.3f ms  p99 %8.3f ms  max %8.3f ms  mean %8.3f ms\n",
                  name.c_str(), n, rounds, s.p50, s.p90, s.p99, s.max, s.mean);
    }
    std::fflush(stdout);
  };

  if (mode == "describe") {
    for (const std::string& q : queries) {
      auto described = indexes.Run<std::string>([&](Index& index) -> Result<std::string> {
        auto query = search.BuildQuery(index, q, {});
        if (!query.ok()) return query.status();
        return query->get_description();
      });
      std::printf("%s\t%s\n", q.c_str(), described.ok() ? described->c_str() : described.status().ToString().c_str());
    }
    return 0;
  }
  if (mode == "search" || mode == "all") {
    const std::vector<double> ms = Time(queries.size(), rounds, [&](size_t i) {
      SearchRequest r;
      r.q = queries[i];
      r.limit = 10;
      auto result = search.Search(r);
      if (!result.ok() && failures++ < 5) std::cerr << queries[i] << ": " << result.status().ToString() << "\n";
    });
    report("search", queries.size(), ms);
    ListSlowest(queries, ms, std::stoul(args->Get("slowest", "0")));
  }
  auto trend = [&](std::vector<SeriesSpec> series, Split split) {
    TrendRequest r;
    r.series = std::move(series);
    r.interval = Interval::kMonth;
    r.split = split;
    auto result = trends.Trends(r);
    if (!result.ok() && failures++ < 5) std::cerr << r.series[0].q << ": " << result.status().ToString() << "\n";
  };
  if (mode == "trend1" || mode == "all") {
    const std::vector<double> ms = Time(queries.size(), rounds, [&](size_t i) { trend({{queries[i], ""}}, Split::kNone); });
    report("trend1", queries.size(), ms);
    ListSlowest(queries, ms, std::stoul(args->Get("slowest", "0")));
  }
  if (mode == "trend6" || mode == "all") {
    const size_t n = queries.size() / 6;
    report("trend6", n, Time(n, rounds, [&](size_t i) {
             std::vector<SeriesSpec> six;
             for (size_t k = 0; k < 6; ++k) six.push_back({queries[i * 6 + k], ""});
             trend(six, Split::kNone);
           }));
  }
  if (mode == "trend-split" || mode == "all") {
    report("trend-split", queries.size(),
           Time(queries.size(), rounds, [&](size_t i) { trend({{queries[i], ""}}, Split::kCommittee); }));
  }
  // One common query's monthly trend, repeated, against Xapian's own
  // ValueCountMatchSpy over the same matches (the date slot).
  const std::string common = args->Get("trend-query", "council");
  if (mode == "trend-query" || mode == "all") {
    report("trend-query", 1, Time(20 * rounds, 1, [&](size_t) { trend({{common, ""}}, Split::kNone); }));
  }
  if (mode == "spy" || mode == "all") {
    report("spy", 1, Time(20 * rounds, 1, [&](size_t) {
             auto counted = indexes.Run<bool>([&](Index& index) -> Result<bool> {
               auto query = search.BuildQuery(index, common, {});
               if (!query.ok()) return query.status();
               Xapian::Enquire enquire(index.db());
               enquire.set_query(*query);
               Xapian::ValueCountMatchSpy spy(schema::kSlotDate);
               enquire.add_matchspy(&spy);
               enquire.get_mset(0, 0, index.db().get_doccount());
               return true;
             });
             if (!counted.ok()) ++failures;
           }));
  }
  // The floor under any trend through Xapian's API: walking the query's
  // posting lists and nothing else (no bitset, no counting).
  if (mode == "postings" || mode == "all") {
    report("postings", 1, Time(20 * rounds, 1, [&](size_t) {
             auto walked = indexes.Run<bool>([&](Index& index) -> Result<bool> {
               auto query = search.BuildQuery(index, common, {});
               if (!query.ok()) return query.status();
               size_t n = 0;
               for (auto t = query->get_unique_terms_begin(); t != query->get_unique_terms_end(); ++t) {
                 for (auto p = index.db().postlist_begin(*t), end = index.db().postlist_end(*t); p != end; ++p) n += *p & 1;
               }
               return n > 0;
             });
             if (!walked.ok()) ++failures;
           }));
  }
  if (!args->Has("json")) {
    const MatchCache::Stats kept = indexes.cache().stats();
    std::fprintf(stderr, "matches kept: %zu sets, %.1f MB of %.1f; %llu found, %llu kept\n", kept.sets,
                 static_cast<double>(kept.bytes) / 1e6, static_cast<double>(indexes.cache().budget()) / 1e6,
                 static_cast<unsigned long long>(kept.hits), static_cast<unsigned long long>(kept.kept));
  }
  if (failures > 0) std::cerr << "query_bench: " << failures << " queries failed\n";
  return failures > 0 ? 1 : 0;
}
