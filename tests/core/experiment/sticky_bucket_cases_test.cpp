// Every stickyBucket case of GrowthBook's conformance file:
// [name, context, storedDocs, featureKey, expectedExperimentResult|null, expectedDocs].
// Stored documents are seeded into a MemoryStore (what the LocalStorage service does in the JS
// suite); afterwards the evaluator's documents must equal the expected ones, and every expected
// document must also be what the store holds.
#include "engage/experiment.h"
#include "experiment/gb_cases.h"
#include "support/fakes.h"

namespace engage::testing {
namespace {

constexpr const char* kPrefix = "engage.sb.";

class StickyBucketCase : public ::testing::TestWithParam<GbCase> {};

TEST_P(StickyBucketCase, MatchesGrowthBook) {
  const Json& c = GetParam().data;
  ASSERT_EQ(c.size(), 6u);
  MemoryStore store;
  for (const Json& doc : c[2]) {
    std::string key = doc["attributeName"].get<std::string>() + "||" + doc["attributeValue"].get<std::string>();
    store.set(kPrefix + key, detail::dumpJson(doc));
  }
  FeatureEvaluator evaluator(&store);
  ASSERT_TRUE(evaluator.configure(c[1]));
  FeatureResult result = evaluator.evalFeature(c[3].get<std::string>());
  Json actual = result.experimentResult ? result.experimentResult->toJson() : Json();
  EXPECT_TRUE(jsonMatches(actual, c[4]));
  EXPECT_TRUE(jsonMatches(evaluator.stickyBucketDocs(), c[5]));
  for (auto it = c[5].begin(); it != c[5].end(); ++it) {
    std::optional<std::string> stored = store.get(kPrefix + it.key());
    ASSERT_TRUE(stored.has_value()) << it.key();
    EXPECT_TRUE(jsonMatches(*detail::parseJson(*stored), *it)) << it.key();
  }
}

INSTANTIATE_TEST_SUITE_P(GrowthBook, StickyBucketCase, ::testing::ValuesIn(loadSection("stickyBucket")), caseName);

}  // namespace
}  // namespace engage::testing
