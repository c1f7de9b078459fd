#include "analyzers/text_encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <memory>
#include <string>

namespace councilsearch {
namespace {

// Length of the well-formed UTF-8 sequence starting at s[i], or 0 if malformed
// (overlongs, surrogates and code points above U+10FFFF are malformed).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  if (b1 < lo || b1 > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (b < 0x80 || b > 0xBF) return 0;
  }
  return len;
}

struct Utf8Census {
  size_t first_invalid = std::string_view::npos;
  size_t invalid = 0;     // malformed bytes
  size_t multibyte = 0;   // well-formed sequences of 2-4 bytes
};

Utf8Census CensusUtf8(std::string_view s) {
  Utf8Census c;
  for (size_t i = 0; i < s.size();) {
    const size_t len = Utf8SequenceLength(s, i);
    if (len == 0) {
      if (c.first_invalid == std::string_view::npos) c.first_invalid = i;
      ++c.invalid;
      ++i;
    } else {
      if (len > 1) ++c.multibyte;
      i += len;
    }
  }
  return c;
}

Result<std::string> ConvertWithIcu(std::string_view bytes, const char* charset) {
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), charset);
  if (u.isBogus()) return Status::Unsupported(std::string("cannot convert from ") + charset);
  std::string out;
  u.toUTF8String(out);
  return out;
}

// ICU's detector; returns an 8-bit charset name, defaulting to windows-1252
// (a superset of ISO-8859-1 that councils' Office exports use).
std::string DetectLegacyCharset(std::string_view bytes) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&err), &ucsdet_close);
  if (U_FAILURE(err)) return "windows-1252";
  const auto sample = bytes.substr(0, 1 << 20);
  ucsdet_setText(det.get(), sample.data(), static_cast<int32_t>(sample.size()), &err);
  int32_t n = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &n, &err);
  if (U_FAILURE(err)) return "windows-1252";
  for (int32_t k = 0; k < n; ++k) {
    UErrorCode e2 = U_ZERO_ERROR;
    const std::string name = ucsdet_getName(matches[k], &e2);
    if (U_FAILURE(e2)) continue;
    if (ucsdet_getConfidence(matches[k], &e2) < 10) break;
    // Multi-byte guesses cannot be right for input that failed UTF-8 and has no
    // BOM; Latin-1 is read as windows-1252, which only adds characters.
    if (name == "UTF-8" || name.rfind("UTF-16", 0) == 0 || name.rfind("UTF-32", 0) == 0) continue;
    if (name == "ISO-8859-1") return "windows-1252";
    return name;
  }
  return "windows-1252";
}

}  // namespace

size_t FindInvalidUtf8(std::string_view bytes) {
  for (size_t i = 0; i < bytes.size();) {
    const size_t len = Utf8SequenceLength(bytes, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

bool LooksBinary(std::string_view bytes) {
  const auto sample = bytes.substr(0, 64 * 1024);
  size_t control = 0;
  for (unsigned char c : sample) {
    if (c == 0) return true;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B) ++control;
  }
  return !sample.empty() && control * 20 > sample.size();  // over 5% control characters
}

Result<DecodedText> DecodeToUtf8(std::string_view bytes) {
  if (bytes.empty()) return Status::Corrupt("empty file");
  if (bytes.size() >= 2) {
    const auto b0 = static_cast<unsigned char>(bytes[0]);
    const auto b1 = static_cast<unsigned char>(bytes[1]);
    const char* utf16 = (b0 == 0xFF && b1 == 0xFE) ? "UTF-16LE" : (b0 == 0xFE && b1 == 0xFF) ? "UTF-16BE" : nullptr;
    if (utf16 != nullptr) {
      auto converted = ConvertWithIcu(bytes.substr(2), utf16);
      if (!converted.ok()) return converted.status();
      return DecodedText{std::move(converted).value(), utf16};
    }
  }
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (LooksBinary(bytes)) return Status::Corrupt("binary content, not text");

  const Utf8Census census = CensusUtf8(bytes);
  if (census.invalid == 0) return DecodedText{std::string(bytes), "UTF-8"};
  // Mostly well-formed UTF-8 with some broken sequences: a damaged UTF-8 file,
  // not a legacy code page (whose high bytes almost never form valid sequences).
  if (census.multibyte > 0 && census.multibyte >= census.invalid) {
    return Status::Corrupt("invalid UTF-8 at byte offset " + std::to_string(census.first_invalid) + " (" +
                           std::to_string(census.invalid) + " malformed bytes)");
  }
  const std::string charset = DetectLegacyCharset(bytes);
  auto converted = ConvertWithIcu(bytes, charset.c_str());
  if (!converted.ok()) return converted.status();
  return DecodedText{std::move(converted).value(), charset};
}

}  // namespace councilsearch
