#include "base/ids.h"

#include <set>

#include <gtest/gtest.h>

#include "support/fakes.h"

namespace engage::detail {
namespace {

TEST(Ids, UuidIsVersion4AndUnique) {
  testing::SeededRandom random(7);
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = newUuid(random);
    ASSERT_EQ(id.size(), 36u);
    EXPECT_EQ(id[14], '4');
    EXPECT_TRUE(id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b');
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(Ids, IsUuid) {
  testing::SeededRandom random(1);
  EXPECT_TRUE(isUuid(newUuid(random)));
  EXPECT_TRUE(isUuid("ABCDEF01-2345-4789-8abc-def012345678"));
  EXPECT_FALSE(isUuid("ABCDEF01-2345-4789-8abc-def01234567"));
  EXPECT_FALSE(isUuid("ABCDEF01x2345-4789-8abc-def012345678"));
  EXPECT_FALSE(isUuid("gBCDEF01-2345-4789-8abc-def012345678"));
}

TEST(Ids, IsoTimestamp) {
  EXPECT_EQ(isoTimestamp(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(isoTimestamp(1767225600123), "2026-01-01T00:00:00.123Z");
  EXPECT_EQ(isoTimestamp(951782400000), "2000-02-29T00:00:00.000Z");
  EXPECT_EQ(isoTimestamp(-1), "1969-12-31T23:59:59.999Z");
}

}  // namespace
}  // namespace engage::detail
