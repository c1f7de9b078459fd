#include "indexer/jsonl.h"

#include <nlohmann/json.hpp>

#include "analyzers/text_util.h"

namespace councilsearch {

Result<JsonlRecord> ParseJsonlRecord(std::string_view line) {
  nlohmann::json object;
  try {
    object = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument("not JSON: " + JsonErrorReason(e));
  }
  if (!object.is_object()) return Status::InvalidArgument("not a JSON object");
  JsonlRecord record;
  const auto id = object.find("id");
  if (id == object.end() || !(id->is_string() || id->is_number_integer()))
    return Status::InvalidArgument("no \"id\" (string or integer)");
  record.id = id->is_string() ? id->get<std::string>() : std::to_string(id->get<long long>());
  if (TrimView(record.id).empty()) return Status::InvalidArgument("empty \"id\"");
  const auto text = object.find("text");
  if (text == object.end() || !text->is_string()) return Status::InvalidArgument("no \"text\" string");
  record.text = text->get<std::string>();
  auto fields = FieldsFromJson(object);
  if (!fields.ok()) return fields.status();
  record.fields = std::move(fields).value();
  return record;
}

}  // namespace councilsearch
