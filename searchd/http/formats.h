// How the core's results are written for clients: JSON bodies, RFC 4180
// CSV for spreadsheets, and Atom feeds. No HTTP here either: the routes pick
// the format, these functions only write it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "searchd/search_service.h"
#include "searchd/trends.h"

namespace councilsearch::http {

// The search response's JSON text (JsonWriter: searchd's most written body).
std::string SearchJson(const SearchResult& result, const Knowledge& knowledge);
nlohmann::json TrendsJson(const TrendResult& result);

// One CSV record (RFC 4180: fields quoted when needed, quotes doubled, CRLF).
// Text that a spreadsheet would run as a formula (=, +, -, @ first) is
// prefixed with an apostrophe, as OWASP advises for CSV exports.
std::string CsvRecord(const std::vector<std::string>& fields);
std::string SearchCsv(const SearchResult& result);
std::string TrendsCsv(const TrendResult& result);

// The text of a snippet without its markup: <mark> dropped, entities decoded.
std::string SnippetText(std::string_view html);

struct FeedInfo {
  std::string title;     // "Council Search: family hubs"
  std::string self_url;  // this feed's absolute URL
  std::string site_url;  // the web page's absolute URL
  std::string base_url;  // "http://host:port", for entry links
};

// An Atom 1.0 feed (RFC 4287) of the hits, newest first.
std::string AtomFeed(const SearchResult& result, const FeedInfo& info);

// The current UTC time in a strftime format.
std::string UtcNow(const char* format);

// "2023-01-26" -> "2023-01-26T00:00:00Z".
std::string AtomDate(const std::string& iso_date);

}  // namespace councilsearch::http
