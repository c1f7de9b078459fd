// Xapian as Omega's tools leave it: a database made by omindex (whole files,
// no analysis), queried in-process with QueryParser (English stemming,
// default AND) for the top 10, and with MSet::snippet over the file's text.
// Prints one JSON object.
//
//   xapian_plain_bench DB QUERIES FILE_ROOT
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

double Pct(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

std::string FileFor(const Xapian::Document& doc, const std::string& root) {
  // omindex stores "url=/relative/path" in the document data.
  const std::string data = doc.get_data();
  const size_t at = data.find("url=");
  if (at == std::string::npos) return "";
  const size_t end = data.find('\n', at);
  std::ifstream in(root + data.substr(at + 4, end == std::string::npos ? std::string::npos : end - at - 4));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: xapian_plain_bench DB QUERIES FILE_ROOT\n");
    return 2;
  }
  Xapian::Database db(argv[1]);
  std::vector<std::string> queries;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);) {
    const size_t b = line.find_first_not_of(" \t");
    if (b != std::string::npos && line[b] != '#') queries.push_back(line.substr(b));
  }
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(Xapian::Stem("english"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_AND);
  std::vector<double> plain, snip;
  size_t failed = 0;
  for (int round = 0; round < 4; ++round) {
    for (const std::string& q : queries) {
      const auto start = std::chrono::steady_clock::now();
      try {
        Xapian::Enquire enquire(db);
        enquire.set_query(parser.parse_query(q, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PURE_NOT));
        Xapian::MSet mset = enquire.get_mset(0, 10);
        const double search_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        for (auto m = mset.begin(); m != mset.end(); ++m) mset.snippet(FileFor(m.get_document(), argv[3]), 300);
        const double with_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (round > 0) {
          plain.push_back(search_ms);
          snip.push_back(with_ms);
        }
      } catch (const Xapian::Error&) {
        if (round == 0) ++failed;
      }
    }
  }
  std::printf("{\"engine\": \"xapian-omindex\", \"documents\": %u, \"search_p50_ms\": %.3f, \"search_p99_ms\": %.3f, "
              "\"snippets_p50_ms\": %.3f, \"snippets_p99_ms\": %.3f, \"failed_queries\": %zu}\n",
              db.get_doccount(), Pct(plain, .5), Pct(plain, .99), Pct(snip, .5), Pct(snip, .99), failed);
}
