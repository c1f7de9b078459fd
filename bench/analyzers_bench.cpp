// How the analyzers scale with the size of one paper: AnalyzePaper on 10 MB
// and 100 MB of real council text (Limerick's papers, concatenated) must take
// time linear in the size (the 100 MB run at most 12x the 10 MB run).
//
//   build/bench/analyzers_bench --benchmark_min_time=1x
//
// The text comes from $COUNCILSEARCH_CORPUS (default ../shared/corpus/limerick
// beside the repository), falling back to examples/corpus.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "analyzers/analyzer.h"
#include "analyzers/markdown_text.h"
#include "analyzers/normalize.h"

namespace {

namespace fs = std::filesystem;

std::string CorpusText() {
  static const std::string text = [] {
    const char* env = std::getenv("COUNCILSEARCH_CORPUS");
    fs::path dir = env != nullptr ? fs::path(env) : fs::path(COUNCILSEARCH_SOURCE_DIR) / ".." / "shared" / "corpus" / "limerick";
    if (!fs::is_directory(dir)) dir = fs::path(COUNCILSEARCH_SOURCE_DIR) / "examples" / "corpus";
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      const std::string ext = e.path().extension().string();
      if (e.is_regular_file() && (ext == ".md" || ext == ".txt")) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    std::string all;
    for (const fs::path& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream buf;
      buf << in.rdbuf();
      all += councilsearch::MarkdownToText(councilsearch::NormalizeText(buf.str()));
      all += "\n\f";
    }
    return all;
  }();
  return text;
}

// `megabytes` of corpus text: the corpus repeated as needed, cut at a line.
councilsearch::SourceText Input(size_t megabytes) {
  const std::string& corpus = CorpusText();
  councilsearch::SourceText source;
  source.format = "md";
  const size_t want = megabytes << 20;
  while (source.text.size() < want) source.text += corpus;
  source.text.resize(source.text.rfind('\n', want) + 1);
  return source;
}

void BM_AnalyzePaper(benchmark::State& state) {
  const councilsearch::SourceText source = Input(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    councilsearch::PaperAnalysis analysis = councilsearch::AnalyzePaper(source);
    benchmark::DoNotOptimize(analysis.items.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(source.text.size()));
}
BENCHMARK(BM_AnalyzePaper)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
