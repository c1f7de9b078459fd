#include "analyzers/html_text.h"

#include <gtest/gtest.h>

#include "analyzers/normalize.h"
#include "tests/test_support.h"

namespace councilsearch {
namespace {

using testing::ReadFile;
using testing::TestDataDir;

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(HtmlToText, ModernGovPageKeepsContentDropsChrome) {
  auto html = HtmlToText(ReadFile(TestDataDir() / "html/moderngov_minutes.html"));
  ASSERT_TRUE(html.ok());
  const std::string text = NormalizeText(html->text);
  EXPECT_EQ(html->title, "Minutes, Children and Lifelong Learning Scrutiny Panel, 21 September 2023");
  // Content, in reading order, headings on their own lines.
  EXPECT_TRUE(Contains(text, "\nSPCLL.27 CHILDREN'S SOCIAL CARE IMPROVEMENT UPDATE\n")) << text;
  EXPECT_TRUE(Contains(text, "The number of children in care had fallen")) << text;
  EXPECT_TRUE(Contains(text, "Agency staff numbers had fallen by a third.")) << text;
  EXPECT_TRUE(Contains(text, "RESOLVED - That the report be noted.")) << text;
  EXPECT_LT(text.find("SPCLL.27"), text.find("SPCLL.29 FAMILY HUBS"));
  // Table cells in reading order: one row per line, cells tab-separated.
  EXPECT_TRUE(Contains(text, "Councillor Shreeve\tChair\n")) << text;
  // Chrome, scripts, styles, hidden text: gone.
  for (const char* chrome : {"Skip to main content", "We use cookies", "Search this site", "Councillors",
                             "tracking pixel", "font-family", "dataLayer", "Screen reader only", "Hidden draft",
                             "Contact us", "Meetings"}) {
    EXPECT_FALSE(Contains(text, chrome)) << chrome << " in:\n" << text;
  }
}

TEST(HtmlToText, PageWithoutMainRegionDropsNavAndFooter) {
  auto html = HtmlToText(ReadFile(TestDataDir() / "html/no_main_region.htm"));
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(html->title, "Agenda item - Family Hubs");
  EXPECT_TRUE(Contains(html->text, "Agenda item 8: Family Hubs")) << html->text;
  EXPECT_TRUE(Contains(html->text, "Date of decision:\t26/01/2023")) << html->text;
  EXPECT_FALSE(Contains(html->text, "Site footer")) << html->text;
  EXPECT_FALSE(Contains(html->text, "Home")) << html->text;
}

TEST(HtmlToText, MalformedMarkupIsRecovered) {
  auto html = HtmlToText("<p>Unclosed <b>bold <i>text<p>Second &amp; last");
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(html->text, "Unclosed bold text\nSecond & last");
}

TEST(HtmlToText, ChromeLineWithoutMarkupIsDropped) {
  auto html = HtmlToText("<body><a href='#c'>Skip to main content</a><p>Agenda</p></body>");
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(html->text, "Agenda");
}

}  // namespace
}  // namespace councilsearch
