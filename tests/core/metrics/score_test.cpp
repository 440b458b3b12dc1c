#include "metrics/score.h"

#include <gtest/gtest.h>

namespace engage::detail {
namespace {

constexpr int64_t kDay = 86'400'000;
constexpr int64_t kNow = 1'767'225'600'000;

TEST(Score, NeverSeenScoresZero) {
  EngagementScore s = engagementScore(EngagementTotals{}, kNow, EngagementConfig{});
  EXPECT_EQ(s.score, 0);
  EXPECT_EQ(s.recency, 0);
  EXPECT_EQ(daysSince(0, kNow), -1);
}

TEST(Score, RecencyHalvesEveryHalfLife) {
  EngagementConfig config;
  EngagementTotals t;
  t.lastSeenMs = kNow;
  EXPECT_DOUBLE_EQ(engagementScore(t, kNow, config).recency, 1.0);
  EXPECT_DOUBLE_EQ(engagementScore(t, kNow + 14 * kDay, config).recency, 0.5);
  EXPECT_DOUBLE_EQ(engagementScore(t, kNow + 28 * kDay, config).recency, 0.25);
  EXPECT_DOUBLE_EQ(daysSince(kNow, kNow + kDay / 2), 0.5);
  EXPECT_EQ(daysSince(kNow, kNow - kDay), 0);  // clocks running backwards never give negative days
}

TEST(Score, FrequencyAndMonetaryAreLogScaledAndCapped) {
  EngagementConfig config;
  EngagementTotals t;
  t.sessions = 20;
  t.revenue = 500;
  EngagementScore at = engagementScore(t, kNow, config);
  EXPECT_DOUBLE_EQ(at.frequency, 1.0);
  EXPECT_DOUBLE_EQ(at.monetary, 1.0);
  t.sessions = 200;
  t.revenue = 1e6;
  EXPECT_DOUBLE_EQ(engagementScore(t, kNow, config).frequency, 1.0);
  t.sessions = 4;
  t.revenue = 0;
  EngagementScore small = engagementScore(t, kNow, config);
  EXPECT_NEAR(small.frequency, std::log(5.0) / std::log(21.0), 1e-12);
  EXPECT_EQ(small.monetary, 0);
}

TEST(Score, WeightedIntoZeroToHundred) {
  EngagementConfig config;
  EngagementTotals t;
  t.lastSeenMs = kNow;
  t.sessions = 20;
  t.revenue = 500;
  EXPECT_EQ(engagementScore(t, kNow, config).score, 100);
  t.revenue = 0;  // recency 1 (0.4) + frequency 1 (0.3) + monetary 0
  EXPECT_EQ(engagementScore(t, kNow, config).score, 70);
  config.recencyWeight = config.frequencyWeight = config.monetaryWeight = 0;
  EXPECT_EQ(engagementScore(t, kNow, config).score, 0);
}

TEST(Score, Json) {
  EngagementScore s{0.5, 0.25, 0, 30};
  Json j = scoreJson(s);
  EXPECT_EQ(j["score"], 30);
  EXPECT_EQ(j["recency"], 0.5);
}

}  // namespace
}  // namespace engage::detail
