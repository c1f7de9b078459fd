#include "indexer/cli.h"

#include <csignal>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "analyzers/analyzer.h"
#include "analyzers/cli_args.h"
#include "analyzers/committees.h"
#include "analyzers/dates.h"
#include "analyzers/knowledge.h"
#include <filesystem>
#include "indexer/readers.h"
#include <cmath>
#include "indexer/metadata_sources.h"
#include "indexer/pipeline.h"
#include "indexer/stats.h"

namespace councilsearch {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void OnStopSignal(int) { g_stop.store(true); }

void InstallStopHandlers() {
  struct sigaction sa {};
  sa.sa_handler = OnStopSignal;
  sa.sa_flags = static_cast<int>(SA_RESETHAND);  // a second signal kills at once
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

constexpr const char* kMainHelp = R"(councilsearch-index - build and maintain a Council Search database

usage: councilsearch-index COMMAND [OPTIONS]

commands:
  index DIR --db PATH     index the papers in a folder (txt, md, html, pdf)
  import FILE --db PATH   import JSON Lines records (one paper per line)
  remove ID|KEY... --db PATH
                          remove papers by id or key
  stats --db PATH         what the database holds
  analyze FILE...         what the analyzers read from papers (no database)
  export-trends --db PATH --out DIR
                          trend series as JSON beside a copy of the web page,
                          for a static host

Run 'councilsearch-index COMMAND --help' for a command's options.

exit codes:
  0  success
  1  some papers or metadata lines failed (reported; the rest was indexed)
  2  bad command line
  3  another indexer is writing to the database (Xapian write lock)
  4  the database or the input cannot be read or written
  5  interrupted (SIGINT/SIGTERM); everything committed before is kept
)";

constexpr const char* kIndexHelp = R"(usage: councilsearch-index index DIR --db PATH [OPTIONS]

Indexes every paper under DIR (recursively): .txt .text .md .markdown .html
.htm .xhtml .pdf. Hidden files are skipped, other files ignored. Re-running
re-indexes only papers whose content or metadata changed.

Metadata, in priority order: a manifest (every manifest.jsonl under DIR, or
--manifest; one JSON object per line with "path" relative to the manifest's
folder and council, committee, date, title, type, url), then a sidecar
<file>.meta.json with the same fields, then what the analyzers read from the
text.

options:
  --db PATH            the database (created if missing)
  --manifest FILE      the manifest to use instead of those under DIR
  --collection NAME    names this folder's papers (default: the folder's name);
                       paper keys are NAME/relative-path
  --prune              remove papers of this collection whose files are gone
  --jobs N             analysis threads (default: one per core)
  --shards N           shards of a new database, each with its own writer
                       thread (default: one per core; 1: a plain Xapian
                       database). An existing database keeps its shards
  --max-file-mb N      skip larger files as failures (default 64)
  --batch-mb N         a shard commits after this much new text (default 64)
  --batch-papers N     ...or after this many papers (default 5000)
  --data DIR           the analyzers' data files (councils.json, themes.json,
                       abbreviations.json; default: analyzers/data)
  -h, --help           this help
)";

constexpr const char* kImportHelp = R"(usage: councilsearch-index import FILE.jsonl --db PATH [OPTIONS]

Imports JSON Lines: one object per line with "id" (the paper's identity:
importing the same id again replaces it), "text", and optionally council,
committee, date (YYYY-MM-DD), title, type, url. FILE '-' reads standard input,
e.g. zstd -dc records.jsonl.zst | councilsearch-index import - --db PATH.
A bad line is reported with its line number and skipped.

options:
  --db PATH            the database (created if missing)
  --collection NAME    recorded with each paper (default: the file's stem)
  --jobs N             analysis threads (default: one per core)
  --shards N           shards of a new database (see 'index --help')
  --batch-mb N         a shard commits after this much new text (default 64)
  --batch-papers N     ...or after this many papers (default 5000)
  --data DIR           the analyzers' data files (councils.json, themes.json,
                       abbreviations.json; default: analyzers/data)
  -h, --help           this help
)";

constexpr const char* kRemoveHelp = R"(usage: councilsearch-index remove ID|KEY... --db PATH

Removes papers, each given by its id (16 hex digits, as in search results) or
its key (COLLECTION/relative-path for a file, the "id" of a JSON Lines record).

options:
  --db PATH            the database
  -h, --help           this help
)";

constexpr const char* kStatsHelp = R"(usage: councilsearch-index stats --db PATH [--db PATH...] [--json]

Papers, items, distinct terms, the range of meeting dates (and how many papers
are undated), and counts per council, committee, type, format and date. Several
--db are read as the shards of one index.

options:
  --db PATH            a database (repeatable)
  --json               machine-readable output
  -h, --help           this help
)";

constexpr const char* kAnalyzeHelp = R"(usage: councilsearch-index analyze FILE... [--manifest FILE] [--json]

Prints what the analyzers read from each paper, without touching a database:
council, committee, meeting date and type, each with a confidence and the text
it came from, and the items (number, heading, page). Use it to ask "why is this
paper dated 2019?". Without --manifest it uses the text alone; with it, the
manifest's fields win, as when indexing.

options:
  --manifest FILE      merge the metadata of this manifest (as the indexer does)
  --json               JSON: one object for one file, JSON Lines for several
  --explain            also list the candidate meeting dates and committees with their scores
  --text               include each item's text (with --json)
  --data DIR           the analyzers' data files (councils.json, themes.json,
                       abbreviations.json; default: analyzers/data)
  -h, --help           this help
)";

int UsageError(const std::string& message, const std::string& command) {
  std::cerr << "councilsearch-index: " << message << "\n(see 'councilsearch-index " << command
            << " --help')\n";
  return kExitUsage;
}

int StatusExit(const Status& s) {
  std::cerr << "councilsearch-index: " << s.message() << "\n";
  switch (s.code()) {
    case Status::Code::kBusy: return kExitBusy;
    case Status::Code::kInvalidArgument: return kExitUsage;
    default: return kExitIoError;
  }
}

// Loads the analyzers' data files (--data DIR, else the default location) and
// makes them the default knowledge; broken files stop the run with a reason.
Status LoadDataFiles(const ParsedArgs& args) {
  const std::filesystem::path dir = args.Has("data") ? std::filesystem::path(args.Get("data")) : DefaultDataDir();
  auto knowledge = LoadKnowledge(dir);
  if (!knowledge.ok()) return knowledge.status().WithContext("data files in " + dir.string());
  SetDefaultKnowledge(*knowledge);
  return Status::Ok();
}

// Parses options common to index/import; returns false on a usage error.
Status ReadRunOptions(const ParsedArgs& args, IndexOptions& options) {
  options.db_path = args.Get("db");
  if (options.db_path.empty()) return Status::InvalidArgument("--db PATH is required");
  options.collection = args.Get("collection");
  if (args.Has("jobs")) {
    auto v = ParseUnsignedOption("jobs", args.Get("jobs"), 1, 256);
    if (!v.ok()) return v.status();
    options.jobs = static_cast<unsigned>(*v);
  }
  if (args.Has("max-file-mb")) {
    auto v = ParseUnsignedOption("max-file-mb", args.Get("max-file-mb"), 1, 4096);
    if (!v.ok()) return v.status();
    options.max_file_bytes = *v << 20;
  }
  if (args.Has("shards")) {
    auto v = ParseUnsignedOption("shards", args.Get("shards"), 1, 256);
    if (!v.ok()) return v.status();
    options.writer.new_shards = static_cast<unsigned>(*v);
  }
  if (args.Has("batch-mb")) {
    auto v = ParseUnsignedOption("batch-mb", args.Get("batch-mb"), 1, 65536);
    if (!v.ok()) return v.status();
    options.writer.batch_bytes = *v << 20;
  }
  if (args.Has("batch-papers")) {
    auto v = ParseUnsignedOption("batch-papers", args.Get("batch-papers"), 1, 10000000);
    if (!v.ok()) return v.status();
    options.writer.batch_papers = static_cast<uint32_t>(*v);
  }
  options.stop = &g_stop;
  return Status::Ok();
}

int ReportRun(const std::string& what, const RunSummary& s) {
  std::printf("%s: %llu added, %llu updated, %llu unchanged, %llu removed, %zu failed", what.c_str(),
              static_cast<unsigned long long>(s.added), static_cast<unsigned long long>(s.updated),
              static_cast<unsigned long long>(s.unchanged), static_cast<unsigned long long>(s.removed),
              s.failures.size());
  if (s.ignored > 0) std::printf(", %llu ignored (not papers)", static_cast<unsigned long long>(s.ignored));
  std::printf("\n");
  if (s.seconds > 0) {
    std::printf("%llu items written; %s read in %.1f s (%.2f MB/s); %zu commits\n",
                static_cast<unsigned long long>(s.items), FormatBytes(s.bytes).c_str(), s.seconds,
                static_cast<double>(s.bytes) / 1e6 / s.seconds, s.commits);
  }
  if (!s.warnings.empty()) {
    std::printf("warnings (%zu; these papers were indexed without the field):\n", s.warnings.size());
    for (const Failure& w : s.warnings) std::printf("  %s: %s\n", w.source.c_str(), w.reason.c_str());
  }
  if (!s.failures.empty()) {
    std::printf("failures:\n");
    for (const Failure& f : s.failures) std::printf("  %s: %s\n", f.source.c_str(), f.reason.c_str());
  }
  if (s.interrupted) {
    std::printf("interrupted: the papers above were committed; run again to continue\n");
    return kExitInterrupted;
  }
  return s.failures.empty() ? kExitOk : kExitSomeFailed;
}

const std::vector<OptionSpec> kRunOptions = {{"help"},           {"db", true},        {"collection", true},
                                             {"jobs", true},     {"batch-mb", true},  {"batch-papers", true},
                                             {"shards", true},   {"data", true}};

int IndexCommand(const std::vector<std::string>& argv) {
  std::vector<OptionSpec> specs = kRunOptions;
  specs.push_back({"manifest", true});
  specs.push_back({"prune"});
  specs.push_back({"max-file-mb", true});
  auto args = ParseArgs(argv, specs);
  if (!args.ok()) return UsageError(args.status().message(), "index");
  if (args->Has("help")) {
    std::cout << kIndexHelp;
    return kExitOk;
  }
  if (args->positionals.size() != 1) return UsageError("give exactly one folder to index", "index");
  IndexOptions options;
  if (Status s = ReadRunOptions(*args, options); !s.ok()) return UsageError(s.message(), "index");
  if (args->Has("manifest")) options.manifest = args->Get("manifest");
  options.prune = args->Has("prune");
  if (Status s = LoadDataFiles(*args); !s.ok()) return StatusExit(s);
  InstallStopHandlers();
  auto progress = MakeConsoleProgress(stderr);
  auto summary = IndexDirectory(args->positionals[0], options, *progress);
  if (!summary.ok()) return StatusExit(summary.status());
  return ReportRun("indexed " + args->positionals[0] + " into " + options.db_path, *summary);
}

int ImportCommand(const std::vector<std::string>& argv) {
  std::vector<OptionSpec> specs = kRunOptions;
  auto args = ParseArgs(argv, specs);
  if (!args.ok()) return UsageError(args.status().message(), "import");
  if (args->Has("help")) {
    std::cout << kImportHelp;
    return kExitOk;
  }
  if (args->positionals.size() != 1) return UsageError("give exactly one JSON Lines file (or -)", "import");
  IndexOptions options;
  if (Status s = ReadRunOptions(*args, options); !s.ok()) return UsageError(s.message(), "import");
  if (Status s = LoadDataFiles(*args); !s.ok()) return StatusExit(s);
  InstallStopHandlers();
  auto progress = MakeConsoleProgress(stderr);
  auto summary = ImportJsonl(args->positionals[0], options, *progress);
  if (!summary.ok()) return StatusExit(summary.status());
  return ReportRun("imported " + args->positionals[0] + " into " + options.db_path, *summary);
}

int RemoveCommand(const std::vector<std::string>& argv) {
  auto args = ParseArgs(argv, {{"help"}, {"db", true}});
  if (!args.ok()) return UsageError(args.status().message(), "remove");
  if (args->Has("help")) {
    std::cout << kRemoveHelp;
    return kExitOk;
  }
  if (!args->Has("db")) return UsageError("--db PATH is required", "remove");
  if (args->positionals.empty()) return UsageError("give at least one paper id or key", "remove");
  auto summary = RemovePapers(args->Get("db"), args->positionals);
  if (!summary.ok()) return StatusExit(summary.status());
  return ReportRun("removed from " + args->Get("db"), *summary);
}

int StatsCommand(const std::vector<std::string>& argv) {
  auto args = ParseArgs(argv, {{"help"}, {"db", true, true}, {"json"}});
  if (!args.ok()) return UsageError(args.status().message(), "stats");
  if (args->Has("help")) {
    std::cout << kStatsHelp;
    return kExitOk;
  }
  if (!args->Has("db")) return UsageError("--db PATH is required", "stats");
  if (!args->positionals.empty()) return UsageError("unexpected argument " + args->positionals[0], "stats");
  auto stats = ComputeStats(args->GetAll("db"));
  if (!stats.ok()) return StatusExit(stats.status());
  if (args->Has("json")) {
    std::cout << StatsToJson(*stats).dump(2) << "\n";
  } else {
    std::cout << FormatStats(*stats);
  }
  return kExitOk;
}

// The candidate meeting dates and committees of a paper, best first.
nlohmann::json Explain(const std::string& file, const PaperAnalysis& analysis) {
  nlohmann::json out = nlohmann::json::array();
  nlohmann::json committees = nlohmann::json::array();
  const auto format = FormatForPath(file);
  auto bytes = ReadFileBytes(file, 1ull << 30);
  if (!format || !bytes.ok()) return {};
  auto source = ExtractText(*bytes, *format);
  if (!source.ok()) return {};
  const std::string council = analysis.council ? analysis.council->value : "";
  for (const CommitteeCandidate& c : RankCommittees(source->text, council, &DefaultKnowledge())) {
    if (committees.size() == 6) break;
    committees.push_back({{"committee", c.name}, {"score", std::round(c.score * 10) / 10}, {"text", c.evidence}});
  }
  for (const DateCandidate& c : RankMeetingDates(source->text)) {
    if (out.size() == 8) break;
    const std::string_view text = source->text;
    out.push_back({{"date", c.iso}, {"score", std::round(c.score * 10) / 10}, {"mentions", c.mentions},
                   {"text", std::string(text.substr(c.mention.begin, c.mention.end - c.mention.begin))},
                   {"offset", c.mention.begin}});
  }
  return {{"dates", out}, {"committees", committees}};
}

// Human-readable analysis of one paper.
void PrintAnalysis(const std::string& file, const nlohmann::json& a) {
  std::printf("%s\n", file.c_str());
  for (const char* field : {"council", "committee", "date", "type", "title"}) {
    const auto& f = a[field];
    if (f.is_null()) {
      std::printf("  %-10s (unknown)\n", field);
    } else {
      std::printf("  %-10s %s  [%.2f, %s]\n", field, f["value"].get<std::string>().c_str(),
                  f["confidence"].get<double>(), f["evidence"].get<std::string>().c_str());
    }
  }
  if (a.contains("candidates")) {
    std::printf("  committee candidates:\n");
    for (const auto& c : a["candidates"]["committees"]) {
      std::printf("    %-60s score %5.1f  %s\n", c["committee"].get<std::string>().c_str(), c["score"].get<double>(),
                  c["text"].get<std::string>().c_str());
    }
    std::printf("  date candidates:\n");
    for (const auto& c : a["candidates"]["dates"]) {
      std::printf("    %s  score %5.1f  x%d  at %d: %s\n", c["date"].get<std::string>().c_str(),
                  c["score"].get<double>(), c["mentions"].get<int>(), c["offset"].get<int>(),
                  c["text"].get<std::string>().c_str());
    }
  }
  std::printf("  items: %zu\n", a["items"].size());
  for (const auto& item : a["items"]) {
    std::printf("    %3d  %-8s %s", item["ordinal"].get<int>(), item["number"].get<std::string>().c_str(),
                item["heading"].get<std::string>().c_str());
    if (item.contains("page")) std::printf("  (page %d)", item["page"].get<int>());
    std::printf("\n");
  }
}

int AnalyzeCommand(const std::vector<std::string>& argv) {
  auto args = ParseArgs(argv, {{"help"}, {"manifest", true}, {"json"}, {"explain"}, {"text"}, {"data", true}});
  if (!args.ok()) return UsageError(args.status().message(), "analyze");
  if (args->Has("help")) {
    std::cout << kAnalyzeHelp;
    return kExitOk;
  }
  if (args->positionals.empty()) return UsageError("give at least one paper", "analyze");
  if (Status s = LoadDataFiles(*args); !s.ok()) return StatusExit(s);
  std::optional<Manifest> manifest;
  if (args->Has("manifest")) {
    auto loaded = LoadManifest(args->Get("manifest"));
    if (!loaded.ok()) return StatusExit(loaded.status());
    manifest = std::move(loaded).value();
  }
  const bool json = args->Has("json");
  const bool lines = args->positionals.size() > 1;
  int exit_code = kExitOk;
  for (const std::string& file : args->positionals) {
    auto analysis = AnalyzeFile(file, manifest ? &*manifest : nullptr);
    if (!analysis.ok()) {
      std::cerr << "councilsearch-index: " << file << ": " << analysis.status().message() << "\n";
      exit_code = kExitSomeFailed;
      continue;
    }
    nlohmann::json j = AnalysisToJson(*analysis);
    if (args->Has("explain")) j["candidates"] = Explain(file, *analysis);
    if (args->Has("text")) {
      for (size_t k = 0; k < analysis->items.size(); ++k) j["items"][k]["text"] = analysis->items[k].text;
    }
    if (json) {
      j["file"] = file;
      std::cout << (lines ? j.dump() : j.dump(2)) << "\n";
    } else {
      PrintAnalysis(file, j);
    }
  }
  return exit_code;
}

}  // namespace

int RunIndexCli(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kMainHelp;
    return args.empty() ? kExitUsage : kExitOk;
  }
  if (args[0] == "--version") {
    std::cout << "councilsearch-index 0.1.0\n";
    return kExitOk;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "index") return IndexCommand(rest);
  if (args[0] == "import") return ImportCommand(rest);
  if (args[0] == "remove") return RemoveCommand(rest);
  if (args[0] == "stats") return StatsCommand(rest);
  if (args[0] == "analyze") return AnalyzeCommand(rest);
  std::cerr << "councilsearch-index: unknown command '" << args[0] << "'\n\n" << kMainHelp;
  return kExitUsage;
}

}  // namespace councilsearch
