#include "analyzers/markdown_text.h"

#include <gtest/gtest.h>

namespace councilsearch {
namespace {

TEST(MarkdownToText, Table) {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"**AGENDA**", "AGENDA"},
      {"__Minutes__ of the *meeting*", "Minutes of the meeting"},
      {"## 3. Planning Applications", "3. Planning Applications"},
      {"[Original file](https://www.limerick.ie/a.pdf)", "Original file"},
      {"![logo](x.png) Council", "logo Council"},
      {"*<small>Scanned page, text may contain errors</small>*", "Scanned page, text may contain errors"},
      {"| 1 | Apologies for absence | |", "1\tApologies for absence\t"},
      {"|----------|---|-----------|", ""},
      {"---", ""},
      {"> quoted motion", "quoted motion"},
      {"2 * 3 = 6", "2 * 3 = 6"},
      {"snake\\_case and \\*literal\\*", "snake_case and *literal*"},
      {"line one\nline two", "line one\nline two"},
      {"\n\n", "\n\n"},
  };
  for (const Case& c : cases) EXPECT_EQ(MarkdownToText(c.in), c.out) << c.in;
}

TEST(MarkdownToText, KeepsOneLinePerInputLine) {
  const std::string md = "[Original file](u)\n\n---\n**To: The Cathaoirleach**\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
  const std::string text = MarkdownToText(md);
  EXPECT_EQ(std::count(md.begin(), md.end(), '\n'), std::count(text.begin(), text.end(), '\n'));
}

}  // namespace
}  // namespace councilsearch
