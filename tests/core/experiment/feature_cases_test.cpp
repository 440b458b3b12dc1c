// Every feature case of GrowthBook's conformance file ([name, context, featureKey, expected]),
// compared whole against FeatureResult::toJson(). The contextualBandit section has the same shape
// and runs here too (it is beyond the required sections, and passes).
#include "engage/experiment.h"
#include "experiment/gb_cases.h"

namespace engage::testing {
namespace {

void expectFeatureCase(const Json& c) {
  ASSERT_EQ(c.size(), 4u);
  FeatureEvaluator evaluator;  // no store: no sticky bucketing, as the JS suite's plain GrowthBook
  ASSERT_TRUE(evaluator.configure(c[1]));
  Json expected = c[3];
  if (!expected.contains("ruleId")) expected["ruleId"] = "";  // the JS suite defaults it the same way
  EXPECT_TRUE(jsonMatches(evaluator.evalFeature(c[2].get<std::string>()).toJson(), expected));
}

class FeatureCase : public ::testing::TestWithParam<GbCase> {};
TEST_P(FeatureCase, MatchesGrowthBook) { expectFeatureCase(GetParam().data); }
INSTANTIATE_TEST_SUITE_P(GrowthBook, FeatureCase, ::testing::ValuesIn(loadSection("feature")), caseName);

class ContextualBanditCase : public ::testing::TestWithParam<GbCase> {};
TEST_P(ContextualBanditCase, MatchesGrowthBook) { expectFeatureCase(GetParam().data); }
INSTANTIATE_TEST_SUITE_P(GrowthBook, ContextualBanditCase, ::testing::ValuesIn(loadSection("contextualBandit")),
                         caseName);

}  // namespace
}  // namespace engage::testing
