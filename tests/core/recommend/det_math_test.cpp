#include <gtest/gtest.h>

#include <cmath>

#include "recommend/det_math.h"

namespace engage::recommend::detail {
namespace {

TEST(DetMath, ExpMatchesTheLibraryToAFewUlp) {
  for (double x = -700; x <= 700; x += 0.37) {
    double want = std::exp(x);
    EXPECT_NEAR(detExp(x), want, want * 4e-16) << x;
  }
  EXPECT_EQ(detExp(0.0), 1.0);
  EXPECT_EQ(detExp(-1000.0), 0.0);
  EXPECT_TRUE(std::isfinite(detExp(1000.0)));
  EXPECT_EQ(detExp(std::nan("")), 0.0);
}

TEST(DetMath, LogMatchesTheLibraryToAFewUlp) {
  for (double x = 1e-300; x < 1e300; x *= 3.7) {
    double want = std::log(x);
    EXPECT_NEAR(detLog(x), want, std::fabs(want) * 4e-16 + 1e-300) << x;
  }
  EXPECT_EQ(detLog(1.0), 0.0);
  EXPECT_TRUE(std::isfinite(detLog(0.0)));
  EXPECT_TRUE(std::isfinite(detLog(-1.0)));
}

}  // namespace
}  // namespace engage::recommend::detail
