// URL-aware redaction: userinfo, path segments, query and fragment parameters (a name denylist, ad
// click ids, long secrets) on top of the inline scanners, and http(s) URLs embedded in free text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "privacy/name_set.h"
#include "privacy/pii_scan.h"

namespace engage::detail {

struct UrlRules {
  ScanRules scan;
  const NameSet* deniedParams = nullptr;
  const NameSet* clickIds = nullptr;  // null keeps click ids
};

// The whole string is a URL or URL part: no white space, and a scheme ("x://"), or starting with
// "//", '/', '?' or '#'.
bool looksLikeUrl(std::string_view s);

// Spans for the URL (or URL part) s[begin, end).
void scanUrl(std::string_view s, size_t begin, size_t end, const UrlRules& rules, Spans& out);

// Spans for free text: http(s) URLs inside it get URL rules, the rest the inline rules.
void scanText(std::string_view s, const UrlRules& rules, Spans& out);

}  // namespace engage::detail
