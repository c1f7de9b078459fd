#include "analyzers/document_type.h"

#include <gtest/gtest.h>

namespace councilsearch {
namespace {

TEST(NormalizeDocumentType, Table) {
  struct Case {
    const char* raw;
    std::optional<std::string> type;
  };
  const Case cases[] = {
      {"minutes", "minutes"},
      {"Minutes", "minutes"},
      {"document-pack", "document-pack"},
      {"Document Pack", "document-pack"},
      {"Public Document Pack", "document-pack"},
      {"Agenda frontsheet", "agenda"},
      {"Work Programme", "work-programme"},
      {"resolution", "motion"},
      {"introduction", "motion"},
      {"land use application", "other"},
      {"city-record", "other"},
      {"", std::nullopt},
      {"  ", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(NormalizeDocumentType(c.raw), c.type) << c.raw;
}

TEST(IsIsoDate, Table) {
  EXPECT_TRUE(IsIsoDate("2023-01-26"));
  EXPECT_TRUE(IsIsoDate("2024-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-02-29"));
  EXPECT_FALSE(IsIsoDate("1201-10-16"));  // a real manifest typo (Limerick)
  EXPECT_FALSE(IsIsoDate("2023-13-01"));
  EXPECT_FALSE(IsIsoDate("2023-1-26"));
  EXPECT_FALSE(IsIsoDate("26/01/2023"));
  EXPECT_FALSE(IsIsoDate(""));
}

}  // namespace
}  // namespace councilsearch
