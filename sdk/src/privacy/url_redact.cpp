#include "privacy/url_redact.h"

#include <algorithm>
#include <cstring>

namespace engage::detail {

namespace {

constexpr size_t kNpos = std::string_view::npos;
constexpr size_t kMaxSchemeLength = 32;  // longer letter runs before "://" are not schemes

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool oneOf(char c, const char* chars) { return c != '\0' && std::strchr(chars, c) != nullptr; }

// First index in [from, end) of '?' or '#' (and '/' when withSlash), else end.
size_t findUrlDelimiter(std::string_view s, size_t from, size_t end, bool withSlash) {
  for (size_t k = from; k < end; ++k) {
    const char c = s[k];
    if (c == '?' || c == '#' || (withSlash && c == '/')) return k;
  }
  return end;
}

size_t findChar(std::string_view s, size_t from, size_t end, char c) {
  if (from >= end) return end;
  const void* hit = std::memchr(s.data() + from, c, end - from);
  return hit ? static_cast<size_t>(static_cast<const char*>(hit) - s.data()) : end;
}

// Index just past "scheme://" (or a protocol-relative "//") at b; kNpos when there is none.
size_t afterScheme(std::string_view s, size_t b, size_t e) {
  size_t k = b;
  if (k < e && isAlpha(s[k])) {
    const size_t limit = std::min(e, b + kMaxSchemeLength);
    while (k < limit && (isAlnum(s[k]) || s[k] == '+' || s[k] == '-' || s[k] == '.')) ++k;
    if (e - k >= 3 && s.compare(k, 3, "://") == 0) return k + 3;
  }
  if (e - b >= 2 && s[b] == '/' && s[b + 1] == '/') return b + 2;
  return kNpos;
}

// Path or hash-route segments: a segment that looks like a secret goes whole, others get the
// inline rules.
void scanSegments(std::string_view s, size_t b, size_t e, const UrlRules& rules, Spans& out) {
  while (b < e) {
    size_t slash = findChar(s, b, e, '/');
    std::string_view segment = s.substr(b, slash - b);
    if (rules.scan.secrets && looksLikeSecret(segment, rules.scan.minSecretLength))
      out.push_back({b, slash, PiiKind::Token});
    else
      scanInline(s, b, slash, rules.scan, out);
    b = slash + 1;
  }
}

// name=value pairs joined by '&'.
void scanParams(std::string_view s, size_t b, size_t e, const UrlRules& rules, Spans& out) {
  while (b < e) {
    size_t amp = findChar(s, b, e, '&');
    size_t eq = findChar(s, b, amp, '=');
    if (eq == amp) {
      scanInline(s, b, amp, rules.scan, out);
    } else if (eq + 1 < amp) {
      std::string_view name = s.substr(b, eq - b), value = s.substr(eq + 1, amp - eq - 1);
      const bool denied = (rules.deniedParams && rules.deniedParams->contains(name)) ||
                          (rules.clickIds && rules.clickIds->contains(name));
      if (denied)
        out.push_back({eq + 1, amp, PiiKind::Denied});
      else if (rules.scan.secrets && looksLikeSecret(value, rules.scan.minSecretLength))
        out.push_back({eq + 1, amp, PiiKind::Token});
      else
        scanInline(s, eq + 1, amp, rules.scan, out);
    }
    b = amp + 1;
  }
}

// The fragment: an OAuth-style "#a=1&b=2", a routed "#/path?a=1", or a plain route.
void scanFragment(std::string_view s, size_t b, size_t e, const UrlRules& rules, Spans& out) {
  size_t eq = findChar(s, b, e, '=');
  if (eq == e) return scanSegments(s, b, e, rules, out);
  size_t q = findChar(s, b, eq, '?');
  if (q < eq) {
    scanSegments(s, b, q, rules, out);
    b = q + 1;
  }
  scanParams(s, b, e, rules, out);
}

}  // namespace

bool looksLikeUrl(std::string_view s) {
  if (s.empty()) return false;
  if (s[0] != '/' && s[0] != '?' && s[0] != '#') {
    // Cheap rejection first: a scheme needs a ':' within its first few characters.
    const size_t window = std::min(s.size(), kMaxSchemeLength + 1);
    if (!std::memchr(s.data(), ':', window) || afterScheme(s, 0, s.size()) == kNpos) return false;
  }
  for (char c : s)
    if (isSpace(c)) return false;
  return true;
}

void scanUrl(std::string_view s, size_t begin, size_t end, const UrlRules& rules, Spans& out) {
  size_t path = begin;
  if (size_t authority = afterScheme(s, begin, end); authority != kNpos) {
    path = findUrlDelimiter(s, authority, end, true);
    size_t at = kNpos;
    for (size_t k = authority; k < path; ++k)
      if (s[k] == '@') at = k;
    // user:password@host: the credentials go, the host stays.
    if (at != kNpos && at > authority && rules.scan.tokens)
      out.push_back({authority, at, PiiKind::Token});
  }
  size_t rest = findUrlDelimiter(s, path, end, false);
  scanSegments(s, path, rest, rules, out);
  if (rest < end && s[rest] == '?') {
    size_t hash = findChar(s, rest + 1, end, '#');
    scanParams(s, rest + 1, hash, rules, out);
    rest = hash;
  }
  if (rest < end) scanFragment(s, rest + 1, end, rules, out);
}

void scanText(std::string_view s, const UrlRules& rules, Spans& out) {
  size_t from = 0, k = 0;
  while ((k = s.find("://", k)) != kNpos) {
    size_t start = kNpos;
    auto schemeIs = [&](size_t len, const char* word) {
      if (k < from + len) return false;
      for (size_t i = 0; i < len; ++i)
        if (lowerAscii(s[k - len + i]) != word[i]) return false;
      return true;
    };
    if (schemeIs(5, "https")) start = k - 5;
    else if (schemeIs(4, "http")) start = k - 4;
    if (start == kNpos || (start > 0 && isAlnum(s[start - 1]))) {
      k += 3;
      continue;
    }
    size_t urlEnd = k + 3;
    while (urlEnd < s.size() && !isSpace(s[urlEnd]) && !oneOf(s[urlEnd], "\"'<>")) ++urlEnd;
    scanInline(s, from, start, rules.scan, out);
    scanUrl(s, start, urlEnd, rules, out);
    from = k = urlEnd;
  }
  scanInline(s, from, s.size(), rules.scan, out);
}

}  // namespace engage::detail
