#include "indexer/readers.h"

#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace councilsearch {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;
using testing::TestDataDir;
using testing::WriteFile;

TEST(FormatForPath, Table) {
  EXPECT_EQ(FormatForPath("a/minutes.txt"), Format::kText);
  EXPECT_EQ(FormatForPath("a/minutes.TXT"), Format::kText);
  EXPECT_EQ(FormatForPath("lim_00001.md"), Format::kMarkdown);
  EXPECT_EQ(FormatForPath("page.htm"), Format::kHtml);
  EXPECT_EQ(FormatForPath("page.html"), Format::kHtml);
  EXPECT_EQ(FormatForPath("pack.pdf"), Format::kPdf);
  EXPECT_EQ(FormatForPath("manifest.jsonl"), std::nullopt);
  EXPECT_EQ(FormatForPath("x.txt.meta.json"), std::nullopt);
  EXPECT_EQ(FormatForPath("logo.png"), std::nullopt);
}

Result<SourceText> Extract(const fs::path& path) {
  auto bytes = ReadFileBytes(path, 64 << 20);
  if (!bytes.ok()) return bytes.status();
  return ExtractText(*bytes, *FormatForPath(path));
}

TEST(ExtractText, PlainTextSeed) {
  auto s = Extract(testing::SourceDir() / "examples/corpus/004_045e50f823bbd080.txt");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->format, "txt");
  EXPECT_EQ(s->source_encoding, "UTF-8");
  EXPECT_TRUE(s->pages.empty());
  EXPECT_NE(s->text.find("Looked After Children"), std::string::npos);
}

TEST(ExtractText, MarkdownLosesMarkup) {
  auto s = ExtractText("[Original file](https://x/a.pdf)\n\n---\n**AGENDA**\n\n**1. Minutes**\n", Format::kMarkdown);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->text, "Original file\n\n\nAGENDA\n\n1. Minutes\n");
}

TEST(ExtractText, HtmlVisibleTextAndTitle) {
  auto s = Extract(TestDataDir() / "html/moderngov_minutes.html");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->title_hint, "Minutes, Children and Lifelong Learning Scrutiny Panel, 21 September 2023");
  EXPECT_NE(s->text.find("SPCLL.27 CHILDREN'S SOCIAL CARE IMPROVEMENT UPDATE"), std::string::npos);
  EXPECT_EQ(s->text.find("Skip to main content"), std::string::npos);
}

TEST(ExtractText, Windows1252IsConvertedAndNormalised) {
  auto s = Extract(TestDataDir() / "text/windows1252.txt");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->source_encoding, "windows-1252");
  EXPECT_NE(s->text.find("The panel's budget for the Family Hubs programme is \xC2\xA3" "323,931 - agreed"),
            std::string::npos)
      << s->text;
  EXPECT_EQ(s->text.find('\r'), std::string::npos);
}

TEST(ExtractText, PdfPagesAndLineBreaks) {
  auto s = Extract(TestDataDir() / "pdf/phrase_linebreak.pdf");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->pages.size(), 2u);
  EXPECT_EQ(s->pages[0], (PageStart{0, 1}));
  EXPECT_EQ(s->pages[1].page, 2u);
  EXPECT_EQ(s->text[s->pages[1].offset - 1], '\f');
  const size_t phrase = s->text.find("children in\ncare has risen");
  ASSERT_NE(phrase, std::string::npos) << s->text;
  EXPECT_LT(phrase, s->pages[1].offset);
  EXPECT_GT(s->text.find("Special Guardianship Orders"), s->pages[1].offset);
}

TEST(ExtractText, BadInputsSayWhatIsWrong) {
  struct Case {
    const char* file;
    Status::Code code;
    const char* reason;
  };
  const Case cases[] = {
      {"text/binary_named_txt.txt", Status::Code::kCorrupt, "binary content, not text"},
      {"text/invalid_utf8.txt", Status::Code::kCorrupt, "invalid UTF-8 at byte offset 90"},
      {"pdf/truncated.pdf", Status::Code::kCorrupt, "PDF"},
      {"pdf/encrypted.pdf", Status::Code::kUnsupported, "encrypted PDF (needs a password)"},
  };
  for (const Case& c : cases) {
    auto s = Extract(TestDataDir() / c.file);
    ASSERT_FALSE(s.ok()) << c.file;
    EXPECT_EQ(s.status().code(), c.code) << c.file << ": " << s.status().ToString();
    EXPECT_NE(s.status().message().find(c.reason), std::string::npos) << c.file << ": " << s.status().message();
  }
  EXPECT_EQ(ExtractText("%PDF-1.4 not really", Format::kPdf).status().code(), Status::Code::kCorrupt);
  EXPECT_EQ(ExtractText("hello", Format::kPdf).status().message(), "not a PDF (no %PDF- header)");
  EXPECT_EQ(ExtractText(" \n\t ", Format::kText).status().message(), "no text");
}

TEST(ReadFileBytes, EmptyAndTooLarge) {
  TempDir dir;
  WriteFile(dir / "empty.txt", "");
  EXPECT_EQ(ReadFileBytes(dir / "empty.txt", 1 << 20).status().message(), "empty file");
  WriteFile(dir / "big.txt", std::string(3 << 20, 'a'));
  auto big = ReadFileBytes(dir / "big.txt", 2 << 20);
  EXPECT_EQ(big.status().code(), Status::Code::kTooLarge);
  EXPECT_EQ(big.status().message(), "file is 3 MiB, over the 2 MiB limit (--max-file-mb)");
  EXPECT_EQ(ReadFileBytes(dir / "missing.txt", 1 << 20).status().code(), Status::Code::kIoError);
}

}  // namespace
}  // namespace councilsearch
