#include "analyzers/text_encoding.h"

#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace councilsearch {
namespace {

using testing::ReadFile;
using testing::TestDataDir;

TEST(FindInvalidUtf8, TableOfSequences) {
  struct Case {
    std::string bytes;
    size_t expected;
  };
  const Case cases[] = {
      {"plain ascii", std::string::npos},
      {"caf\xC3\xA9", std::string::npos},
      {"\xE2\x80\x99 curly", std::string::npos},
      {"emoji \xF0\x9F\x98\x80", std::string::npos},
      {"bad \xFF byte", 4},
      {"truncated \xE2\x80", 10},
      {"overlong \xC0\xAF", 9},
      {"surrogate \xED\xA0\x80", 10},
      {"above max \xF4\x90\x80\x80", 10},
      {"lone continuation \x80", 18},
  };
  for (const Case& c : cases) EXPECT_EQ(FindInvalidUtf8(c.bytes), c.expected) << c.bytes;
}

TEST(DecodeToUtf8, PassesValidUtf8Through) {
  auto d = DecodeToUtf8("Children\xE2\x80\x99s services");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->utf8, "Children\xE2\x80\x99s services");
  EXPECT_EQ(d->source_encoding, "UTF-8");
}

TEST(DecodeToUtf8, StripsUtf8Bom) {
  auto d = DecodeToUtf8("\xEF\xBB\xBFMinutes");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->utf8, "Minutes");
}

TEST(DecodeToUtf8, ConvertsWindows1252Export) {
  auto d = DecodeToUtf8(ReadFile(TestDataDir() / "text/windows1252.txt"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->source_encoding, "windows-1252");
  EXPECT_NE(d->utf8.find("panel\xE2\x80\x99s budget"), std::string::npos) << d->utf8;
  EXPECT_NE(d->utf8.find("\xC2\xA3" "323,931 \xE2\x80\x93 agreed"), std::string::npos) << d->utf8;
  EXPECT_NE(d->utf8.find("\xE2\x80\x9CTeam Around the Family\xE2\x80\x9D"), std::string::npos) << d->utf8;
}

TEST(DecodeToUtf8, ConvertsUtf16WithBom) {
  auto d = DecodeToUtf8(ReadFile(TestDataDir() / "text/utf16_bom.txt"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->source_encoding, "UTF-16LE");
  EXPECT_NE(d->utf8.find("Family Hubs programme is \xC2\xA3" "323,931"), std::string::npos) << d->utf8;
}

TEST(DecodeToUtf8, RejectsDamagedUtf8WithOffset) {
  auto d = DecodeToUtf8(ReadFile(TestDataDir() / "text/invalid_utf8.txt"));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), Status::Code::kCorrupt);
  EXPECT_NE(d.status().message().find("invalid UTF-8 at byte offset 90"), std::string::npos)
      << d.status().message();
}

TEST(DecodeToUtf8, RejectsEmptyAndBinary) {
  EXPECT_EQ(DecodeToUtf8("").status().message(), "empty file");
  auto binary = DecodeToUtf8(ReadFile(TestDataDir() / "text/binary_named_txt.txt"));
  ASSERT_FALSE(binary.ok());
  EXPECT_EQ(binary.status().message(), "binary content, not text");
}

TEST(LooksBinary, ControlCharacterShare) {
  EXPECT_FALSE(LooksBinary("Minutes of the meeting\n\tItem 1\f"));
  EXPECT_TRUE(LooksBinary(std::string("abc\0def", 7)));
  EXPECT_TRUE(LooksBinary(std::string(10, '\x01') + "abc"));
}

}  // namespace
}  // namespace councilsearch
