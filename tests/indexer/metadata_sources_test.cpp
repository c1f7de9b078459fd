#include "indexer/metadata_sources.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/test_support.h"

namespace councilsearch {
namespace {

using testing::TempDir;
using testing::WriteFile;

TEST(FieldsFromJson, ReadsNormalisesAndWarns) {
  auto f = FieldsFromJson(nlohmann::json::parse(
      R"({"council":" Kent County Council ","committee":"Cabinet","date":"2025-03-04","title":"Budget \u2013 2025",
          "type":"Agenda frontsheet","url":"https://x","extra":1})"));
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->fields.council, "Kent County Council");
  EXPECT_EQ(f->fields.date, "2025-03-04");
  EXPECT_EQ(f->fields.title, "Budget - 2025");
  EXPECT_EQ(f->fields.type, "agenda");
  EXPECT_EQ(f->raw_type, "Agenda frontsheet");
  EXPECT_TRUE(f->warnings.empty());

  auto bad = FieldsFromJson(nlohmann::json::parse(R"({"date":"1201-10-16","council":7,"title":""})"));
  ASSERT_TRUE(bad.ok());
  EXPECT_FALSE(bad->fields.date);
  EXPECT_FALSE(bad->fields.council);
  EXPECT_FALSE(bad->fields.title);
  ASSERT_EQ(bad->warnings.size(), 2u);
  EXPECT_EQ(bad->warnings[0], "field 'council' is not a string; ignored");
  EXPECT_EQ(bad->warnings[1], "field 'date' is not a real YYYY-MM-DD date: '1201-10-16'; ignored");

  EXPECT_FALSE(FieldsFromJson(nlohmann::json::parse("[1,2]")).ok());
}

TEST(LoadManifest, GoodLinesBadLinesAndMissingFiles) {
  TempDir dir;
  WriteFile(dir / "a.txt", "Minutes");
  WriteFile(dir / "sub/b.txt", "Agenda");
  WriteFile(dir / "manifest.jsonl",
            "{\"path\":\"a.txt\",\"council\":\"Kent County Council\"}\n"
            "\n"
            "not json at all\n"
            "{\"path\":\"gone.txt\",\"council\":\"X\"}\n"
            "{\"council\":\"no path\"}\n"
            "{\"path\":\"./sub/b.txt\",\"date\":\"2023-02-30\",\"committee\":\"Cabinet\"}\n");
  auto m = LoadManifest(dir / "manifest.jsonl");
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(m->by_path.size(), 2u);
  EXPECT_EQ(m->by_path.at(dir.path() / "a.txt").fields.council, "Kent County Council");
  EXPECT_EQ(m->by_path.at(dir.path() / "sub/b.txt").fields.committee, "Cabinet");
  EXPECT_FALSE(m->by_path.at(dir.path() / "sub/b.txt").fields.date);
  ASSERT_EQ(m->problems.size(), 3u);
  const std::string where = (dir / "manifest.jsonl").string();
  EXPECT_EQ(m->problems[0].where, where + ":3");
  EXPECT_EQ(m->problems[0].reason.rfind("not JSON: ", 0), 0u) << m->problems[0].reason;
  EXPECT_EQ(m->problems[1].where, where + ":4");
  EXPECT_EQ(m->problems[1].reason, "names a missing file: gone.txt");
  EXPECT_EQ(m->problems[2].reason, "no \"path\" string");
  ASSERT_EQ(m->warnings.size(), 1u);
  EXPECT_EQ(m->warnings[0].where, where + ":6");
}

TEST(LoadSidecar, PresentAbsentAndBroken) {
  TempDir dir;
  WriteFile(dir / "a.txt", "x");
  auto none = LoadSidecar(dir / "a.txt");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->fields, PaperFields{});

  WriteFile(dir / "a.txt.meta.json", R"({"committee":"Executive Board","date":"2022-02-22"})");
  auto some = LoadSidecar(dir / "a.txt");
  ASSERT_TRUE(some.ok());
  EXPECT_EQ(some->fields.committee, "Executive Board");
  EXPECT_EQ(some->fields.date, "2022-02-22");

  WriteFile(dir / "a.txt.meta.json", "{broken");
  auto broken = LoadSidecar(dir / "a.txt");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("a.txt.meta.json is not JSON"), std::string::npos);
}

}  // namespace
}  // namespace councilsearch
