#include "range_query.h"

#include <gtest/gtest.h>

namespace engage::collector {
namespace {

TEST(RangeQuery, OpenEndsByDefault) {
  std::string error;
  std::optional<TimeRange> range = parseRangeQuery({}, &error);
  ASSERT_TRUE(range.has_value());
  EXPECT_FALSE(range->fromMs.has_value());
  EXPECT_FALSE(range->untilMs.has_value());
  EXPECT_FALSE(parseRangeQuery({{"from", ""}}, &error)->fromMs.has_value());
}

TEST(RangeQuery, DateTimesDatesAndEpochMs) {
  std::string error;
  auto range = parseRangeQuery({{"from", "2026-01-01T01:00:00+01:00"}, {"to", "1767312000000"}}, &error);
  ASSERT_TRUE(range.has_value()) << error;
  EXPECT_EQ(range->fromMs, 1767225600000);
  EXPECT_EQ(range->untilMs, 1767312000000);
  auto day = parseRangeQuery({{"from", "2026-01-01"}, {"to", "2026-01-01"}}, &error);  // that whole day
  ASSERT_TRUE(day.has_value()) << error;
  EXPECT_EQ(day->fromMs, 1767225600000);
  EXPECT_EQ(day->untilMs, 1767225600000 + 86400000);
}

TEST(RangeQuery, RefusesWithAReason) {
  for (const QueryParams& bad : std::vector<QueryParams>{{{"from", "today"}}, {{"to", "2026-01-01T00:00:00"}},
                                                         {{"from", "-5"}}, {{"from", "5"}, {"to", "5"}}}) {
    std::string error;
    EXPECT_FALSE(parseRangeQuery(bad, &error).has_value()) << bad.begin()->second;
    EXPECT_FALSE(error.empty());
  }
}

}  // namespace
}  // namespace engage::collector
