// docs/openapi.json documents every route of the route table, with exactly
// the query parameters the route accepts.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "searchd/http/routes.h"
#include "tests/test_support.h"

namespace councilsearch::testing {
namespace {

// "/api/v1/papers/([^/]+)/similar" -> "/api/v1/papers/{id}/similar".
std::string OpenApiPath(std::string pattern) {
  for (size_t at; (at = pattern.find("([^/]+)")) != std::string::npos;) pattern.replace(at, 7, "{id}");
  for (size_t at; (at = pattern.find("\\.")) != std::string::npos;) pattern.replace(at, 2, ".");
  return pattern;
}

TEST(OpenApiDocTest, EveryRouteIsDocumentedWithItsParameters) {
  std::ifstream in(SourceDir() / "docs" / "openapi.json");
  const nlohmann::json doc = nlohmann::json::parse(in);
  EXPECT_EQ(doc["openapi"], "3.0.3");
  std::set<std::string> documented;
  for (const auto& [path, _] : doc["paths"].items()) documented.insert(path);
  for (const http::Api::Route& route : http::Api::Routes()) {
    const std::string path = OpenApiPath(route.pattern);
    SCOPED_TRACE(path);
    ASSERT_TRUE(doc["paths"].contains(path));
    documented.erase(path);
    std::set<std::string> in_doc, in_code(route.params.begin(), route.params.end());
    for (const auto& param : doc["paths"][path]["get"]["parameters"])
      if (param["in"] == "query") in_doc.insert(param["name"]);
    EXPECT_EQ(in_doc, in_code);
  }
  EXPECT_TRUE(documented.empty()) << "documented but not served: " << *documented.begin();
}

}  // namespace
}  // namespace councilsearch::testing
