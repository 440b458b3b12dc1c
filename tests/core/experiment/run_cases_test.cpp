// Every run case of GrowthBook's conformance file:
// [name, context, experiment, value, inExperiment, hashUsed].
#include "engage/experiment.h"
#include "experiment/gb_cases.h"

namespace engage::testing {
namespace {

class RunCase : public ::testing::TestWithParam<GbCase> {};

TEST_P(RunCase, MatchesGrowthBook) {
  const Json& c = GetParam().data;
  ASSERT_EQ(c.size(), 6u);
  FeatureEvaluator evaluator;
  ASSERT_TRUE(evaluator.configure(c[1]));
  ExperimentResult result = evaluator.run(c[2]);
  EXPECT_TRUE(jsonMatches(result.value, c[3]));
  EXPECT_EQ(result.inExperiment, c[4].get<bool>());
  EXPECT_EQ(result.hashUsed, c[5].get<bool>());
}

INSTANTIATE_TEST_SUITE_P(GrowthBook, RunCase, ::testing::ValuesIn(loadSection("run")), caseName);

}  // namespace
}  // namespace engage::testing
