#include "searchd/http/formats.h"

#include <cmath>
#include <cstdio>
#include <ctime>

#include "analyzers/knowledge.h"
#include "analyzers/text_util.h"
#include "searchd/http/json_writer.h"
#include "searchd/snippets.h"

namespace councilsearch::http {
namespace {

using nlohmann::json;

std::string Number(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string Join(const std::vector<std::string>& values, std::string_view separator) {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += separator;
    out += v;
  }
  return out;
}

std::string EntryTitle(const Hit& hit) {
  std::string title = hit.title;
  if (!hit.heading.empty() && hit.heading != hit.title) {
    title += " \xE2\x80\x94 ";  // em dash
    if (!hit.number.empty()) title += hit.number + " ";
    title += hit.heading;
  }
  return title;
}

// Counts as integers, money and shares as they are.
json JsonNumber(double v) {
  if (v == std::floor(v) && std::fabs(v) < 9e15) return static_cast<int64_t>(v);
  return v;
}

// Escaped for XML 1.0, which has no place for most control characters
// (PDF text carries form feeds between pages).
std::string Xml(std::string_view text) {
  std::string clean(text);
  for (char& c : clean) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') c = ' ';
  }
  return EscapeHtml(clean);
}

}  // namespace

// Keys in alphabetical order, as nlohmann's sorted objects wrote them before.
std::string SearchJson(const SearchResult& result, const Knowledge& knowledge) {
  size_t expected = 2048;  // the facets and the envelope
  for (const Hit& h : result.hits) expected += 512 + h.snippet.size() + h.title.size() + h.heading.size();
  JsonWriter w(expected);
  w.BeginObject();
  w.Key("did_you_mean");
  result.did_you_mean ? w.String(*result.did_you_mean) : w.Null();
  w.Key("facets").BeginObject();
  for (const auto& [name, values] : result.facets) {  // a sorted map
    w.Key(name).BeginArray();
    for (const FacetValue& v : values) {
      w.BeginObject().Key("count").Number(v.count);
      if (name == "theme") {
        if (const Theme* theme = knowledge.FindTheme(v.value)) w.Key("label").String(theme->label);
      }
      w.Key("value").String(v.value).EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  w.Key("hits").BeginArray();
  for (const Hit& h : result.hits) {
    w.BeginObject();
    w.Key("committee").String(h.committee).Key("council").String(h.council).Key("date");
    h.date.empty() ? w.Null() : w.String(h.date);
    w.Key("heading").String(h.heading).Key("item_id").String(h.item_id);
    w.Key("item_url").String("/api/v1/items/" + h.item_id);
    w.Key("number").String(h.number).Key("ordinal").Number(uint64_t{h.ordinal}).Key("page");
    h.page > 0 ? w.Number(int64_t{h.page}) : w.Null();
    w.Key("paper_id").String(h.paper_id).Key("paper_url").String("/api/v1/papers/" + h.paper_id);
    w.Key("people").Strings(h.people).Key("score").Number(h.score).Key("snippet").String(h.snippet);
    w.Key("themes").Strings(h.themes).Key("title").String(h.title).Key("type").String(h.type);
    w.Key("url").String(h.url);
    w.EndObject();
  }
  w.EndArray();
  w.Key("took_ms").Number(std::round(result.took_ms * 100) / 100);
  w.Key("total").Number(result.total);
  w.EndObject();
  return w.Take();
}

json TrendsJson(const TrendResult& result) {
  json out;
  out["interval"] = IntervalName(result.interval);
  out["buckets"] = result.buckets;
  out["series"] = json::array();
  for (const TrendSeries& s : result.series) {
    json counts = json::array();
    for (double c : s.counts) counts.push_back(JsonNumber(c));
    json series = {{"label", s.label}, {"counts", std::move(counts)}, {"undated", JsonNumber(s.undated)}};
    series["q"] = s.q.empty() ? json(nullptr) : json(s.q);
    series["theme"] = s.theme.empty() ? json(nullptr) : json(s.theme);
    if (s.split) series["split_value"] = s.split_value.empty() ? json(nullptr) : json(s.split_value);
    if (!s.shares.empty()) series["shares"] = s.shares;
    out["series"].push_back(std::move(series));
  }
  out["took_ms"] = std::round(result.took_ms * 100) / 100;
  return out;
}

std::string CsvRecord(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    std::string field = fields[i];
    if (!field.empty() && (field[0] == '=' || field[0] == '+' || field[0] == '-' || field[0] == '@')) {
      field.insert(0, 1, '\'');
    }
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
      out += field;
      continue;
    }
    out += '"';
    for (char c : field) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += "\r\n";
  return out;
}

std::string SnippetText(std::string_view html) {
  std::string out;
  for (size_t i = 0; i < html.size();) {
    if (html.compare(i, 6, "<mark>") == 0) {
      i += 6;
    } else if (html.compare(i, 7, "</mark>") == 0) {
      i += 7;
    } else if (html[i] == '&') {
      static const std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
      bool decoded = false;
      for (const auto& [entity, c] : kEntities) {
        if (html.compare(i, entity.size(), entity) == 0) {
          out += c;
          i += entity.size();
          decoded = true;
          break;
        }
      }
      if (!decoded) out += html[i++];
    } else {
      out += html[i++];
    }
  }
  return out;
}

std::string SearchCsv(const SearchResult& result) {
  std::string out = CsvRecord({"date", "council", "committee", "type", "title", "number", "heading", "page", "themes",
                               "score", "paper_id", "item_id", "url", "snippet"});
  for (const Hit& h : result.hits) {
    out += CsvRecord({h.date, h.council, h.committee, h.type, h.title, h.number, h.heading,
                      h.page > 0 ? std::to_string(h.page) : "", Join(h.themes, ";"), Number(h.score), h.paper_id,
                      h.item_id, h.url, SnippetText(h.snippet)});
  }
  return out;
}

std::string TrendsCsv(const TrendResult& result) {
  std::vector<std::string> header = {IntervalName(result.interval)};
  for (const TrendSeries& s : result.series) {
    header.push_back(s.label);
    if (!s.shares.empty()) header.push_back(s.label + " (share)");
  }
  std::string out = CsvRecord(header);
  for (size_t b = 0; b <= result.buckets.size(); ++b) {
    const bool undated = b == result.buckets.size();
    std::vector<std::string> row = {undated ? "undated" : result.buckets[b]};
    for (const TrendSeries& s : result.series) {
      row.push_back(Number(undated ? s.undated : s.counts[b]));
      if (!s.shares.empty()) row.push_back(undated ? "" : Number(s.shares[b]));
    }
    out += CsvRecord(row);
  }
  return out;
}

std::string UtcNow(const char* format) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

std::string AtomDate(const std::string& iso_date) { return iso_date + "T00:00:00Z"; }

std::string AtomFeed(const SearchResult& result, const FeedInfo& info) {
  std::string updated;
  for (const Hit& h : result.hits)
    if (!h.date.empty() && AtomDate(h.date) > updated) updated = AtomDate(h.date);
  if (updated.empty()) updated = UtcNow("%Y-%m-%dT%H:%M:%SZ");

  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  out += "  <title>" + Xml(info.title) + "</title>\n";
  out += "  <id>" + Xml(info.self_url) + "</id>\n";
  out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" + Xml(info.self_url) + "\"/>\n";
  out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + Xml(info.site_url) + "\"/>\n";
  out += "  <updated>" + updated + "</updated>\n";
  out += "  <author><name>Council Search</name></author>\n";
  out += "  <generator>councilsearch-searchd</generator>\n";
  for (const Hit& h : result.hits) {
    const std::string link = !h.url.empty() ? h.url : info.base_url + "/api/v1/items/" + h.item_id;
    std::string category;
    if (!h.committee.empty()) category += "    <category term=\"" + Xml(h.committee) + "\"/>\n";
    out += "  <entry>\n";
    out += "    <id>" + Xml(info.base_url + "/api/v1/items/" + h.item_id) + "</id>\n";
    out += "    <title>" + Xml(EntryTitle(h)) + "</title>\n";
    out += "    <link rel=\"alternate\" href=\"" + Xml(link) + "\"/>\n";
    out += "    <updated>" + (h.date.empty() ? updated : AtomDate(h.date)) + "</updated>\n";
    out += category;
    // The snippet is HTML (escaped text with <mark>); as type="html" it is
    // escaped once more, as Atom requires.
    std::string summary = h.council.empty() ? "" : h.council;
    if (!h.committee.empty()) summary += (summary.empty() ? "" : ", ") + h.committee;
    if (!h.date.empty()) summary += (summary.empty() ? "" : ", ") + h.date;
    out += "    <summary type=\"html\">" + Xml("<p>" + EscapeHtml(summary) + "</p><p>" + h.snippet + "</p>") +
           "</summary>\n";
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace councilsearch::http
