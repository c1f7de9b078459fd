#include "indexer/paper_record.h"

#include <xapian.h>

#include <nlohmann/json.hpp>

#include "analyzers/text_util.h"
#include "indexer/metadata_sources.h"
#include "indexer/schema.h"

namespace councilsearch {
namespace {

using nlohmann::json;

void PutOptional(json& j, std::string_view name, const std::optional<std::string>& v) {
  if (v) j[std::string(name)] = *v;
}

std::optional<std::string> GetOptional(const json& j, std::string_view name) {
  const auto it = j.find(std::string(name));
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

std::string PaperIdForKey(std::string_view key) { return Hex64(Fnv1a64(key)); }

std::string ItemIdFor(std::string_view paper_id, uint32_t ordinal) {
  return std::string(paper_id) + "-" + std::to_string(ordinal);
}

std::string PaperRecord::ToJson() const {
  using namespace schema;
  json j;
  j[std::string(kDataPaperId)] = id;
  j[std::string(kPaperKey)] = key;
  j[std::string(kPaperCollection)] = collection;
  j[std::string(kPaperHash)] = hash;
  PutOptional(j, kDataTitle, fields.title);
  PutOptional(j, kDataCouncil, fields.council);
  PutOptional(j, kDataCommittee, fields.committee);
  PutOptional(j, kDataDate, fields.date);
  PutOptional(j, kDataType, fields.type);
  PutOptional(j, kDataUrl, fields.url);
  if (!raw_type.empty()) j[std::string(kPaperSourceType)] = raw_type;
  if (!raw_committee.empty()) j[std::string(kPaperSourceCommittee)] = raw_committee;
  if (!meeting_kinds.empty()) j[std::string(kPaperKinds)] = meeting_kinds;
  if (!attendees.empty()) {
    json people = json::array();
    for (const Person& p : attendees) people.push_back({{"name", p.name}, {"role", p.role}, {"kind", p.kind}});
    j[std::string(kPaperAttendees)] = std::move(people);
  }
  j[std::string(kPaperFormat)] = format;
  j[std::string(kPaperEncoding)] = encoding;
  j[std::string(kPaperBytes)] = bytes;
  j[std::string(kPaperPageCount)] = page_count;
  j[std::string(kPaperItems)] = items;
  return j.dump();
}

Result<PaperRecord> PaperRecord::FromJson(std::string_view text) {
  using namespace schema;
  try {
    const json j = json::parse(text);
    PaperRecord r;
    r.id = j.at(std::string(kDataPaperId)).get<std::string>();
    r.key = j.at(std::string(kPaperKey)).get<std::string>();
    r.collection = j.value(std::string(kPaperCollection), "");
    r.hash = j.value(std::string(kPaperHash), "");
    r.fields.title = GetOptional(j, kDataTitle);
    r.fields.council = GetOptional(j, kDataCouncil);
    r.fields.committee = GetOptional(j, kDataCommittee);
    r.fields.date = GetOptional(j, kDataDate);
    r.fields.type = GetOptional(j, kDataType);
    r.fields.url = GetOptional(j, kDataUrl);
    r.raw_type = j.value(std::string(kPaperSourceType), "");
    r.raw_committee = j.value(std::string(kPaperSourceCommittee), "");
    if (j.contains(std::string(kPaperKinds))) r.meeting_kinds = j.at(std::string(kPaperKinds)).get<std::vector<std::string>>();
    if (j.contains(std::string(kPaperAttendees))) {
      for (const auto& p : j.at(std::string(kPaperAttendees)))
        r.attendees.push_back({p.value("name", ""), p.value("role", ""), p.value("kind", "")});
    }
    r.format = j.value(std::string(kPaperFormat), "");
    r.encoding = j.value(std::string(kPaperEncoding), "");
    r.bytes = j.value(std::string(kPaperBytes), uint64_t{0});
    r.page_count = j.value(std::string(kPaperPageCount), uint32_t{0});
    r.items = j.value(std::string(kPaperItems), uint32_t{0});
    return r;
  } catch (const json::exception& e) {
    return Status::Corrupt("bad paper record: " + JsonErrorReason(e));
  }
}

Result<std::map<std::string, PaperRecord>> ReadPaperRecords(const std::string& path) {
  std::map<std::string, PaperRecord> records;
  const std::string prefix(schema::kMetaPaperPrefix);
  for (const std::string& shard_path : schema::ShardPaths(path)) {
    try {
      // Metadata is read shard by shard: a multi-database answers from its first.
      Xapian::Database shard(shard_path);
      for (auto k = shard.metadata_keys_begin(prefix); k != shard.metadata_keys_end(prefix); ++k) {
        auto record = PaperRecord::FromJson(shard.get_metadata(*k));
        if (!record.ok()) return record.status().WithContext(shard_path + " " + *k);
        std::string id = record->id;
        records.emplace(std::move(id), std::move(record).value());
      }
    } catch (const Xapian::Error& e) {
      return Status::IoError(shard_path + ": " + e.get_description());
    }
  }
  return records;
}

}  // namespace councilsearch
