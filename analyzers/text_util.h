// Small string helpers shared by the analyzers, the indexer and searchd.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace councilsearch {

std::string_view TrimView(std::string_view s);          // ASCII whitespace
std::string ToLowerAscii(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);

// Comparisons that ignore ASCII case in `s`, against a lower-case `lower`,
// without making a lower-cased copy (line tests run on every line of a paper).
bool EqualsLowerAscii(std::string_view s, std::string_view lower);
bool StartsWithLowerAscii(std::string_view s, std::string_view lower);
bool ContainsLowerAscii(std::string_view s, std::string_view lower);

// A filter key for a display name: ASCII letters and digits lower-cased, bytes
// of non-ASCII characters kept, every other run of characters one '-', no
// leading or trailing '-', at most 200 bytes (Xapian terms are limited to 245).
// "Children and Young People's Committee" -> "children-and-young-people-s-committee".
std::string Slug(std::string_view name);

// 64-bit FNV-1a: stable across runs and machines (ids, content fingerprints).
uint64_t Fnv1a64(std::string_view bytes, uint64_t seed = 0xcbf29ce484222325ULL);
std::string Hex64(uint64_t v);  // 16 lower-case hex digits

// Truncates to at most `max_bytes` without splitting a UTF-8 sequence.
std::string_view TruncateUtf8(std::string_view s, size_t max_bytes);

}  // namespace councilsearch
