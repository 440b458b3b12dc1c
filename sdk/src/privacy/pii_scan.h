// Hand-written scanners for PII inside one string: e-mail addresses, card numbers, bearer-like
// tokens and long secrets. No std::regex: these run on every string of every event. Each scanner
// reports spans (offsets into the scanned string); the caller rebuilds the string only when a span
// was found, so a clean string costs one pass and no allocation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engage/privacy.h"

namespace engage::detail {

enum class PiiKind : uint8_t { Email, Card, Token, Denied };

struct Span {
  size_t begin, end;
  PiiKind kind;
};
// Sorted by begin, non-overlapping.
using Spans = std::vector<Span>;

struct ScanRules {
  bool emails = true, cards = true, tokens = true, secrets = true;
  size_t minSecretLength = 32;
  size_t minBearerLength = 8;
};
ScanRules scanRulesFrom(const RedactionConfig& config);

// Appends the e-mails, card numbers, "Bearer/Basic x" credentials and JWTs in s[begin, end).
void scanInline(std::string_view s, size_t begin, size_t end, const ScanRules& rules, Spans& out);

// A card number: 13-19 digits, first digit 2-6 (the card networks' ranges), Luhn-valid, and not a
// 13-digit product barcode (GTIN-13/EAN-13 check digit valid).
bool isCardNumber(const char* digits, size_t n);
bool luhnValid(const char* digits, size_t n);
bool gtin13Valid(const char* digits);
// An unsigned integer's decimal digits checked as a card number.
bool isCardNumber(uint64_t value);

// A whole URL parameter value or path segment that looks like a secret: at least `minLength`
// characters, either all hex or base64/base64url with upper case, lower case and digits.
bool looksLikeSecret(std::string_view value, size_t minLength);

// `s` with every span replaced by the marker of its kind.
std::string applySpans(std::string_view s, const Spans& spans, const RedactionConfig& markers);

inline bool isDigit(char c) { return c >= '0' && c <= '9'; }
inline bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool isAlnum(char c) { return isDigit(c) || isAlpha(c); }
inline char lowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
inline size_t spansEnd(const Spans& out) { return out.empty() ? 0 : out.back().end; }

}  // namespace engage::detail
