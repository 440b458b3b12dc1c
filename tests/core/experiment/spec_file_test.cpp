// Guards the parameterised suites: if the vendored cases file were missing or truncated they
// would silently instantiate nothing, so the section sizes of the vendored file are pinned here.
#include "experiment/gb_cases.h"

namespace engage::testing {
namespace {

TEST(SpecFile, SectionsHaveTheVendoredCaseCounts) {
  const Json& cases = growthbookCases();
  ASSERT_TRUE(cases.contains("specVersion")) << "cannot read " ENGAGE_SPEC_DIR "/growthbook_cases.json";
  EXPECT_EQ(cases["specVersion"], "0.8.0");
  const std::pair<const char*, size_t> expected[] = {
      {"evalCondition", 248}, {"hash", 15},         {"getBucketRange", 13},        {"chooseVariation", 13},
      {"feature", 55},        {"run", 73},          {"getQueryStringOverride", 16}, {"inNamespace", 16},
      {"getEqualWeights", 6}, {"stickyBucket", 13}, {"contextualBandit", 35}};
  for (const auto& [section, count] : expected) {
    EXPECT_EQ(loadSection(section).size(), count) << section;
  }
}

}  // namespace
}  // namespace engage::testing
