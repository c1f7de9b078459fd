#include "indexer/export_trends.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>

#include <nlohmann/json.hpp>

#include "analyzers/cli_args.h"
#include "analyzers/knowledge.h"
#include "analyzers/text_util.h"
#include "indexer/cli.h"
#include "searchd/trends.h"

namespace councilsearch {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kHelp = R"(usage: councilsearch-index export-trends --db PATH --out DIR [OPTIONS]

Writes the trend series of the database to DIR/data/trends.json, next to a
copy of the web page, so that DIR can be published on any static web host: the
page's trends view then reads the series from the file (no searchd needed).
Every series is written per year, quarter and month, as counts of items and as
shares of all items in each period, overall and split by council.

options:
  --db PATH          the database (repeat for several shards)
  --out DIR          where to write (created; files in it are replaced)
  --themes ID,...    the themes to export (default: every theme of the taxonomy);
                     "none" exports none
  --queries FILE     also export these queries: one per line, "LABEL<TAB>QUERY"
                     or just QUERY; blank lines and lines starting # ignored
  --from DATE        first period (YYYY, YYYY-MM or YYYY-MM-DD; default: the
                     first meeting date in the database)
  --to DATE          last period (default: the last meeting date)
  --web DIR          the web page to copy (default: the project's web/)
  --data DIR         the analyzers' data files (default: built in)
  -h, --help         this help

exit codes: 0 written, 2 bad command line, 4 the database, a file or DIR
cannot be read or written.
)";

struct SeriesOut {
  std::string key, label, q, theme;
};

int Usage(const std::string& message) {
  std::cerr << "councilsearch-index export-trends: " << message << "\n\nRun with --help for the options.\n";
  return kExitUsage;
}

int Fail(const std::string& message) {
  std::cerr << "councilsearch-index export-trends: " << message << "\n";
  return kExitIoError;
}

Result<std::vector<SeriesOut>> ReadQueries(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IoError("cannot read " + path);
  std::vector<SeriesOut> out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string_view trimmed = TrimView(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    const size_t tab = line.find('\t');
    SeriesOut s;
    s.q = std::string(TrimView(tab == std::string::npos ? line : line.substr(tab + 1)));
    s.label = tab == std::string::npos ? s.q : std::string(TrimView(line.substr(0, tab)));
    if (s.q.empty()) return Status::InvalidArgument(path + ":" + std::to_string(number) + ": no query after the tab");
    s.key = "q:" + s.q;
    out.push_back(std::move(s));
  }
  return out;
}

// Copies the page, without its build inputs.
Status CopyWeb(const fs::path& web, const fs::path& out) {
  std::error_code ec;
  if (!fs::exists(web / "index.html", ec)) return Status::NotFound("no web page at " + web.string());
  if (!fs::exists(web / "vendor" / "chart.umd.min.js", ec))
    return Status::NotFound(web.string() + " has no vendor/chart.umd.min.js: run scripts/install-deps.sh");
  for (auto it = fs::recursive_directory_iterator(web, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path relative = fs::relative(it->path(), web, ec);
    const std::string first = relative.begin()->string();
    if (first == "node_modules" || first == "scripts" || first == "tests" || first.rfind("package", 0) == 0) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory()) {
      fs::create_directories(out / relative, ec);
    } else if (it->is_regular_file()) {
      fs::copy_file(it->path(), out / relative, fs::copy_options::overwrite_existing, ec);
    }
    if (ec) return Status::IoError("copying " + it->path().string() + ": " + ec.message());
  }
  if (ec) return Status::IoError("reading " + web.string() + ": " + ec.message());
  return Status::Ok();
}

json SeriesValues(const TrendSeries& s) {
  return {{"counts", s.counts}, {"shares", s.shares}, {"undated", s.undated}};
}

}  // namespace

int ExportTrendsCommand(const std::vector<std::string>& argv) {
  auto args = ParseArgs(argv, {{"help"},
                               {"db", true, true},
                               {"out", true},
                               {"themes", true},
                               {"queries", true},
                               {"from", true},
                               {"to", true},
                               {"web", true},
                               {"data", true}});
  if (!args.ok()) return Usage(args.status().message());
  if (args->Has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (!args->Has("db")) return Usage("--db PATH is required");
  if (!args->Has("out")) return Usage("--out DIR is required");
  if (!args->positionals.empty()) return Usage("unexpected argument " + args->positionals[0]);
  if (args->Has("data")) {
    auto knowledge = LoadKnowledge(args->Get("data"));
    if (!knowledge.ok()) return Fail(knowledge.status().message());
    SetDefaultKnowledge(*knowledge);
  }
  const Knowledge& knowledge = DefaultKnowledge();

  std::vector<SeriesOut> series;
  const std::string themes = args->Get("themes");
  if (themes != "none") {
    if (themes.empty()) {
      for (const Theme& t : knowledge.themes) series.push_back({"theme:" + t.id, t.label, "", t.id});
    } else {
      size_t start = 0;
      while (start <= themes.size()) {
        size_t comma = themes.find(',', start);
        if (comma == std::string::npos) comma = themes.size();
        const std::string name(TrimView(std::string_view(themes).substr(start, comma - start)));
        start = comma + 1;
        if (name.empty()) continue;
        const Theme* theme = knowledge.FindTheme(name);
        if (theme == nullptr) return Usage("unknown theme '" + name + "'");
        series.push_back({"theme:" + theme->id, theme->label, "", theme->id});
      }
    }
  }
  if (args->Has("queries")) {
    auto queries = ReadQueries(args->Get("queries"));
    if (!queries.ok()) {
      return queries.status().code() == Status::Code::kInvalidArgument ? Usage(queries.status().message())
                                                                       : Fail(queries.status().message());
    }
    series.insert(series.end(), queries->begin(), queries->end());
  }
  if (series.empty()) return Usage("nothing to export: give --themes or --queries");

  std::string from, to;
  for (const auto& [name, end_of_period, target] :
       {std::tuple{"from", false, &from}, std::tuple{"to", true, &to}}) {
    if (!args->Has(name)) continue;
    auto bound = DateBound(args->Get(name), end_of_period);
    if (!bound.ok()) return Usage(std::string("--") + name + ": " + bound.status().message());
    *target = *bound;
  }

  IndexSet indexes(args->GetAll("db"));
  SearchService search(indexes, knowledge);
  TrendService trends(search);
  if (auto opened = indexes.Local(); !opened.ok()) return Fail(opened.status().message());

  const auto start = std::chrono::steady_clock::now();
  json doc;
  const std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  doc["generated"] = stamp;
  doc["series"] = json::array();
  for (const SeriesOut& s : series) {
    json meta = {{"key", s.key}, {"label", s.label}};
    if (!s.q.empty()) meta["q"] = s.q;
    if (!s.theme.empty()) meta["theme"] = s.theme;
    doc["series"].push_back(std::move(meta));
  }
  for (const Interval interval : {Interval::kYear, Interval::kQuarter, Interval::kMonth}) {
    json block;
    block["values"] = json::object();
    for (const SeriesOut& s : series) {
      TrendRequest request;
      request.series = {{s.q, s.theme}};
      request.interval = interval;
      request.from = from;
      request.to = to;
      request.share = true;
      auto whole = trends.Trends(request);
      if (!whole.ok()) return Fail(s.label + ": " + whole.status().message());
      request.split = Split::kCouncil;
      auto by_council = trends.Trends(request);
      if (!by_council.ok()) return Fail(s.label + ": " + by_council.status().message());
      block["buckets"] = whole->buckets;
      json values = SeriesValues(whole->series.at(0));
      values["councils"] = json::array();
      for (const TrendSeries& c : by_council->series) {
        if (c.split_value.empty()) continue;
        json v = SeriesValues(c);
        v["value"] = c.split_value;
        values["councils"].push_back(std::move(v));
      }
      block["values"][s.key] = std::move(values);
    }
    doc["intervals"][IntervalName(interval)] = std::move(block);
  }

  const fs::path out = args->Get("out");
  std::error_code ec;
  fs::create_directories(out / "data", ec);
  if (ec) return Fail("cannot create " + (out / "data").string() + ": " + ec.message());
  const fs::path web = args->Has("web") ? fs::path(args->Get("web")) : DefaultWebDir();
  if (Status copied = CopyWeb(web, out); !copied.ok()) return Fail(copied.message());
  const fs::path file = out / "data" / "trends.json", tmp = out / "data" / "trends.json.tmp";
  {
    std::ofstream f(tmp, std::ios::binary);
    f << doc.dump(-1, ' ', false, json::error_handler_t::replace);
    if (!f) return Fail("cannot write " + tmp.string());
  }
  fs::rename(tmp, file, ec);
  if (ec) return Fail("cannot write " + file.string() + ": " + ec.message());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "exported " << series.size() << " series (year, quarter, month; by council) to " << file.string()
            << " (" << fs::file_size(file, ec) / 1024 << " KB) with the web page, in " << std::fixed
            << std::setprecision(1) << seconds << " s\n";
  return kExitOk;
}

}  // namespace councilsearch
