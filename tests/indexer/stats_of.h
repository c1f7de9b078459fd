// What `councilsearch-index stats` says of a database, without what differs
// between two databases holding the same papers (revisions, paths): for
// comparing a database with another built otherwise.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "indexer/stats.h"

namespace councilsearch::testing {

inline nlohmann::json StatsOf(const std::string& db) {
  auto s = ComputeStats({db});
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  if (!s.ok()) return {};
  nlohmann::json j = StatsToJson(*s);
  j.erase("revisions");
  j.erase("databases");
  return j;
}

}  // namespace councilsearch::testing
