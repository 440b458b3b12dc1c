// UTF-8 decoding and the UTF-16 view JavaScript has of a string. GrowthBook hashes and compares
// strings as sequences of UTF-16 code units (String.prototype.charCodeAt), so code points above
// U+FFFF count as two units (a surrogate pair).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace engage::detail {

// Decodes the code point starting at text[i] and advances i. Malformed or truncated sequences
// yield U+FFFD and consume one byte (the WHATWG decoder's replacement behaviour).
char32_t decodeUtf8(std::string_view text, size_t& i);

void appendUtf8(std::string& out, char32_t cp);

// Calls fn(unit) for every UTF-16 code unit of the UTF-8 text.
template <typename Fn>
void forEachUtf16Unit(std::string_view text, Fn&& fn) {
  size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {  // ASCII fast path: one byte, one unit
      fn(static_cast<char16_t>(byte));
      ++i;
      continue;
    }
    char32_t cp = decodeUtf8(text, i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      fn(static_cast<char16_t>(0xD800 + (cp >> 10)));
      fn(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      fn(static_cast<char16_t>(cp));
    }
  }
}

std::u16string toUtf16(std::string_view text);

}  // namespace engage::detail
