#include "analyzers/normalize.h"

#include <gtest/gtest.h>

namespace councilsearch {
namespace {

TEST(NormalizeText, Table) {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"plain text", "plain text"},
      {"Children\xE2\x80\x99s services", "Children's services"},                   // right single quote
      {"\xE2\x80\x9C" "early help" "\xE2\x80\x9D", "\"early help\""},              // curly double quotes
      {"2025\xE2\x80\x93" "26 budget", "2025-26 budget"},                          // en dash
      {"Resolved \xE2\x80\x94 noted", "Resolved - noted"},                          // em dash
      {"\xE2\x88\x92" "0.2m", "-0.2m"},                                             // minus sign
      {"\xC2\xA3" "2\xC2\xA0million", "\xC2\xA3" "2 million"},                      // no-break space, pound kept
      {"Agency\xE2\x80\xAFstaff", "Agency staff"},                                  // narrow no-break space
      {"safe\xC2\xADguarding", "safeguarding"},                                     // soft hyphen
      {"zero\xE2\x80\x8Bwidth", "zerowidth"},                                       // zero-width space
      {"\xEF\xAC\x81nance", "finance"},                                             // fi ligature (NFKC)
      {"\xEF\xBC\xA1\xEF\xBC\xA2", "AB"},                                           // full-width letters
      {"line one\r\nline two\rline three", "line one\nline two\nline three"},     // line ends
      {"page one\fpage two", "page one\fpage two"},                                 // page breaks kept
      {"bell\x07here", "bell here"},                                                // control chars
      {"line\xE2\x80\xA8sep", "line\nsep"},                                          // line separator
      {"caf\x65\xCC\x81", "caf\xC3\xA9"},                                            // combining accent composed
  };
  for (const Case& c : cases) EXPECT_EQ(NormalizeText(c.in), c.out) << c.in;
}

}  // namespace
}  // namespace councilsearch
