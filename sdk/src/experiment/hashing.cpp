#include "experiment/hashing.h"

#include <cmath>
#include <string>

#include "experiment/utf16.h"

namespace engage::detail {

namespace {

constexpr uint32_t kFnvOffset = 0x811c9dc5u;
constexpr uint32_t kFnvPrime = 0x01000193u;

void fnvUpdate(uint32_t& h, std::string_view text) {
  forEachUtf16Unit(text, [&h](char16_t unit) {
    h ^= unit;
    h *= kFnvPrime;
  });
}

// JS parseInt(text) with no radix: leading whitespace, sign, "0x" for hex, then digits; NaN
// (nullopt) when no digit is read.
std::optional<double> jsParseInt(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
                          s[i] == '\f' || s[i] == '\v')) {
    ++i;
  }
  double sign = 1;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) sign = s[i++] == '-' ? -1 : 1;
  int radix = 10;
  if (i + 1 < s.size() && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) radix = 16, i += 2;
  double value = 0;
  size_t digits = 0;
  for (; i < s.size(); ++i, ++digits) {
    char c = s[i];
    int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10
            : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : 99;
    if (d >= radix) break;
    value = value * radix + d;
  }
  if (digits == 0) return std::nullopt;
  return sign * value;
}

}  // namespace

uint32_t fnv1a32Utf16(std::string_view text) {
  uint32_t h = kFnvOffset;
  fnvUpdate(h, text);
  return h;
}

uint32_t fnv1a32Utf16(std::initializer_list<std::string_view> pieces) {
  uint32_t h = kFnvOffset;
  for (std::string_view piece : pieces) fnvUpdate(h, piece);
  return h;
}

std::optional<double> gbHash(std::string_view seed, std::string_view value, double version) {
  if (version == 2) {
    uint32_t inner = fnv1a32Utf16({seed, value});
    return static_cast<double>(fnv1a32Utf16(std::to_string(inner)) % 10000u) / 10000;
  }
  if (version == 1) {
    return static_cast<double>(fnv1a32Utf16({value, seed}) % 1000u) / 1000;
  }
  return std::nullopt;
}

std::vector<double> equalWeights(int count) {
  if (count <= 0) return {};
  return std::vector<double>(static_cast<size_t>(count), 1.0 / count);
}

std::vector<VariationRange> bucketRanges(int numVariations, double coverage,
                                         const std::vector<double>* weights) {
  if (coverage < 0) coverage = 0;
  if (coverage > 1) coverage = 1;
  std::vector<double> chosen = equalWeights(numVariations);
  if (weights && static_cast<int>(weights->size()) == numVariations) {
    double total = 0;
    for (double w : *weights) total += w;
    if (!(total < 0.99 || total > 1.01)) chosen = *weights;  // NaN totals keep the weights, as JS
  }
  std::vector<VariationRange> ranges;
  ranges.reserve(chosen.size());
  double cumulative = 0;
  for (double w : chosen) {
    double start = cumulative;
    cumulative += w;
    ranges.emplace_back(start, start + coverage * w);
  }
  return ranges;
}

int chooseVariation(double n, const std::vector<VariationRange>& ranges) {
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (inRange(n, ranges[i])) return static_cast<int>(i);
  }
  return -1;
}

bool inNamespace(std::string_view hashValue, std::string_view namespaceId, double start, double end) {
  std::string seed = "__";
  seed += namespaceId;
  std::optional<double> n = gbHash(seed, hashValue, 1);
  return n && *n >= start && *n < end;
}

std::optional<int> queryStringOverride(std::string_view key, std::string_view url, int numVariations) {
  // url.split("?")[1]: the text between the first and the second '?'.
  size_t q = url.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view search = url.substr(q + 1);
  search = search.substr(0, search.find('?'));
  search = search.substr(0, search.find('#'));
  if (search.empty()) return std::nullopt;
  size_t pos = 0;
  while (pos <= search.size()) {
    size_t amp = search.find('&', pos);
    std::string_view pair = search.substr(pos, amp == std::string_view::npos ? amp : amp - pos);
    size_t eq = pair.find('=');
    if (pair.substr(0, eq) == key) {
      // Only the first matching pair counts, as `match[0]` in the JS SDK.
      if (eq == std::string_view::npos) return std::nullopt;
      std::string_view value = pair.substr(eq + 1);
      value = value.substr(0, value.find('='));  // split("=", 2)
      std::optional<double> n = jsParseInt(value);
      if (n && *n >= 0 && *n < numVariations) return static_cast<int>(*n);
      return std::nullopt;
    }
    if (amp == std::string_view::npos) break;
    pos = amp + 1;
  }
  return std::nullopt;
}

}  // namespace engage::detail
