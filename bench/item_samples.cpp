// item_samples: the stored items of a database, as files or as sizes.
//
//   item_samples --db PATH --out DIR   each item's JSON and text as
//                                      DIR/NNNNNN.json and DIR/NNNNNN.txt
//   item_samples --db PATH             how big the items are, raw and stored
//
// The files are the samples scripts/train-text-dictionary.sh trains the
// stored items' dictionary on; the sizes are what docs/benchmarks.md reports
// of it (bytes as stored, before Xapian's own B-tree overhead).
#include <xapian.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "indexer/schema.h"

namespace {

int Usage() {
  std::cerr << "usage: item_samples --db PATH [--out DIR]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db_path, out;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--db") db_path = argv[i + 1];
    else if (flag == "--out") out = argv[i + 1];
    else return Usage();
  }
  if (db_path.empty() || argc % 2 == 0) return Usage();
  namespace schema = councilsearch::schema;
  try {
    Xapian::Database db(db_path);
    if (!out.empty()) std::filesystem::create_directories(out);
    uint64_t items = 0, json_raw = 0, text_raw = 0, stored_bytes = 0;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
      const Xapian::Document doc = db.get_document(*p);
      const std::string stored = doc.get_value(schema::kSlotItem);
      const auto item = schema::SplitStoredItem(stored);
      if (!item.ok()) {
        std::cerr << db_path << ": item " << *p << ": " << item.status().ToString() << "\n";
        return 1;
      }
      if (!out.empty()) {
        char name[16];
        std::snprintf(name, sizeof name, "%06llu", static_cast<unsigned long long>(items));
        std::ofstream(std::filesystem::path(out) / (std::string(name) + ".json"), std::ios::binary) << item->json;
        std::ofstream(std::filesystem::path(out) / (std::string(name) + ".txt"), std::ios::binary) << item->text;
      }
      ++items;
      json_raw += item->json.size();
      text_raw += item->text.size();
      stored_bytes += stored.size();
    }
    if (out.empty())
      std::cout << "{\"items\": " << items << ", \"json_raw\": " << json_raw << ", \"text_raw\": " << text_raw
                << ", \"stored\": " << stored_bytes << "}\n";
  } catch (const Xapian::Error& e) {
    std::cerr << db_path << ": " << e.get_description() << "\n";
    return 1;
  }
  return 0;
}
