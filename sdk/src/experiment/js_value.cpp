#include "experiment/js_value.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "experiment/utf16.h"

namespace engage::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMaxSafeInteger = 9007199254740991.0;  // 2^53 - 1

// Shortest decimal digits that round-trip to `value` (> 0, finite), and the exponent n such that
// value = 0.d1d2... x 10^n (ECMA-262 Number::toString notation).
void shortestDigits(double value, std::string& digits, int& n) {
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*e", precision - 1, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  // buf is "d.ddde[+-]xx"
  digits.clear();
  const char* p = buf;
  for (; *p && *p != 'e'; ++p) {
    if (*p != '.') digits += *p;
  }
  int exp10 = *p == 'e' ? std::atoi(p + 1) : 0;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  n = exp10 + 1;
}

std::string joinArray(const Json& array) {
  std::string out;
  bool first = true;
  for (const Json& item : array) {
    if (!first) out += ',';
    first = false;
    if (!item.is_null()) out += jsToString(item);
  }
  return out;
}

bool isJsWhitespace(char32_t c) {
  return c == 0x09 || c == 0x0A || c == 0x0B || c == 0x0C || c == 0x0D || c == 0x20 || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

std::string_view trimJs(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end) {
    size_t i = begin;
    if (!isJsWhitespace(decodeUtf8(text, i))) break;
    begin = i;
  }
  while (end > begin) {
    size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    size_t i = start;
    if (!isJsWhitespace(decodeUtf8(text, i))) break;
    end = start;
  }
  return text.substr(begin, end - begin);
}

double parseRadixInteger(std::string_view digits, int radix) {
  if (digits.empty()) return kNaN;
  double value = 0;
  for (char c : digits) {
    int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'z') ? c - 'a' + 10
            : (c >= 'A' && c <= 'Z') ? c - 'A' + 10 : 99;
    if (d >= radix) return kNaN;
    value = value * radix + d;
  }
  return value;
}

// StrDecimalLiteral: [+-] (digits [. digits] | . digits) [e [+-] digits], or [+-]Infinity.
bool isDecimalLiteral(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (s.substr(i) == "Infinity") return true;
  size_t intDigits = 0, fracDigits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++intDigits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++fracDigits;
  }
  if (intDigits + fracDigits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t expDigits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++expDigits;
    if (expDigits == 0) return false;
  }
  return i == s.size();
}

double toPrimitiveNumber(const Json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_boolean()) return v.get<bool>() ? 1 : 0;
  if (v.is_null()) return 0;
  if (v.is_string()) return jsStringToNumber(v.get_ref<const std::string&>());
  return kNaN;
}

}  // namespace

std::string jsNumberToString(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return "0";
  if (value < 0) return "-" + jsNumberToString(-value);
  if (value <= kMaxSafeInteger && std::floor(value) == value) {
    return std::to_string(static_cast<int64_t>(value));
  }
  std::string d;
  int n = 0;
  shortestDigits(value, d, n);
  int k = static_cast<int>(d.size());
  if (k <= n && n <= 21) return d + std::string(static_cast<size_t>(n - k), '0');
  if (0 < n && n <= 21) return d.substr(0, static_cast<size_t>(n)) + "." + d.substr(static_cast<size_t>(n));
  if (-6 < n && n <= 0) return "0." + std::string(static_cast<size_t>(-n), '0') + d;
  std::string exponent = (n - 1 >= 0 ? "e+" : "e-") + std::to_string(std::abs(n - 1));
  if (k == 1) return d + exponent;
  return d.substr(0, 1) + "." + d.substr(1) + exponent;
}

std::string jsToString(const Json& value) {
  switch (value.type()) {
    case Json::value_t::string: return value.get_ref<const std::string&>();
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return jsNumberToString(value.get<double>());
    case Json::value_t::array: return joinArray(value);
    default: return "[object Object]";
  }
}

std::string jsStickyString(const Json& value) {
  if (value.is_string()) return value.get_ref<const std::string&>();
  if (value.is_number()) return jsNumberToString(value.get<double>());
  return dumpJson(value);
}

double jsStringToNumber(std::string_view text) {
  std::string_view s = trimJs(text);
  if (s.empty()) return 0;
  if (s.size() > 2 && s[0] == '0') {
    char p = s[1];
    if (p == 'x' || p == 'X') return parseRadixInteger(s.substr(2), 16);
    if (p == 'o' || p == 'O') return parseRadixInteger(s.substr(2), 8);
    if (p == 'b' || p == 'B') return parseRadixInteger(s.substr(2), 2);
  }
  if (!isDecimalLiteral(s)) return kNaN;
  bool negative = s[0] == '-';
  std::string_view body = (s[0] == '+' || s[0] == '-') ? s.substr(1) : s;
  if (body == "Infinity") {
    return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  return std::strtod(std::string(s).c_str(), nullptr);
}

double jsToNumber(const Json& value) {
  if (value.is_array()) return jsStringToNumber(joinArray(value));
  return toPrimitiveNumber(value);
}

bool jsTruthy(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded: return false;
    case Json::value_t::boolean: return value.get<bool>();
    case Json::value_t::string: return !value.get_ref<const std::string&>().empty();
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: {
      double d = value.get<double>();
      return d != 0 && !std::isnan(d);
    }
    default: return true;  // objects and arrays, even empty ones
  }
}

bool jsStrictEquals(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  if (a.type() != b.type()) return false;
  if (a.is_object() || a.is_array()) return false;
  return a == b;
}

bool jsJsonEquals(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!jsJsonEquals(a[i], b[i])) return false;
    }
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end() || !jsJsonEquals(*it, *other)) return false;
    }
    return true;
  }
  return a == b;
}

bool jsCompare(const Json& a, const Json& b, JsCompare op) {
  // ToPrimitive: arrays and objects become strings; if both sides are strings compare as strings.
  bool aString = a.is_string() || a.is_array() || a.is_object();
  bool bString = b.is_string() || b.is_array() || b.is_object();
  if (aString && bString) {
    int c = compareUtf16(jsToString(a), jsToString(b));
    switch (op) {
      case JsCompare::Less: return c < 0;
      case JsCompare::LessEqual: return c <= 0;
      case JsCompare::Greater: return c > 0;
      case JsCompare::GreaterEqual: return c >= 0;
    }
  }
  double x = jsToNumber(a);
  double y = jsToNumber(b);
  switch (op) {  // any NaN makes every comparison false
    case JsCompare::Less: return x < y;
    case JsCompare::LessEqual: return x <= y;
    case JsCompare::Greater: return x > y;
    case JsCompare::GreaterEqual: return x >= y;
  }
  return false;
}

int compareUtf16(std::string_view a, std::string_view b) {
  // Byte order of UTF-8 equals code point order; only supplementary characters against
  // U+E000..U+FFFF sort differently in UTF-16, so take the exact path when non-ASCII appears.
  bool ascii = true;
  for (char c : a) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  for (char c : b) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return a.compare(b);
  return toUtf16(a).compare(toUtf16(b));
}

char32_t foldCase(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c < 0xC0) return c;
  if (c <= 0xDE && c != 0xD7) return c + 32;              // Latin-1 capitals
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;  // Greek capitals
  if (c >= 0x410 && c <= 0x42F) return c + 32;             // Cyrillic А-Я
  if (c >= 0x400 && c <= 0x40F) return c + 80;             // Cyrillic Ѐ-Џ
  return c;
}

std::string jsToLowerCase(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) appendUtf8(out, foldCase(decodeUtf8(text, i)));
  return out;
}

const char* jsTypeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::array: return "array";
    case Json::value_t::string: return "string";
    case Json::value_t::boolean: return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "number";
    case Json::value_t::object: return "object";
    default: return "unknown";
  }
}

}  // namespace engage::detail
