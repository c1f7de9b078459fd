// Money in council papers, as numbers.
//
// Prose amounts: "£2million", "£7.1million", "£323,931", "£0.458m", "£215k",
// "£1.2bn", "€275,000", "$4.5 million", "-£0.2m", "(£0.113m)". Table cells
// whose unit is in their column header ("2022/23 £m" over "(0.200)") or row
// label ("Core Placements > £4,100 p/w - £m"): a bracketed figure is negative
// (a saving), as accountants write it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace councilsearch {

struct Amount {
  uint32_t begin = 0, end = 0;  // the figure in the text
  double value = 0;             // in currency units (pounds, euros, dollars); negative when bracketed
  std::string currency;         // "GBP", "EUR", "USD"
  bool table_cell = false;      // the unit came from a column header or row label
};

// Every amount, in text order. Linear in the text's length.
std::vector<Amount> FindAmounts(std::string_view text);

}  // namespace councilsearch
