// Every evalCondition case of GrowthBook's conformance file:
// [name, condition, attributes, expected, savedGroups?].
#include "experiment/condition.h"
#include "experiment/gb_cases.h"

namespace engage::testing {
namespace {

class EvalConditionCase : public ::testing::TestWithParam<GbCase> {};

TEST_P(EvalConditionCase, MatchesGrowthBook) {
  const Json& c = GetParam().data;
  ASSERT_GE(c.size(), 4u);
  detail::RegexCache regexes;
  const Json noGroups = Json::object();
  detail::ConditionContext ctx{c.size() > 4 ? &c[4] : &noGroups, &regexes};
  EXPECT_EQ(detail::evalCondition(c[2], c[1], ctx), c[3].get<bool>())
      << "condition " << detail::dumpJson(c[1]) << " on " << detail::dumpJson(c[2]);
}

INSTANTIATE_TEST_SUITE_P(GrowthBook, EvalConditionCase, ::testing::ValuesIn(loadSection("evalCondition")),
                         caseName);

}  // namespace
}  // namespace engage::testing
