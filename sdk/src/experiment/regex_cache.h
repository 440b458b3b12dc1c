// Compiled regular expressions by pattern, as the JS SDK's _regexCache: targeting conditions are
// evaluated on every feature call, compiling once keeps that cheap. Invalid patterns are cached
// too (as "no regex"). The cache is bounded: when full it is cleared and refilled.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "experiment/regex.h"

namespace engage::detail {

class RegexCache {
 public:
  explicit RegexCache(RegexLimits limits = {}, size_t capacity = 64)
      : limits_(limits), capacity_(capacity) {}

  // The compiled pattern, or nullptr when it is not a valid (supported) regular expression.
  const Regex* get(std::string_view pattern, bool ignoreCase);

 private:
  RegexLimits limits_;
  size_t capacity_;
  std::unordered_map<std::string, std::optional<Regex>> compiled_;
};

}  // namespace engage::detail
