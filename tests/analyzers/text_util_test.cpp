#include "analyzers/text_util.h"

#include "analyzers/text_codec.h"

#include <zstd.h>

#include <gtest/gtest.h>

namespace councilsearch {
namespace {

TEST(Slug, Table) {
  struct Case {
    const char* name;
    const char* slug;
  };
  const Case cases[] = {
      {"Nottingham City Council", "nottingham-city-council"},
      {"Children and Young People's Committee", "children-and-young-people-s-committee"},
      {"  Cabinet  ", "cabinet"},
      {"SPC: Economic Development, Enterprise & Planning", "spc-economic-development-enterprise-planning"},
      {"Comhairle Cathrach agus Contae Luimnigh \xC3\xA1", "comhairle-cathrach-agus-contae-luimnigh-\xC3\xA1"},
      {"---", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(Slug(c.name), c.slug) << c.name;
  EXPECT_LE(Slug(std::string(500, 'a')).size(), 200u);
}

TEST(Fnv1a64, KnownValuesAndHex) {
  EXPECT_EQ(Hex64(Fnv1a64("")), "cbf29ce484222325");
  EXPECT_EQ(Hex64(Fnv1a64("a")), "af63dc4c8601ec8c");
  EXPECT_NE(Fnv1a64("corpus/000.txt"), Fnv1a64("corpus/001.txt"));
}

TEST(TruncateUtf8, NeverSplitsASequence) {
  EXPECT_EQ(TruncateUtf8("caf\xC3\xA9", 4), "caf");
  EXPECT_EQ(TruncateUtf8("caf\xC3\xA9", 5), "caf\xC3\xA9");
  EXPECT_EQ(TruncateUtf8("abc", 10), "abc");
}

TEST(LowerAsciiComparisons, IgnoreCaseOnlyInTheText) {
  struct Case {
    std::string_view text, lower;
    bool equals, starts, contains;
  };
  const Case cases[] = {
      {"Skip to Main Content", "skip to main content", true, true, true},
      {"RESOLVED: that the report be noted", "resolved", false, true, true},
      {"This page is Intentionally Left Blank", "intentionally left blank", false, false, true},
      {"Intentionally left", "intentionally left blank", false, false, false},
      {"Resolve", "resolved", false, false, false},
      {"Page 12", "", false, true, true},
      {"CAF\xC3\x89", "caf\xC3\x89", true, true, true},  // bytes beyond ASCII compare as they are
      {"CAF\xC3\x89", "caf\xC3\xA9", false, false, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(EqualsLowerAscii(c.text, c.lower), c.equals) << c.text << " / " << c.lower;
    EXPECT_EQ(StartsWithLowerAscii(c.text, c.lower), c.starts) << c.text << " / " << c.lower;
    EXPECT_EQ(ContainsLowerAscii(c.text, c.lower), c.contains) << c.text << " / " << c.lower;
  }
}

TEST(TrimView, Whitespace) {
  EXPECT_EQ(TrimView(" \t\nMinutes\f\r "), "Minutes");
  EXPECT_EQ(TrimView("   "), "");
}

}  // namespace
}  // namespace councilsearch

namespace councilsearch {
namespace {

TEST(TextCodec, RoundTripsAndRejectsDamage) {
  const std::string text = "Minutes of the meeting – £2million for family hubs.\n\n" + std::string(5000, 'x');
  const std::string frame = CompressText(text);
  EXPECT_LT(frame.size(), text.size() / 10);
  auto back = DecompressText(frame);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, text);
  EXPECT_EQ(*DecompressText(CompressText("")), "");
  EXPECT_EQ(DecompressText("not a frame").status().code(), Status::Code::kCorrupt);
  EXPECT_EQ(DecompressText(frame.substr(0, frame.size() / 2)).status().code(), Status::Code::kCorrupt);
}

// Frames name the council-paper dictionary; frames made without one (format 4
// databases) still read; a frame made with a dictionary this build lacks is
// reported, not misread.
TEST(TextCodec, FramesNameTheirDictionary) {
  const std::string text = "RESOLVED: That the Committee notes the report of the Director of Children's Services.";
  const std::string frame = CompressText(text);
  EXPECT_NE(TextDictionaryId(), 0u);
  EXPECT_EQ(ZSTD_getDictID_fromFrame(frame.data(), frame.size()), TextDictionaryId());

  std::string plain(ZSTD_compressBound(text.size()), '\0');
  plain.resize(ZSTD_compress(plain.data(), plain.size(), text.data(), text.size(), 6));
  EXPECT_EQ(*DecompressText(plain), text);
  // The dictionary is what makes short council text shorter.
  EXPECT_LT(frame.size(), plain.size());

  // A frame claiming a dictionary this build lacks: a real frame with its
  // dictionary id altered (the 4-byte id follows the frame header descriptor
  // and, unless the frame is a single segment, the window descriptor).
  std::string unknown = frame;
  const unsigned char descriptor = static_cast<unsigned char>(unknown[4]);
  ASSERT_EQ(descriptor & 3u, 3u);  // a 4-byte dictionary id
  unknown[(descriptor & 0x20u) != 0 ? 5 : 6] ^= 0x55;
  const auto status = DecompressText(unknown).status();
  EXPECT_EQ(status.code(), Status::Code::kCorrupt);
  EXPECT_NE(status.message().find("dictionary"), std::string::npos) << status.message();
}

}  // namespace
}  // namespace councilsearch
