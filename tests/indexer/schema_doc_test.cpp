// docs/schema.md and indexer/schema.h must describe the same format.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "indexer/schema.h"
#include "tests/test_support.h"

namespace councilsearch {
namespace {

// Table rows of docs/schema.md: "| kind | `name` | ..." -> (kind, name[, slot]).
std::set<std::string> DocumentedEntries() {
  std::set<std::string> entries;
  std::istringstream doc(testing::ReadFile(testing::SourceDir() / "docs/schema.md"));
  const std::regex row(R"(^\|\s*(prefix|term|slot|data|meta|paper)\s*\|\s*`([^`]*)`\s*\|\s*([^|]*)\|)");
  std::string line;
  while (std::getline(doc, line)) {
    std::smatch m;
    if (!std::regex_search(line, m, row)) continue;
    std::string entry = m[1].str() + " " + m[2].str();
    if (m[1] == "slot") {
      std::string number = m[3].str();
      number.erase(number.find_last_not_of(' ') + 1);
      entry += " " + number;
    }
    entries.insert(entry);
  }
  return entries;
}

std::set<std::string> CodeEntries() {
  std::set<std::string> entries;
  for (const schema::SchemaEntry& e : schema::kSchemaEntries) {
    std::string entry(e.kind);
    entry.append(" ").append(e.name);
    if (e.kind == "slot") entry.append(" ").append(std::to_string(e.slot));
    entries.insert(entry);
  }
  return entries;
}

TEST(SchemaDoc, DocsAndCodeAgree) {
  const auto documented = DocumentedEntries();
  const auto code = CodeEntries();
  for (const auto& e : code) EXPECT_EQ(documented.count(e), 1u) << "missing from docs/schema.md: " << e;
  for (const auto& e : documented) EXPECT_EQ(code.count(e), 1u) << "in docs/schema.md but not schema.h: " << e;
}

TEST(SchemaDoc, NoPrefixIsAPrefixOfAnother) {
  std::vector<std::string_view> prefixes;
  for (const schema::SchemaEntry& e : schema::kSchemaEntries)
    if (e.kind == "prefix" || e.kind == "term") prefixes.push_back(e.name);
  for (auto a : prefixes) {
    for (auto b : prefixes) {
      if (a != b) {
        EXPECT_NE(b.substr(0, a.size()), a) << a << " is a prefix of " << b;
      }
    }
  }
}

TEST(SchemaDoc, SlotsAreDistinct) {
  std::set<int> slots;
  for (const schema::SchemaEntry& e : schema::kSchemaEntries) {
    if (e.kind == "slot") {
      EXPECT_TRUE(slots.insert(e.slot).second) << "slot " << e.slot << " used twice";
    }
  }
}

}  // namespace
}  // namespace councilsearch
