// GrowthBook's deterministic assignment primitives: FNV-1a 32-bit over UTF-16 code units, the two
// hash versions, bucket ranges from coverage and weights, variation choice, namespaces and the
// `?key=N` query-string override. Pure functions, pinned by tests/spec/growthbook_cases.json.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace engage::detail {

using VariationRange = std::pair<double, double>;  // [start, end)

// FNV-1a 32-bit (offset 0x811c9dc5, prime 0x01000193) over the UTF-16 code units of the UTF-8
// text, as `hashFnv32a` in the JS SDK. `pieces` are hashed as if concatenated.
uint32_t fnv1a32Utf16(std::string_view text);
uint32_t fnv1a32Utf16(std::initializer_list<std::string_view> pieces);

// Version 1: (fnv(value + seed) % 1000) / 1000. Version 2: (fnv(str(fnv(seed + value))) % 10000)
// / 10000. Any other version: nullopt (the caller excludes the visitor).
std::optional<double> gbHash(std::string_view seed, std::string_view value, double version);

std::vector<double> equalWeights(int count);

// Coverage is clamped to [0, 1]; weights of the wrong length or not summing to 1 +- 0.01 are
// replaced by equal weights. Variation i gets [cumulative_i, cumulative_i + coverage * w_i).
std::vector<VariationRange> bucketRanges(int numVariations, double coverage,
                                         const std::vector<double>* weights);

inline bool inRange(double n, const VariationRange& r) { return n >= r.first && n < r.second; }

// Index of the first range containing n, or -1.
int chooseVariation(double n, const std::vector<VariationRange>& ranges);

// True when hash("__" + namespaceId, hashValue, 1) falls in [start, end).
bool inNamespace(std::string_view hashValue, std::string_view namespaceId, double start, double end);

// The forced variation from `?<key>=<n>` in the URL's query (before any #fragment), when n parses
// (JS parseInt) to 0 <= n < numVariations; otherwise nullopt.
std::optional<int> queryStringOverride(std::string_view key, std::string_view url, int numVariations);

}  // namespace engage::detail
