// GrowthBook's hash, getBucketRange, chooseVariation, getQueryStringOverride, inNamespace and
// getEqualWeights cases, plus the FNV-1a vectors of tests/spec/bucketing_vectors.json.
#include <fstream>
#include <sstream>

#include "experiment/gb_cases.h"
#include "experiment/hashing.h"

namespace engage::testing {
namespace {

// The JS suite compares ranges and weights after rounding to 8 decimals.
constexpr double kTolerance = 1e-8;

class HashCase : public ::testing::TestWithParam<GbCase> {};
TEST_P(HashCase, MatchesGrowthBook) {
  const Json& c = GetParam().data;  // [seed, value, version, expected|null]
  std::optional<double> n = detail::gbHash(c[0].get<std::string>(), c[1].get<std::string>(), c[2].get<double>());
  if (c[3].is_null()) {
    EXPECT_FALSE(n.has_value());
  } else {
    ASSERT_TRUE(n.has_value());
    EXPECT_EQ(*n, c[3].get<double>());
  }
}
INSTANTIATE_TEST_SUITE_P(GrowthBook, HashCase, ::testing::ValuesIn(loadSection("hash", -1)), caseName);

class BucketRangeCase : public ::testing::TestWithParam<GbCase> {};
TEST_P(BucketRangeCase, MatchesGrowthBook) {
  const Json& c = GetParam().data;  // [name, [numVariations, coverage, weights|null], ranges]
  std::vector<double> weights;
  if (c[1][2].is_array()) weights = c[1][2].get<std::vector<double>>();
  auto ranges = detail::bucketRanges(c[1][0].get<int>(), c[1][1].get<double>(),
                                     c[1][2].is_array() ? &weights : nullptr);
  ASSERT_EQ(ranges.size(), c[2].size());
  for (size_t i = 0; i < ranges.size(); ++i) {
    EXPECT_NEAR(ranges[i].first, c[2][i][0].get<double>(), kTolerance) << "range " << i;
    EXPECT_NEAR(ranges[i].second, c[2][i][1].get<double>(), kTolerance) << "range " << i;
  }
}
INSTANTIATE_TEST_SUITE_P(GrowthBook, BucketRangeCase, ::testing::ValuesIn(loadSection("getBucketRange")),
                         caseName);

class ChooseVariationCase : public ::testing::TestWithParam<GbCase> {};
TEST_P(ChooseVariationCase, MatchesGrowthBook) {
  const Json& c = GetParam().data;  // [name, n, ranges, expected]
  std::vector<detail::VariationRange> ranges;
  for (const Json& r : c[2]) ranges.emplace_back(r[0].get<double>(), r[1].get<double>());
  EXPECT_EQ(detail::chooseVariation(c[1].get<double>(), ranges), c[3].get<int>());
}
INSTANTIATE_TEST_SUITE_P(GrowthBook, ChooseVariationCase, ::testing::ValuesIn(loadSection("chooseVariation")),
                         caseName);

class QueryStringCase : public ::testing::TestWithParam<GbCase> {};
TEST_P(QueryStringCase, MatchesGrowthBook) {
  const Json& c = GetParam().data;  // [name, key, url, numVariations, expected|null]
  std::optional<int> v =
      detail::queryStringOverride(c[1].get<std::string>(), c[2].get<std::string>(), c[3].get<int>());
  if (c[4].is_null()) {
    EXPECT_FALSE(v.has_value()) << *v;
  } else {
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(*v, c[4].get<int>());
  }
}
INSTANTIATE_TEST_SUITE_P(GrowthBook, QueryStringCase, ::testing::ValuesIn(loadSection("getQueryStringOverride")),
                         caseName);

class NamespaceCase : public ::testing::TestWithParam<GbCase> {};
TEST_P(NamespaceCase, MatchesGrowthBook) {
  const Json& c = GetParam().data;  // [name, id, [namespace, start, end], expected]
  EXPECT_EQ(detail::inNamespace(c[1].get<std::string>(), c[2][0].get<std::string>(), c[2][1].get<double>(),
                                c[2][2].get<double>()),
            c[3].get<bool>());
}
INSTANTIATE_TEST_SUITE_P(GrowthBook, NamespaceCase, ::testing::ValuesIn(loadSection("inNamespace")), caseName);

class EqualWeightsCase : public ::testing::TestWithParam<GbCase> {};
TEST_P(EqualWeightsCase, MatchesGrowthBook) {
  const Json& c = GetParam().data;  // [n, weights]
  std::vector<double> w = detail::equalWeights(c[0].get<int>());
  ASSERT_EQ(w.size(), c[1].size());
  for (size_t i = 0; i < w.size(); ++i) EXPECT_NEAR(w[i], c[1][i].get<double>(), kTolerance);
}
INSTANTIATE_TEST_SUITE_P(GrowthBook, EqualWeightsCase, ::testing::ValuesIn(loadSection("getEqualWeights", -1)),
                         caseName);

TEST(Fnv1a32Utf16, MatchesTheVendoredVectors) {
  std::ifstream in(ENGAGE_SPEC_DIR "/bucketing_vectors.json", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  std::optional<Json> doc = detail::parseJson(text.str());
  ASSERT_TRUE(doc && doc->contains("growthbook_fnv1a32_utf16"));
  const Json& vectors = (*doc)["growthbook_fnv1a32_utf16"]["vectors"];
  ASSERT_GE(vectors.size(), 20u);
  for (auto it = vectors.begin(); it != vectors.end(); ++it) {
    EXPECT_EQ(detail::fnv1a32Utf16(it.key()), it->get<uint32_t>()) << "input \"" << it.key() << "\"";
  }
}

TEST(Fnv1a32Utf16, HashesSurrogatePairsAsTwoCodeUnits) {
  // U+1F600 is D83D DE00 in UTF-16: hashing the emoji equals hashing the two units one by one.
  uint32_t h = 0x811c9dc5u;
  for (uint32_t unit : {0xD83Du, 0xDE00u}) h = (h ^ unit) * 0x01000193u;
  EXPECT_EQ(detail::fnv1a32Utf16("\xF0\x9F\x98\x80"), h);
}

}  // namespace
}  // namespace engage::testing
