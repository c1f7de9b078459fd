#include "analyzers/cli_args.h"

#include <algorithm>
#include <charconv>

namespace councilsearch {

std::string ParsedArgs::Get(const std::string& name, const std::string& fallback) const {
  const auto it = values.find(name);
  return it == values.end() || it->second.empty() ? fallback : it->second.back();
}

const std::vector<std::string>& ParsedArgs::GetAll(const std::string& name) const {
  static const std::vector<std::string> kNone;
  const auto it = values.find(name);
  return it == values.end() ? kNone : it->second;
}

Result<ParsedArgs> ParseArgs(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs) {
  ParsedArgs parsed;
  bool options_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    if (options_done || arg.size() < 2 || arg[0] != '-' || arg == "-") {
      parsed.positionals.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    if (arg == "-h") arg = "--help";
    if (arg.rfind("--", 0) != 0) return Status::InvalidArgument("unknown option " + arg);
    std::string name = arg.substr(2);
    std::string value;
    bool inline_value = false;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    const auto spec = std::find_if(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.name == name; });
    if (spec == specs.end()) return Status::InvalidArgument("unknown option --" + name);
    if (spec->takes_value && !inline_value) {
      if (i + 1 >= args.size()) return Status::InvalidArgument("option --" + name + " needs a value");
      value = args[++i];
    } else if (!spec->takes_value && inline_value) {
      return Status::InvalidArgument("option --" + name + " takes no value");
    }
    auto& slot = parsed.values[name];
    if (!slot.empty() && !spec->repeatable)
      return Status::InvalidArgument("option --" + name + " given more than once");
    slot.push_back(value);
  }
  return parsed;
}

Result<uint64_t> ParseUnsignedOption(const std::string& name, const std::string& text, uint64_t min, uint64_t max) {
  uint64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty())
    return Status::InvalidArgument("--" + name + " wants a whole number, not '" + text + "'");
  if (v < min || v > max)
    return Status::InvalidArgument("--" + name + " must be between " + std::to_string(min) + " and " +
                                   std::to_string(max));
  return v;
}

}  // namespace councilsearch
