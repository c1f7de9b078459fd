#include "analyzers/money.h"

#include <gtest/gtest.h>

namespace councilsearch {
namespace {

TEST(FindAmounts, Prose) {
  struct Case {
    const char* text;
    const char* figure;
    double value;
    const char* currency;
  };
  const Case cases[] = {
      {"£2million will be produced in savings", "£2million", 2e6, "GBP"},
      {"a £7.1million overspend", "£7.1million", 7.1e6, "GBP"},
      {"breakdown of £323,931 and", "£323,931", 323931, "GBP"},
      {"Saving of £0.458m in 2023/24.", "£0.458m", 458000, "GBP"},
      {"£215k Savings are on track", "£215k", 215000, "GBP"},
      {"a £1.2bn programme", "£1.2bn", 1.2e9, "GBP"},
      {"€275,000 of this assigned", "€275,000", 275000, "EUR"},
      {"$4.5 million for parks", "$4.5 million", 4.5e6, "USD"},
      {"a saving of (£0.113m) this year", "(£0.113m)", -113000, "GBP"},
      {"Core Placements over £4,100 p/w", "£4,100", 4100, "GBP"},
  };
  for (const Case& c : cases) {
    const auto amounts = FindAmounts(c.text);
    ASSERT_EQ(amounts.size(), 1u) << c.text;
    const std::string text(c.text);
    EXPECT_EQ(text.substr(amounts[0].begin, amounts[0].end - amounts[0].begin), c.figure) << c.text;
    EXPECT_DOUBLE_EQ(amounts[0].value, c.value) << c.text;
    EXPECT_EQ(amounts[0].currency, c.currency) << c.text;
    EXPECT_FALSE(amounts[0].table_cell);
  }
  EXPECT_TRUE(FindAmounts("the £m column and 5 more").empty());
}

TEST(FindAmounts, TableCellsTakeTheirColumnsUnit) {
  const std::string table =
      "\tService\tTitle\t2022/23 £m\t2023/24 £m\n"
      "1\tEarly Help\tNGY Services\t(0.200)\t(0.180)\n"
      "2\tEarly Help\tPlay & Youth\t0.000\t1.5\n"
      "After the table 0.5 is just a number.\n";
  const auto amounts = FindAmounts(table);
  ASSERT_EQ(amounts.size(), 4u);
  EXPECT_DOUBLE_EQ(amounts[0].value, -200000);
  EXPECT_DOUBLE_EQ(amounts[1].value, -180000);
  EXPECT_DOUBLE_EQ(amounts[2].value, 0);
  EXPECT_DOUBLE_EQ(amounts[3].value, 1500000);
  for (const Amount& a : amounts) EXPECT_TRUE(a.table_cell);
  EXPECT_EQ(table.substr(amounts[0].begin, amounts[0].end - amounts[0].begin), "(0.200)");
}

TEST(FindAmounts, UnitInTheRowLabel) {
  const auto amounts = FindAmounts("Core Placements > £4,100 p/w - £m\t3.188\t4.258\t(0.113)\n");
  // The "£4,100" in the label is prose; the three cells are millions.
  ASSERT_EQ(amounts.size(), 4u);
  EXPECT_DOUBLE_EQ(amounts[1].value, 3188000);
  EXPECT_DOUBLE_EQ(amounts[3].value, -113000);
}

}  // namespace
}  // namespace councilsearch
