#include "indexer/metadata_sources.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analyzers/document_type.h"
#include "analyzers/normalize.h"
#include "analyzers/text_util.h"

namespace councilsearch {
namespace fs = std::filesystem;

std::string JsonErrorReason(const std::exception& e) {
  std::string what = e.what();
  if (StartsWith(what, "[json.exception.")) {
    const size_t close = what.find("] ");
    if (close != std::string::npos) what = what.substr(close + 2);
  }
  return what;
}

Result<SourceFields> FieldsFromJson(const nlohmann::json& object) {
  if (!object.is_object()) return Status::InvalidArgument("expected a JSON object");
  SourceFields out;
  auto read = [&](const char* name, std::optional<std::string>& field) {
    const auto it = object.find(name);
    if (it == object.end() || it->is_null()) return;
    if (!it->is_string()) {
      out.warnings.push_back(std::string("field '") + name + "' is not a string; ignored");
      return;
    }
    const std::string value(TrimView(NormalizeText(it->get<std::string>())));
    if (!value.empty()) field = value;
  };
  PaperFields& f = out.fields;
  std::optional<std::string> type;
  for (auto [name, field] : {std::pair{"council", &f.council}, {"committee", &f.committee}, {"date", &f.date},
                             {"title", &f.title}, {"type", &type}, {"url", &f.url}}) {
    read(name, *field);
  }
  if (f.date && !IsIsoDate(*f.date)) {
    out.warnings.push_back("field 'date' is not a real YYYY-MM-DD date: '" + *f.date + "'; ignored");
    f.date.reset();
  }
  if (type) {
    out.raw_type = *type;
    f.type = NormalizeDocumentType(*type);
  }
  return out;
}

Result<Manifest> LoadManifest(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IoError("cannot read manifest " + file.string());
  Manifest manifest;
  manifest.file = file;
  const fs::path base = fs::absolute(file).parent_path();
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (TrimView(line).empty()) continue;
    const std::string where = file.string() + ":" + std::to_string(line_no);
    nlohmann::json object;
    try {
      object = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      manifest.problems.push_back({where, "not JSON: " + JsonErrorReason(e)});
      continue;
    }
    if (!object.is_object() || !object.contains("path") || !object["path"].is_string()) {
      manifest.problems.push_back({where, "no \"path\" string"});
      continue;
    }
    auto fields = FieldsFromJson(object);
    for (const std::string& w : fields->warnings) manifest.warnings.push_back({where, w});
    const fs::path paper = (base / object["path"].get<std::string>()).lexically_normal();
    std::error_code ec;
    if (!fs::is_regular_file(paper, ec)) {
      manifest.problems.push_back({where, "names a missing file: " + object["path"].get<std::string>()});
      continue;
    }
    manifest.by_path[paper] = std::move(fields).value();
  }
  return manifest;
}

fs::path SidecarPath(const fs::path& paper) { return fs::path(paper.string() + ".meta.json"); }

Result<SourceFields> LoadSidecar(const fs::path& paper) {
  const fs::path sidecar = SidecarPath(paper);
  std::error_code ec;
  if (!fs::exists(sidecar, ec)) return SourceFields{};
  std::ifstream in(sidecar, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  if (!in) return Status::IoError("cannot read sidecar " + sidecar.string());
  try {
    auto fields = FieldsFromJson(nlohmann::json::parse(buf.str()));
    if (!fields.ok()) return fields.status().WithContext("sidecar " + sidecar.string());
    for (std::string& w : fields->warnings) w = "sidecar " + sidecar.string() + ": " + w;
    return fields;
  } catch (const nlohmann::json::exception& e) {
    return Status::Corrupt("sidecar " + sidecar.string() + " is not JSON: " + JsonErrorReason(e));
  }
}

}  // namespace councilsearch
