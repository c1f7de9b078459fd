#include "analyzers/cli_args.h"

#include <gtest/gtest.h>

namespace councilsearch {
namespace {

const std::vector<OptionSpec> kSpecs = {{"help"}, {"db", true, true}, {"jobs", true}, {"prune"}};

TEST(ParseArgs, OptionsValuesAndPositionals) {
  auto a = ParseArgs({"corpus", "--db", "a.db", "--db=b.db", "--prune", "--jobs=2", "--", "--literal"}, kSpecs);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->positionals, (std::vector<std::string>{"corpus", "--literal"}));
  EXPECT_EQ(a->GetAll("db"), (std::vector<std::string>{"a.db", "b.db"}));
  EXPECT_EQ(a->Get("jobs"), "2");
  EXPECT_TRUE(a->Has("prune"));
  EXPECT_FALSE(a->Has("help"));
}

TEST(ParseArgs, Errors) {
  struct Case {
    std::vector<std::string> args;
    const char* message;
  };
  const Case cases[] = {
      {{"--nope"}, "unknown option --nope"},
      {{"--jobs"}, "option --jobs needs a value"},
      {{"--prune=yes"}, "option --prune takes no value"},
      {{"--jobs", "1", "--jobs", "2"}, "option --jobs given more than once"},
      {{"-x"}, "unknown option -x"},
  };
  for (const Case& c : cases) {
    auto a = ParseArgs(c.args, kSpecs);
    ASSERT_FALSE(a.ok());
    EXPECT_EQ(a.status().message(), c.message);
  }
}

TEST(ParseArgs, ShortHelp) {
  auto a = ParseArgs({"-h"}, kSpecs);
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->Has("help"));
}

TEST(ParseUnsignedOption, Bounds) {
  EXPECT_EQ(*ParseUnsignedOption("jobs", "4", 1, 8), 4u);
  EXPECT_FALSE(ParseUnsignedOption("jobs", "0", 1, 8).ok());
  EXPECT_FALSE(ParseUnsignedOption("jobs", "9", 1, 8).ok());
  EXPECT_FALSE(ParseUnsignedOption("jobs", "4x", 1, 8).ok());
  EXPECT_FALSE(ParseUnsignedOption("jobs", "", 1, 8).ok());
  EXPECT_EQ(ParseUnsignedOption("jobs", "-1", 1, 8).status().message(), "--jobs wants a whole number, not '-1'");
}

}  // namespace
}  // namespace councilsearch
