// A small command-line parser shared by the councilsearch programs:
// `--name value`, `--name=value`, flags, repeatable options, positionals, and
// `--` to end options. Errors name the offending argument.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "analyzers/status.h"

namespace councilsearch {

struct OptionSpec {
  std::string name;         // without the leading "--"
  bool takes_value = false;
  bool repeatable = false;
};

class ParsedArgs {
 public:
  std::vector<std::string> positionals;
  std::map<std::string, std::vector<std::string>> values;  // flags map to {""}

  bool Has(const std::string& name) const { return values.count(name) != 0; }
  std::string Get(const std::string& name, const std::string& fallback = "") const;
  const std::vector<std::string>& GetAll(const std::string& name) const;
};

// `-h` is accepted as `--help` when a "help" option is specified.
Result<ParsedArgs> ParseArgs(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs);

// Parses a whole decimal number in [min, max] for option `name`.
Result<uint64_t> ParseUnsignedOption(const std::string& name, const std::string& text, uint64_t min, uint64_t max);

}  // namespace councilsearch
