#include "indexer/pipeline.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "analyzers/analyzer.h"
#include "analyzers/committees.h"
#include "analyzers/knowledge.h"
#include "analyzers/normalize.h"
#include "analyzers/text_profile.h"
#include "analyzers/text_util.h"
#include "indexer/document_builder.h"
#include "indexer/jsonl.h"
#include "indexer/metadata_sources.h"
#include "indexer/readers.h"

namespace councilsearch {
namespace fs = std::filesystem;
namespace {

// Changing what the analyzers produce changes every fingerprint, so an
// upgraded indexer re-indexes everything once.
constexpr std::string_view kAnalysisVersion = "analysis-4";

// One unit of work: a file, or a JSON Lines record.
struct Task {
  std::string source;              // for messages: path or "file:line"
  std::string key;                 // paper identity
  fs::path path;                   // a file task
  Format format = Format::kText;
  std::optional<SourceFields> manifest;
  std::string line;                // a record task: the raw JSON line
  bool is_record = false;
};

struct Prepared {
  enum class Kind { kUnchanged, kChanged, kFailed } kind = Kind::kFailed;
  PaperRecord record;
  std::vector<Xapian::Document> docs;
  SpellingWords spelling;  // of docs
  std::string reason;
  std::vector<std::string> warnings;
  uint64_t bytes = 0;
  uint64_t text_bytes = 0;
};

std::string FieldsFingerprint(const SourceFields& f) {
  nlohmann::json j;
  auto put = [&j](const char* name, const std::optional<std::string>& v) {
    if (v) j[name] = *v;
  };
  put("council", f.fields.council);
  put("committee", f.fields.committee);
  put("date", f.fields.date);
  put("title", f.fields.title);
  put("type", f.fields.type);
  put("url", f.fields.url);
  j["raw_type"] = f.raw_type;
  return j.dump();
}

// Bytes, external metadata, the analysis version and the data files
// (themes, abbreviations, councils): a change to any re-indexes the paper.
std::string Fingerprint(std::string_view bytes, const SourceFields& external) {
  uint64_t h = Fnv1a64(bytes);
  h = Fnv1a64(FieldsFingerprint(external), h);
  h = Fnv1a64(kAnalysisVersion, h);
  h = Fnv1a64(DefaultKnowledge().fingerprint, h);
  return Hex64(h);
}

// One name per council and per committee, whatever the source wrote: a
// known council's canonical name; the committee canonicalised for its council
// (the source's spelling and the meeting kind are kept in the record).
void CanonicaliseBodies(PaperRecord& record, const PaperAnalysis& analysis) {
  const Knowledge& kb = DefaultKnowledge();
  if (record.fields.council) {
    if (const CouncilInfo* known = kb.FindCouncil(*record.fields.council)) record.fields.council = known->name;
  }
  if (record.fields.committee) {
    const CommitteeName canonical = CanonicalCommittee(*record.fields.committee, record.fields.council.value_or(""), &kb);
    if (!canonical.name.empty()) {
      if (canonical.name != *record.fields.committee) record.raw_committee = *record.fields.committee;
      record.fields.committee = canonical.name;
      record.meeting_kinds = canonical.kinds;
    }
  }
  if (record.meeting_kinds.empty()) record.meeting_kinds = analysis.meeting_kinds;
}

// Everything a worker thread owns.
class Preparer {
 public:
  Preparer(const std::map<std::string, std::string>& known_hashes, std::string collection, uint64_t max_bytes)
      : known_(known_hashes), collection_(std::move(collection)), max_bytes_(max_bytes),
        tg_(MakeTermGenerator()) {}

  Prepared Run(const Task& task) {
    try {
      return task.is_record ? Record(task) : File(task);
    } catch (const std::exception& e) {
      return Failed("internal error: " + std::string(e.what()));
    } catch (const Xapian::Error& e) {
      return Failed("internal error: " + e.get_description());
    }
  }

 private:
  static Prepared Failed(std::string reason, uint64_t bytes = 0) {
    Prepared p;
    p.kind = Prepared::Kind::kFailed;
    p.reason = std::move(reason);
    p.bytes = bytes;
    return p;
  }

  Prepared File(const Task& task) {
    auto bytes = ReadFileBytes(task.path, max_bytes_);
    if (!bytes.ok()) return Failed(bytes.status().message());
    SourceFields external = task.manifest.value_or(SourceFields{});
    auto sidecar = LoadSidecar(task.path);
    if (!sidecar.ok()) return Failed(sidecar.status().message(), bytes->size());
    external.fields.FillFrom(sidecar->fields);
    if (external.raw_type.empty()) external.raw_type = sidecar->raw_type;
    external.warnings = sidecar->warnings;

    PaperRecord record = NewRecord(task.key, *bytes, external);
    record.format = FormatName(task.format);
    if (IsUnchanged(record)) return Unchanged(std::move(record), bytes->size());
    auto source = ExtractText(*bytes, task.format);
    if (!source.ok()) return Failed(source.status().message(), bytes->size());
    const std::string fallback_title = task.path.stem().string();
    return Analyse(std::move(record), std::move(source).value(), external, fallback_title, bytes->size());
  }

  Prepared Record(const Task& task) {
    auto parsed = ParseJsonlRecord(task.line);
    if (!parsed.ok()) return Failed(parsed.status().message(), task.line.size());
    JsonlRecord rec = std::move(parsed).value();
    PaperRecord record = NewRecord(rec.id, rec.text, rec.fields);
    record.format = "jsonl";
    if (IsUnchanged(record)) return Unchanged(std::move(record), task.line.size());
    SourceText source;
    source.text = NormalizeText(rec.text);
    source.format = "jsonl";
    source.source_encoding = "UTF-8";
    if (TrimView(source.text).empty()) return Failed("empty \"text\"", task.line.size());
    // The JSON parser has already rejected invalid UTF-8.
    return Analyse(std::move(record), std::move(source), rec.fields, rec.id, task.line.size());
  }

  PaperRecord NewRecord(const std::string& key, std::string_view bytes, const SourceFields& external) const {
    PaperRecord r;
    r.key = key;
    r.id = PaperIdForKey(key);
    r.collection = collection_;
    r.hash = Fingerprint(bytes, external);
    r.bytes = bytes.size();
    r.raw_type = external.raw_type;
    return r;
  }

  bool IsUnchanged(const PaperRecord& r) const {
    const auto it = known_.find(r.id);
    return it != known_.end() && it->second == r.hash;
  }

  static Prepared Unchanged(PaperRecord record, uint64_t bytes) {
    Prepared p;
    p.kind = Prepared::Kind::kUnchanged;
    p.record = std::move(record);
    p.bytes = bytes;
    return p;
  }

  Prepared Analyse(PaperRecord record, SourceText source, const SourceFields& external,
                   const std::string& fallback_title, uint64_t bytes) {
    Prepared p;
    p.warnings = external.warnings;
    const PaperAnalysis analysis = AnalyzePaper(source, external.fields);
    // Priority: manifest, then sidecar (already merged into `external`), then the text.
    record.fields = external.fields;
    record.fields.FillFrom(analysis.AsFields());
    if (!record.fields.title) record.fields.title = fallback_title;
    CanonicaliseBodies(record, analysis);
    record.attendees = analysis.attendees;
    record.encoding = source.source_encoding;
    record.page_count = static_cast<uint32_t>(source.pages.size());
    p.kind = Prepared::Kind::kChanged;
    p.docs = BuildItemDocuments(record, analysis, tg_, DefaultKnowledge());
    p.spelling = SpellingWordsOf(analysis);
    p.record = std::move(record);
    p.bytes = bytes;
    p.text_bytes = source.text.size();
    return p;
  }

  const std::map<std::string, std::string>& known_;
  std::string collection_;
  uint64_t max_bytes_;
  Xapian::TermGenerator tg_;
};

// Runs `next_task` -> Preparer on `jobs` threads and hands the results to
// `consume` on the calling thread, in task order. Workers run at most
// `window` tasks ahead of the consumer, which bounds memory. `consume`
// returning false stops the run (no new tasks are started).
void RunParallel(unsigned jobs, const std::function<std::optional<Task>()>& next_task,
                 const std::function<Preparer()>& make_preparer,
                 const std::function<bool(const Task&, Prepared&&)>& consume, const std::atomic<bool>* stop) {
  const uint64_t window = std::max(8u, jobs * 8u);
  std::mutex m;
  std::condition_variable cv;
  std::map<uint64_t, std::pair<Task, Prepared>> done;
  uint64_t assigned = 0, consumed = 0;
  unsigned running = jobs;
  bool exhausted = false;

  auto worker = [&] {
    Preparer preparer = make_preparer();
    while (true) {
      Task task;
      uint64_t seq;
      {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return exhausted || assigned < consumed + window; });
        std::optional<Task> next;
        if (!exhausted && !(stop != nullptr && stop->load())) next = next_task();
        if (!next) {
          exhausted = true;
          --running;
          cv.notify_all();
          return;
        }
        task = std::move(*next);
        seq = assigned++;
      }
      Prepared prepared = preparer.Run(task);
      {
        std::lock_guard<std::mutex> lock(m);
        done.emplace(seq, std::make_pair(std::move(task), std::move(prepared)));
      }
      cv.notify_all();
    }
  };

  std::vector<std::thread> threads;
  for (unsigned i = 0; i < jobs; ++i) threads.emplace_back(worker);
  bool keep_going = true;
  while (true) {
    std::pair<Task, Prepared> next;
    {
      std::unique_lock<std::mutex> lock(m);
      cv.wait(lock, [&] { return done.count(consumed) != 0 || (running == 0 && consumed == assigned); });
      auto it = done.find(consumed);
      if (it == done.end()) break;
      next = std::move(it->second);
      done.erase(it);
      ++consumed;
      if (!keep_going) continue;
    }
    cv.notify_all();
    if (!consume(next.first, std::move(next.second))) {
      std::lock_guard<std::mutex> lock(m);
      keep_going = false;
      exhausted = true;
      cv.notify_all();
    }
  }
  for (auto& t : threads) t.join();
}

unsigned ResolveJobs(unsigned jobs) {
  if (jobs > 0) return jobs;
  return std::max(1u, std::thread::hardware_concurrency());
}

// Writes prepared papers and keeps the run's counts.
class RunState {
 public:
  RunState(IndexWriter& writer, RunSummary& summary, ProgressSink& progress)
      : writer_(writer), summary_(summary), progress_(progress) {}

  // false: a database error; the run must stop (`fatal()` says why).
  bool Apply(const Task& task, Prepared&& p) {
    summary_.bytes += p.bytes;
    ++papers_done_;
    for (const std::string& w : p.warnings) Warn(task.source, w);
    bool ok = true;
    switch (p.kind) {
      case Prepared::Kind::kFailed:
        Fail(task.source, p.reason);
        break;
      case Prepared::Kind::kUnchanged:
        ++summary_.unchanged;
        break;
      case Prepared::Kind::kChanged: {
        const auto existing = writer_.papers().find(p.record.id);
        const bool update = existing != writer_.papers().end();
        if (update && existing->second.hash == p.record.hash) {  // the same record twice in one input
          ++summary_.unchanged;
          break;
        }
        const size_t items = p.docs.size();
        fatal_ = writer_.WritePaper(std::move(p.record), std::move(p.docs), std::move(p.spelling), p.text_bytes);
        if (!fatal_.ok()) {
          ok = false;
          break;
        }
        summary_.items += items;
        ++(update ? summary_.updated : summary_.added);
        break;
      }
    }
    ReportCommits();
    progress_.Advance(papers_done_, summary_.bytes);
    return ok;
  }

  // The writer's shards commit on their own threads; their commits are
  // reported here, on the thread that owns the progress display.
  void ReportCommits() {
    for (const size_t commits = writer_.commits(); reported_commits_ < commits;)
      progress_.Message("committed batch " + std::to_string(++reported_commits_));
  }

  void Fail(const std::string& source, const std::string& reason) {
    summary_.failures.push_back({source, reason});
    progress_.Message("FAILED " + source + ": " + reason);
  }

  void Warn(const std::string& source, const std::string& reason) {
    summary_.warnings.push_back({source, reason});
    progress_.Message("WARNING " + source + ": " + reason);
  }

  const Status& fatal() const { return fatal_; }

 private:
  IndexWriter& writer_;
  RunSummary& summary_;
  ProgressSink& progress_;
  uint64_t papers_done_ = 0;
  size_t reported_commits_ = 0;
  Status fatal_;
};

std::map<std::string, std::string> KnownHashes(const IndexWriter& writer) {
  std::map<std::string, std::string> known;
  for (const auto& [id, record] : writer.papers()) known.emplace(id, record.hash);
  return known;
}

// Runs the tasks, then `after` (unless interrupted), commits, and fills in
// the summary's counts and timing.
Status Execute(const IndexOptions& options, IndexWriter& writer, RunSummary& summary, ProgressSink& progress,
               const std::string& collection, const std::function<std::optional<Task>()>& next_task,
               const std::function<Status()>& after = nullptr) {
  const auto start = std::chrono::steady_clock::now();
  const std::map<std::string, std::string> known = KnownHashes(writer);
  RunState state(writer, summary, progress);
  RunParallel(
      ResolveJobs(options.jobs), next_task,
      [&] { return Preparer(known, collection, options.max_file_bytes); },
      [&](const Task& task, Prepared&& p) { return state.Apply(task, std::move(p)); }, options.stop);
  if (!state.fatal().ok()) return state.fatal();
  summary.interrupted = options.stop != nullptr && options.stop->load();
  if (after && !summary.interrupted) {
    if (Status s = after(); !s.ok()) return s;
  }
  if (Status s = writer.Commit(); !s.ok()) return s;
  state.ReportCommits();
  progress.Finish();
  summary.commits = writer.commits();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return Status::Ok();
}

bool IsHidden(const fs::path& relative) {
  for (const auto& part : relative)
    if (!part.empty() && part.string()[0] == '.' && part != "." && part != "..") return true;
  return false;
}

}  // namespace

Result<RunSummary> IndexDirectory(const fs::path& dir, const IndexOptions& options, ProgressSink& progress) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound("no such folder: " + dir.string());
  const fs::path root = fs::absolute(dir).lexically_normal();
  std::string collection = options.collection;
  if (collection.empty()) {
    collection = (root.has_filename() ? root : root.parent_path()).filename().string();
  }

  RunSummary summary;
  // The papers, in a stable order, and every manifest.jsonl among them (a
  // corpus may gather several collections, each with its own manifest).
  std::vector<fs::path> manifests;
  std::vector<std::pair<fs::path, Format>> files;
  uint64_t total_bytes = 0;
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::path rel = it->path().lexically_relative(root);
    if (IsHidden(rel)) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    const auto format = FormatForPath(it->path());
    if (!format) {
      const std::string name = it->path().filename().string();
      if (name == "manifest.jsonl") {
        manifests.push_back(it->path().lexically_normal());
      } else if (!EndsWith(name, ".meta.json")) {
        ++summary.ignored;
      }
      continue;
    }
    files.emplace_back(it->path().lexically_normal(), *format);
    total_bytes += it->file_size(ec);
  }
  if (ec) return Status::IoError("listing " + dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());

  // Metadata: the manifests found (--manifest replaces them), merged; a path
  // listed by two manifests takes the later one's fields.
  Manifest manifest;
  if (options.manifest) manifests = {*options.manifest};
  std::sort(manifests.begin(), manifests.end());
  for (const fs::path& file : manifests) {
    auto loaded = LoadManifest(file);
    if (!loaded.ok()) return loaded.status();
    for (auto& [path, fields] : loaded->by_path) manifest.by_path[path] = std::move(fields);
    manifest.problems.insert(manifest.problems.end(), loaded->problems.begin(), loaded->problems.end());
    manifest.warnings.insert(manifest.warnings.end(), loaded->warnings.begin(), loaded->warnings.end());
  }

  auto writer = IndexWriter::Open(options.db_path, options.writer);
  if (!writer.ok()) return writer.status();

  progress.Start("indexing " + dir.string(), files.size(), total_bytes);
  for (const MetadataProblem& problem : manifest.problems) {
    summary.failures.push_back({problem.where, problem.reason});
    progress.Message("FAILED " + problem.where + ": " + problem.reason);
  }
  for (const MetadataProblem& warning : manifest.warnings) {
    summary.warnings.push_back({warning.where, warning.reason});
    progress.Message("WARNING " + warning.where + ": " + warning.reason);
  }

  std::set<std::string> seen_keys;
  size_t next = 0;
  auto next_task = [&]() -> std::optional<Task> {
    if (next >= files.size()) return std::nullopt;
    const auto& [path, format] = files[next++];
    Task t;
    t.path = path;
    t.format = format;
    t.source = path.string();
    t.key = collection + "/" + path.lexically_relative(root).generic_string();
    seen_keys.insert(t.key);
    if (const auto m = manifest.by_path.find(path); m != manifest.by_path.end()) t.manifest = m->second;
    return t;
  };
  auto prune = [&]() -> Status {
    if (!options.prune) return Status::Ok();
    std::vector<std::string> gone;
    for (const auto& [id, record] : (*writer)->papers())
      if (record.collection == collection && seen_keys.count(record.key) == 0) gone.push_back(id);
    for (const std::string& id : gone) {
      if (Status s = (*writer)->RemovePaper(id); !s.ok()) return s;
      ++summary.removed;
    }
    return Status::Ok();
  };
  if (Status s = Execute(options, **writer, summary, progress, collection, next_task, prune); !s.ok()) return s;
  return summary;
}

Result<RunSummary> ImportJsonl(const fs::path& file, const IndexOptions& options, ProgressSink& progress) {
  std::ifstream stream;
  std::istream* in = &std::cin;
  uint64_t total_bytes = 0;
  std::error_code ec;
  if (file != "-") {
    if (!fs::is_regular_file(file, ec)) return Status::NotFound("no such file: " + file.string());
    stream.open(file, std::ios::binary);
    if (!stream) return Status::IoError("cannot read " + file.string());
    in = &stream;
    total_bytes = fs::file_size(file, ec);
  }
  const std::string collection =
      !options.collection.empty() ? options.collection : (file == "-" ? std::string("stdin") : file.stem().string());

  auto writer = IndexWriter::Open(options.db_path, options.writer);
  if (!writer.ok()) return writer.status();
  progress.Start("importing " + file.string(), 0, total_bytes);

  size_t line_no = 0;
  std::string line;
  auto next_task = [&]() -> std::optional<Task> {
    while (std::getline(*in, line)) {
      ++line_no;
      if (TrimView(line).empty()) continue;
      Task t;
      t.is_record = true;
      t.source = file.string() + ":" + std::to_string(line_no);
      t.line = std::move(line);
      return t;
    }
    return std::nullopt;
  };
  RunSummary summary;
  if (Status s = Execute(options, **writer, summary, progress, collection, next_task); !s.ok()) return s;
  return summary;
}

Result<PaperAnalysis> AnalyzeFile(const fs::path& file, const Manifest* manifest) {
  const auto format = FormatForPath(file);
  if (!format) return Status::Unsupported("not a paper format (txt, md, html, pdf): " + file.string());
  auto bytes = ReadFileBytes(file, 1ull << 30);
  if (!bytes.ok()) return bytes.status();
  auto source = ExtractText(*bytes, *format);
  if (!source.ok()) return source.status();
  PaperAnalysis analysis = AnalyzePaper(*source);
  if (manifest == nullptr) return analysis;
  SourceFields external;
  if (const auto m = manifest->by_path.find(fs::absolute(file).lexically_normal()); m != manifest->by_path.end())
    external = m->second;
  auto sidecar = LoadSidecar(file);
  if (!sidecar.ok()) return sidecar.status();
  const std::string manifest_evidence = "manifest " + manifest->file.string();
  const std::string sidecar_evidence = "sidecar " + SidecarPath(file).string();
  auto override_with = [&](std::optional<Extracted>& field, const std::optional<std::string>& manifest_value,
                           const std::optional<std::string>& sidecar_value) {
    if (manifest_value) {
      field = Extracted{*manifest_value, 1.0, manifest_evidence};
    } else if (sidecar_value) {
      field = Extracted{*sidecar_value, 1.0, sidecar_evidence};
    }
  };
  const PaperFields& m = external.fields;
  const PaperFields& s = sidecar->fields;
  override_with(analysis.council, m.council, s.council);
  override_with(analysis.committee, m.committee, s.committee);
  override_with(analysis.date, m.date, s.date);
  override_with(analysis.type, m.type, s.type);
  override_with(analysis.title, m.title, s.title);
  return analysis;
}

Result<RunSummary> RemovePapers(const std::string& db_path, const std::vector<std::string>& ids_or_keys) {
  std::error_code ec;
  if (!fs::exists(db_path, ec)) return Status::NotFound("no database at " + db_path);
  auto writer = IndexWriter::Open(db_path);
  if (!writer.ok()) return writer.status();
  RunSummary summary;
  for (const std::string& wanted : ids_or_keys) {
    std::string id = wanted;
    if ((*writer)->papers().count(id) == 0) id = PaperIdForKey(wanted);
    const Status s = (*writer)->RemovePaper(id);
    if (s.code() == Status::Code::kNotFound) {
      summary.failures.push_back({wanted, "no such paper (neither an id nor a key)"});
    } else if (!s.ok()) {
      return s;
    } else {
      ++summary.removed;
    }
  }
  if (Status s = (*writer)->Commit(); !s.ok()) return s;
  return summary;
}

}  // namespace councilsearch
