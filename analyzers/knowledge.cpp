#include "analyzers/knowledge.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analyzers/text_util.h"

namespace councilsearch {
namespace fs = std::filesystem;

std::string NameKey(std::string_view name) {
  std::string out;
  bool pending_space = false;
  for (char c : name) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       static_cast<unsigned char>(c) >= 0x80;
    if (!alnum) {
      pending_space = !out.empty();
      continue;
    }
    if (c == '&') continue;
    if (pending_space) out += ' ';
    pending_space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

const CouncilInfo* Knowledge::FindCouncil(std::string_view name) const {
  const std::string key = NameKey(name);
  if (key.empty()) return nullptr;
  for (const CouncilInfo& c : councils) {
    if (NameKey(c.name) == key) return &c;
    for (const std::string& a : c.aliases)
      if (NameKey(a) == key) return &c;
  }
  return nullptr;
}

size_t EditDistance(std::string_view a, std::string_view b, size_t limit) {
  if (a.size() > b.size() + limit || b.size() > a.size() + limit) return limit + 1;
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string Knowledge::CommitteeAlias(std::string_view council, const std::string& committee) const {
  const std::string key = NameKey(committee);
  // Exact names and aliases first; then a known name within two edits (OCR:
  // "Cappamore-Kilmatlock", "Municipal! District"), when only one is that close.
  auto lookup = [&key](const CouncilInfo& c) -> const std::string* {
    for (const CommitteeAliases& m : c.committees) {
      if (NameKey(m.name) == key) return &m.name;
      for (const std::string& a : m.aliases)
        if (NameKey(a) == key) return &m.name;
    }
    const std::string* close = nullptr;
    for (const CommitteeAliases& m : c.committees) {
      if (key.size() < 12 || EditDistance(NameKey(m.name), key, 2) > 2) continue;
      if (close != nullptr && *close != m.name) return nullptr;
      close = &m.name;
    }
    return close;
  };
  if (const CouncilInfo* c = FindCouncil(council)) {
    const std::string* name = lookup(*c);
    return name != nullptr ? *name : committee;
  }
  // Council unknown: an alias of exactly one known council still applies.
  const std::string* found = nullptr;
  for (const CouncilInfo& c : councils) {
    if (const std::string* name = lookup(c)) {
      if (found != nullptr && *found != *name) return committee;
      found = name;
    }
  }
  return found != nullptr ? *found : committee;
}

void Knowledge::Compile() {
  theme_matcher = PhraseMatcher();
  theme_weak_phrase.clear();
  concept_matcher = PhraseMatcher();
  query_concept_matcher = PhraseMatcher();
  for (size_t t = 0; t < themes.size(); ++t) {
    for (const std::string& p : themes[t].phrases) theme_matcher.Add(p, static_cast<int>(t), false, true);
    // Weak phrases are told apart by their phrase index (see theme_weak_phrase).
    for (const std::string& p : themes[t].weak_phrases) {
      theme_weak_phrase.resize(theme_matcher.size() + 1, false);
      theme_weak_phrase[theme_matcher.size()] = true;
      theme_matcher.Add(p, static_cast<int>(t), false, true);
    }
    for (const std::string& a : themes[t].acronyms) theme_matcher.Add(a, static_cast<int>(t), true, false);
  }
  for (size_t a = 0; a < abbreviations.size(); ++a) {
    const Abbreviation& abbr = abbreviations[a];
    for (const std::string& f : abbr.short_forms) {
      concept_matcher.Add(f, static_cast<int>(a), true, false);
      query_concept_matcher.Add(f, static_cast<int>(a), abbr.query_case_sensitive, false);
    }
    for (const std::string& f : abbr.long_forms) {
      concept_matcher.Add(f, static_cast<int>(a), false, false);
      query_concept_matcher.Add(f, static_cast<int>(a), false, false);
    }
  }
  spelling_map.clear();
  for (const SpellingVariant& v : spellings) spelling_map[NameKey(v.other)] = NameKey(v.preferred);
}

const Theme* Knowledge::FindTheme(std::string_view id_or_label) const {
  const std::string key = NameKey(id_or_label);
  for (const Theme& t : themes)
    if (NameKey(t.id) == key || NameKey(t.label) == key) return &t;
  return nullptr;
}

namespace {

using nlohmann::json;

std::vector<std::string> Strings(const json& j, const char* field) {
  std::vector<std::string> out;
  if (!j.contains(field)) return out;
  for (const auto& v : j.at(field)) out.push_back(v.get<std::string>());
  return out;
}

Result<json> ReadJson(const fs::path& file, std::string& all_bytes) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + file.string());
  std::stringstream buf;
  buf << in.rdbuf();
  all_bytes += buf.str();
  try {
    return json::parse(buf.str());
  } catch (const json::exception& e) {
    return Status::Corrupt(file.string() + ": " + e.what());
  }
}

}  // namespace

Result<std::shared_ptr<const Knowledge>> LoadKnowledge(const fs::path& dir) {
  auto k = std::make_shared<Knowledge>();
  std::string bytes;
  const fs::path councils_file = dir / "councils.json";
  const fs::path themes_file = dir / "themes.json";
  const fs::path abbreviations_file = dir / "abbreviations.json";
  auto councils = ReadJson(councils_file, bytes);
  if (!councils.ok()) return councils.status();
  auto themes = ReadJson(themes_file, bytes);
  if (!themes.ok()) return themes.status();
  auto abbreviations = ReadJson(abbreviations_file, bytes);
  if (!abbreviations.ok()) return abbreviations.status();
  const fs::path* current = &councils_file;
  try {
    for (const auto& c : councils->at("councils")) {
      CouncilInfo info;
      info.name = c.at("name").get<std::string>();
      info.aliases = Strings(c, "aliases");
      info.domains = Strings(c, "domains");
      info.phone_prefixes = Strings(c, "phone_prefixes");
      if (c.contains("committees")) {
        for (const auto& m : c.at("committees"))
          info.committees.push_back({m.at("name").get<std::string>(), Strings(m, "aliases")});
      }
      k->councils.push_back(std::move(info));
    }
    current = &themes_file;
    for (const auto& t : themes->at("themes")) {
      Theme theme;
      theme.id = t.at("id").get<std::string>();
      theme.label = t.at("label").get<std::string>();
      theme.phrases = Strings(t, "phrases");
      theme.weak_phrases = Strings(t, "weak_phrases");
      theme.acronyms = Strings(t, "acronyms");
      theme.min_weight = t.value("min_weight", 0.0);
      if (theme.phrases.empty() && theme.acronyms.empty())
        return Status::InvalidArgument(themes_file.string() + ": theme '" + theme.id + "' has no phrases");
      k->themes.push_back(std::move(theme));
    }
    current = &abbreviations_file;
    for (const auto& a : abbreviations->at("abbreviations")) {
      Abbreviation abbr;
      abbr.id = a.at("id").get<std::string>();
      abbr.short_forms = Strings(a, "short");
      abbr.long_forms = Strings(a, "long");
      abbr.query_case_sensitive = a.value("query_case_sensitive", false);
      if (abbr.short_forms.empty() || abbr.long_forms.empty())
        return Status::InvalidArgument(abbreviations_file.string() + ": '" + abbr.id + "' needs short and long forms");
      k->abbreviations.push_back(std::move(abbr));
    }
    if (abbreviations->contains("spellings")) {
      for (const auto& s : abbreviations->at("spellings"))
        k->spellings.push_back({s.at(0).get<std::string>(), s.at(1).get<std::string>()});
    }
  } catch (const json::exception& e) {
    return Status::Corrupt(current->string() + ": " + e.what());
  }
  k->fingerprint = Hex64(Fnv1a64(bytes));
  k->Compile();
  return std::shared_ptr<const Knowledge>(std::move(k));
}

namespace {

// `share/councilsearch/<name>` beside the running program (an installed
// build) when it holds `marker`, else `source` (a build in the source tree).
fs::path InstalledOrSource(const char* name, const char* marker, const fs::path& source) {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "councilsearch" / name;
    if (fs::exists(installed / marker, ec)) return installed;
  }
  return source;
}

}  // namespace

fs::path DefaultDataDir() {
  if (const char* env = std::getenv("COUNCILSEARCH_DATA_DIR"); env != nullptr && *env != '\0') return env;
  return InstalledOrSource("data", "themes.json", COUNCILSEARCH_SOURCE_DATA_DIR);
}

fs::path DefaultWebDir() { return InstalledOrSource("web", "index.html", COUNCILSEARCH_SOURCE_WEB_DIR); }

namespace {

std::mutex& KnowledgeMutex() {
  static std::mutex m;
  return m;
}

std::shared_ptr<const Knowledge>& KnowledgeSlot() {
  static std::shared_ptr<const Knowledge> slot;
  return slot;
}

}  // namespace

const Knowledge& DefaultKnowledge() {
  std::lock_guard<std::mutex> lock(KnowledgeMutex());
  auto& slot = KnowledgeSlot();
  if (!slot) {
    auto loaded = LoadKnowledge(DefaultDataDir());
    if (loaded.ok()) {
      slot = *loaded;
    } else {
      std::cerr << "councilsearch: data files: " << loaded.status().message() << " (analysing without them)\n";
      slot = std::make_shared<Knowledge>();
    }
  }
  return *slot;
}

void SetDefaultKnowledge(std::shared_ptr<const Knowledge> knowledge) {
  std::lock_guard<std::mutex> lock(KnowledgeMutex());
  KnowledgeSlot() = std::move(knowledge);
}

}  // namespace councilsearch
