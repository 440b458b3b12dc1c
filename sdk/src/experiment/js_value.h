// JavaScript value semantics over JSON. GrowthBook's SDK is written in JavaScript and its
// targeting conditions lean on JS coercions (String(x), x * 1, truthiness, `<` between mixed
// types, ===). These helpers reproduce those rules for JSON values so that conditions and hashes
// give the same answers as the reference SDK.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/json_access.h"

namespace engage::detail {

// Number::toString(10): shortest round-trip digits, JS exponent rules ("1e+21", "1.5e-7").
std::string jsNumberToString(double value);

// String(value): null -> "null", arrays joined with ",", objects -> "[object Object]".
std::string jsToString(const Json& value);

// JSON.stringify-like text used by GrowthBook's toString() for sticky-bucket keys: strings as is,
// everything else serialised.
std::string jsStickyString(const Json& value);

// ToNumber(value): strings by StringToNumber, null -> 0, booleans -> 0/1, arrays via their
// string form, objects -> NaN.
double jsToNumber(const Json& value);

// ToNumber for a string (trimmed; "" -> 0; decimal, 0x/0o/0b, Infinity; otherwise NaN).
double jsStringToNumber(std::string_view text);

// !!value.
bool jsTruthy(const Json& value);

// a === b for JSON values: primitives by value, objects and arrays never (they are references).
bool jsStrictEquals(const Json& a, const Json& b);

// JSON.stringify(a) === JSON.stringify(b), with numbers compared by value. Object keys are
// compared as sets (nlohmann keeps keys sorted; JS would also compare their order).
bool jsJsonEquals(const Json& a, const Json& b);

// The abstract relational comparison behind a < b, a <= b, a > b, a >= b.
enum class JsCompare { Less, LessEqual, Greater, GreaterEqual };
bool jsCompare(const Json& a, const Json& b, JsCompare op);

// Compares two UTF-8 strings by their UTF-16 code units, as JS string comparison does.
int compareUtf16(std::string_view a, std::string_view b);

// Simple case folding (ASCII, Latin-1, Greek, Cyrillic) for $ini/$nini/$alli/$regexi; other
// scripts compare exactly.
char32_t foldCase(char32_t c);
std::string jsToLowerCase(std::string_view text);

// typeof with GrowthBook's refinements: "null", "array", "string", "number", "boolean", "object".
const char* jsTypeName(const Json& value);

}  // namespace engage::detail
