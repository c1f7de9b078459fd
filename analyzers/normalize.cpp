#include "analyzers/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <stdexcept>

namespace councilsearch {
namespace {

// What one code point becomes after NFKC: kDrop, a replacement ASCII char, or
// kKeep (copy it).
constexpr int kKeep = -1;
constexpr int kDrop = -2;

int FoldCodePoint(UChar32 c) {
  if (c < 0x80) {
    if (c == '\r') return '\n';  // CRLF is collapsed by the caller
    if (c == '\v') return '\n';
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\f') return ' ';
    if (c == 0x7F) return ' ';
    return kKeep;
  }
  switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC: case 0x02B9:
      return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
      return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
    case 0xFE58: case 0xFE63: case 0xFF0D:
      return '-';
    case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
      return ' ';
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
      return kDrop;
    case 0x0085: case 0x2028: case 0x2029:
      return '\n';
    default:
      break;
  }
  if (c >= 0x2000 && c <= 0x200A) return ' ';
  if (c >= 0x80 && c < 0xA0) return ' ';  // C1 controls
  return kKeep;
}

void AppendFolded(std::string& out, std::string_view s) {
  out.reserve(out.size() + s.size());
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    // Printable ASCII, tabs, newlines and form feeds stay as they are: copied
    // a run at a time.
    int32_t run = i;
    while (run < n && ((p[run] >= 0x20 && p[run] < 0x7F) || p[run] == '\t' || p[run] == '\n' || p[run] == '\f')) ++run;
    if (run > i) {
      out.append(s.substr(static_cast<size_t>(i), static_cast<size_t>(run - i)));
      i = run;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {  // cannot happen for valid input; keep the replacement char
      out += "\xEF\xBF\xBD";
      continue;
    }
    if (c == '\r' && i < n && p[i] == '\n') continue;  // CRLF -> the LF that follows
    const int folded = FoldCodePoint(c);
    if (folded == kKeep) {
      out.append(s.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
    } else if (folded != kDrop) {
      out.push_back(static_cast<char>(folded));
    }
  }
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

}  // namespace

std::string NormalizeText(std::string_view utf8) {
  std::string out;
  if (IsAscii(utf8)) {  // NFKC is the identity on ASCII
    AppendFolded(out, utf8);
    return out;
  }
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  if (U_FAILURE(err)) throw std::runtime_error("ICU NFKC normaliser unavailable");
  // Straight from UTF-8 to UTF-8: no UTF-16 copy of a paper that is ASCII
  // but for a few pound signs and curly quotes.
  std::string nfkc_utf8;
  icu::StringByteSink<std::string> sink(&nfkc_utf8, static_cast<int32_t>(utf8.size()));
  nfkc->normalizeUTF8(0, icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), sink, nullptr, err);
  if (U_FAILURE(err)) throw std::runtime_error("ICU NFKC normalisation failed");
  AppendFolded(out, nfkc_utf8);
  return out;
}

}  // namespace councilsearch
