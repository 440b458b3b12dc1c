#include "iso_time.h"

#include <gtest/gtest.h>

namespace engage::collector {
namespace {

TEST(IsoTime, ParsesTheSdkFormat) {
  EXPECT_EQ(parseIsoTimestamp("1970-01-01T00:00:00.000Z"), 0);
  EXPECT_EQ(parseIsoTimestamp("2026-01-01T00:00:00.000Z"), 1767225600000);
  EXPECT_EQ(parseIsoTimestamp("2026-11-23T15:12:43.123Z"), 1795446763123);
}

TEST(IsoTime, AcceptsOffsetsFractionsAndLeapDays) {
  EXPECT_EQ(parseIsoTimestamp("2026-01-01T01:00:00+01:00"), 1767225600000);
  EXPECT_EQ(parseIsoTimestamp("2025-12-31T19:00:00-0500"), 1767225600000);
  EXPECT_EQ(parseIsoTimestamp("2026-01-01T00:00:00.5Z"), 1767225600500);
  EXPECT_EQ(parseIsoTimestamp("2026-01-01T00:00:00.123456Z"), 1767225600123);
  EXPECT_EQ(parseIsoTimestamp("2024-02-29T00:00:00Z"), 1709164800000);
  EXPECT_EQ(parseIsoTimestamp("1969-12-31T23:59:59.000Z"), -1000);
}

TEST(IsoTime, RejectsMalformedOrOutOfRange) {
  for (const char* bad : {"", "now", "2026-01-01", "2026-01-01T00:00:00", "2026-13-01T00:00:00Z",
                          "2025-02-29T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z",
                          "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00Zjunk", "2026-1-01T00:00:00Z",
                          "2026-01-01T00:00:00+25:00", "1767225600000"}) {
    EXPECT_FALSE(parseIsoTimestamp(bad).has_value()) << bad;
  }
}

TEST(IsoTime, DatesAreUtcMidnight) {
  EXPECT_EQ(parseIsoDate("2026-01-01"), 1767225600000);
  EXPECT_EQ(parseIsoDate("2024-02-29"), 1709164800000);
  for (const char* bad : {"", "2026-1-01", "2025-02-29", "2026-01-01T00:00:00Z", "2026-01-01 "}) {
    EXPECT_FALSE(parseIsoDate(bad).has_value()) << bad;
  }
}

TEST(IsoTime, FormatsAndRoundTrips) {
  EXPECT_EQ(formatIsoTimestamp(1767225600000), "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(formatIsoTimestamp(-1000), "1969-12-31T23:59:59.000Z");
  EXPECT_EQ(formatIsoTimestamp(-1), "1969-12-31T23:59:59.999Z");
  for (int64_t ms : {int64_t{0}, int64_t{1709164800123}, int64_t{951782400000} /* 2000-02-29 */,
                     int64_t{4102444799999}, int64_t{-86400001}}) {
    EXPECT_EQ(parseIsoTimestamp(formatIsoTimestamp(ms)), ms) << ms;
  }
}

}  // namespace
}  // namespace engage::collector
