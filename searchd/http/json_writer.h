// A JSON text written straight into a string, for the responses searchd
// writes most: building nlohmann::json objects (a std::map node and a string
// copy per field) and dumping them was a twelfth of searchd's time under
// load (docs/benchmarks.md). Strings are escaped as nlohmann's dump escapes
// them (ensure_ascii off: quotes, backslashes and control characters; UTF-8
// kept); a byte that starts no valid UTF-8 sequence becomes U+FFFD (as with
// its error_handler_t::replace, which may replace a broken sequence once).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace councilsearch::http {

class JsonWriter {
 public:
  // `expected_size`: about how long the text will be, reserved at once.
  explicit JsonWriter(size_t expected_size = 0) { out_.reserve(expected_size); }
  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }
  // An object's key; its value comes next.
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Number(uint64_t value);
  JsonWriter& Number(int64_t value);
  // Shortest text that reads back as the same double, a whole number with
  // ".0" (as nlohmann writes doubles); null if not finite.
  JsonWriter& Number(double value);
  JsonWriter& Null();
  JsonWriter& Strings(const std::vector<std::string>& values);

  const std::string& text() const { return out_; }
  std::string Take() { return std::move(out_); }

  // `value` as a JSON string's content (no quotes).
  static void AppendEscaped(std::string& out, std::string_view value);

 private:
  JsonWriter& Raw(std::string_view text);  // a value written as it is
  JsonWriter& Open(char bracket);
  JsonWriter& Close(char bracket);
  void BeforeValue();

  std::string out_;
  std::vector<bool> first_;  // per open object or array: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace councilsearch::http
