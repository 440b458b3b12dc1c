#include "privacy/pii_scan.h"

#include <algorithm>

#include "privacy/card_number.h"

namespace engage::detail {

namespace {

// RFC 5321 bounds. They also keep every scan linear: no at sign looks further back than 64
// characters, so a hostile "a%40a%40..." string cannot make the scanner quadratic.
constexpr size_t kMaxLocalPart = 64;
constexpr size_t kMaxDomain = 253;

bool isLocalChar(char c) {
  return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool isBase64UrlChar(char c) { return isAlnum(c) || c == '-' || c == '_'; }
bool isTokenChar(char c) {
  return isAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' ||
         c == '=';
}

// Length of an "at" sign at i: '@' or its URL encoding "%40" (0 when none).
size_t atSignAt(std::string_view s, size_t i, size_t end) {
  if (s[i] == '@') return 1;
  if (s[i] == '%' && i + 2 < end && s[i + 1] == '4' && s[i + 2] == '0') return 3;
  return 0;
}

// local@domain.tld with the at sign at `at`; the local part may not reach back before `lo`.
bool matchEmail(std::string_view s, size_t lo, size_t end, size_t at, size_t atLen, Spans& out) {
  size_t start = at;
  const size_t floor = at - lo > kMaxLocalPart ? at - kMaxLocalPart : lo;
  while (start > floor && isLocalChar(s[start - 1])) --start;
  while (start < at && s[start] == '.') ++start;
  if (start == at) return false;
  size_t k = at + atLen, labels = 0, lastLabel = k;
  end = std::min(end, k + kMaxDomain);
  while (k < end && isAlnum(s[k])) {
    lastLabel = k;
    while (k < end && (isAlnum(s[k]) || s[k] == '-')) ++k;
    ++labels;
    if (k + 1 < end && s[k] == '.' && isAlnum(s[k + 1])) ++k;
    else break;
  }
  if (labels < 2 || k - lastLabel < 2 || !isAlpha(s[lastLabel])) return false;
  out.push_back({start, k, PiiKind::Email});
  return true;
}

// Case-insensitive: does s[i..) start with the lower-case `word`?
bool startsWithWord(std::string_view s, size_t i, size_t end, std::string_view word) {
  if (end - i < word.size()) return false;
  for (size_t k = 0; k < word.size(); ++k)
    if (lowerAscii(s[i + k]) != word[k]) return false;
  return true;
}

// A credential after "Bearer"/"Basic" looks random: it has a digit, or an upper-case letter after
// its first character (so "Bearer Instrument" or "Basic self-service" stay).
bool looksLikeCredential(std::string_view token) {
  for (size_t k = 0; k < token.size(); ++k)
    if (isDigit(token[k]) || (k > 0 && token[k] >= 'A' && token[k] <= 'Z')) return true;
  return false;
}

// "Bearer <token>" / "Basic <token>" at i: the token (not the scheme word) becomes a span.
size_t matchAuthScheme(std::string_view s, size_t i, size_t end, const ScanRules& rules,
                       Spans& out) {
  size_t k;
  if (startsWithWord(s, i, end, "bearer")) k = i + 6;
  else if (startsWithWord(s, i, end, "basic")) k = i + 5;
  else return 0;
  size_t sep = k;
  while (true) {
    if (sep < end && (s[sep] == ' ' || s[sep] == '+')) ++sep;
    else if (sep + 2 < end && s[sep] == '%' && s[sep + 1] == '2' && s[sep + 2] == '0') sep += 3;
    else break;
  }
  if (sep == k) return 0;
  size_t t = sep;
  while (t < end && isTokenChar(s[t])) ++t;
  if (t - sep < rules.minBearerLength || !looksLikeCredential(s.substr(sep, t - sep))) return 0;
  out.push_back({sep, t, PiiKind::Token});
  return t;
}

// A JWT (JWS or JWE compact form): "eyJ" base64url segments joined by at least two dots.
size_t matchJwt(std::string_view s, size_t i, size_t end, Spans& out) {
  if (end - i < 10 || s[i] != 'e' || s[i + 1] != 'y' || s[i + 2] != 'J') return 0;
  size_t k = i, dots = 0;
  while (k < end && isBase64UrlChar(s[k])) ++k;
  if (k - i < 10) return 0;
  while (k < end && s[k] == '.') {
    ++dots;
    ++k;
    while (k < end && isBase64UrlChar(s[k])) ++k;
  }
  if (dots < 2) return 0;
  out.push_back({i, k, PiiKind::Token});
  return k;
}

}  // namespace

ScanRules scanRulesFrom(const RedactionConfig& c) {
  return ScanRules{c.emails, c.cardNumbers, c.tokens, c.urlSecrets, c.minSecretLength,
                   c.minBearerLength};
}

namespace {

// Characters that may start a match: the at sign (or '%' of "%40"), digits, and the first letters
// of "eyJ", "Bearer", "Basic". Everything else is skipped with one table lookup.
struct TriggerTable {
  bool on[256] = {};
  constexpr TriggerTable() {
    on[static_cast<unsigned char>('@')] = on[static_cast<unsigned char>('%')] = true;
    for (char c = '0'; c <= '9'; ++c) on[static_cast<unsigned char>(c)] = true;
    on[static_cast<unsigned char>('e')] = on[static_cast<unsigned char>('b')] = true;
    on[static_cast<unsigned char>('B')] = true;
  }
};
constexpr TriggerTable kTriggers;

}  // namespace

void scanInline(std::string_view s, size_t begin, size_t end, const ScanRules& rules, Spans& out) {
  size_t i = begin;
  while (i < end) {
    const char c = s[i];
    if (!kTriggers.on[static_cast<unsigned char>(c)]) {
      ++i;
      continue;
    }
    const bool boundary = i == begin || !isAlnum(s[i - 1]);
    if (c == '@' || c == '%') {
      size_t atLen = rules.emails ? atSignAt(s, i, end) : 0;
      if (atLen && matchEmail(s, std::max(begin, spansEnd(out)), end, i, atLen, out)) {
        i = out.back().end;
        continue;
      }
    } else if (!boundary) {
      // Digits and token prefixes only start a match at a word boundary.
    } else if (isDigit(c)) {
      if (rules.cards) {
        i = scanCardRun(s, i, end, out);
        continue;
      }
    } else if (rules.tokens) {
      size_t next = c == 'e' ? (i > begin && isBase64UrlChar(s[i - 1]) ? 0 : matchJwt(s, i, end, out))
                             : matchAuthScheme(s, i, end, rules, out);
      if (next) {
        i = next;
        continue;
      }
    }
    ++i;
  }
}

bool looksLikeSecret(std::string_view v, size_t minLength) {
  if (v.size() < minLength) return false;
  bool allHex = true, upper = false, lower = false, digit = false;
  for (size_t k = 0; k < v.size(); ++k) {
    const char c = v[k];
    const bool padding = c == '=' && k + 2 >= v.size();
    if (!(isAlnum(c) || c == '+' || c == '/' || c == '-' || c == '_' || c == '%' || padding))
      return false;
    upper |= c >= 'A' && c <= 'Z';
    lower |= c >= 'a' && c <= 'z';
    digit |= isDigit(c);
    allHex &= isDigit(c) || (lowerAscii(c) >= 'a' && lowerAscii(c) <= 'f');
  }
  return allHex || (upper && lower && digit);
}

std::string applySpans(std::string_view s, const Spans& spans, const RedactionConfig& markers) {
  std::string out;
  out.reserve(s.size() + 16 * spans.size());
  size_t at = 0;
  for (const Span& span : spans) {
    out.append(s.substr(at, span.begin - at));
    switch (span.kind) {
      case PiiKind::Email: out += markers.emailMarker; break;
      case PiiKind::Card: out += markers.cardMarker; break;
      case PiiKind::Token: out += markers.tokenMarker; break;
      case PiiKind::Denied: out += markers.deniedMarker; break;
    }
    at = span.end;
  }
  out.append(s.substr(at));
  return out;
}

}  // namespace engage::detail
