// Statistical behaviour on simulated experiments (seeded, so every run sees the same numbers):
// false-positive rate near alpha with no effect, peeking made safe by the sequential mode, planted
// lifts found with the right sign, and a planted sample-ratio mismatch flagged.
#include <cmath>
#include <cstdio>
#include <vector>

#include <gtest/gtest.h>

#include "engage/stats.h"
#include "support/fakes.h"

namespace engage::stats {
namespace {

// Repeated experiments per A/A check and the allowed deviation of an observed rate from alpha:
// three binomial standard deviations, sqrt(0.05 * 0.95 / 1000) = 0.0069, so 0.05 +- 0.021.
constexpr int kExperiments = 1000;
constexpr double kAlpha = 0.05;
constexpr double kRateTolerance = 0.021;

// Uniforms and normals from the SplitMix64 fake, so native and wasm runs draw the same sequence.
class Sampler {
 public:
  explicit Sampler(uint64_t seed) : random_(seed) {}
  double uniform() {  // [0, 1) with 53 random bits
    const uint64_t hi = random_.nextU32() >> 5, lo = random_.nextU32() >> 6;
    return (static_cast<double>(hi) * 67108864.0 + static_cast<double>(lo)) / 9007199254740992.0;
  }
  double normal() {  // Box-Muller
    const double u = 1.0 - uniform(), v = uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
  }

 private:
  testing::SeededRandom random_;
};

// Visitors split at random by `treatmentShare`; each converts with the arm's rate.
ExperimentData simulateConversions(Sampler& s, int visitors, double treatmentShare, double controlRate,
                                   double treatmentRate) {
  ExperimentData data;
  data.variations = {{"0", 0, 0, 0}, {"1", 0, 0, 0}};
  for (int i = 0; i < visitors; ++i) {
    const bool treated = s.uniform() < treatmentShare;
    VariationSummary& arm = data.variations[treated ? 1 : 0];
    ++arm.users;
    if (s.uniform() < (treated ? treatmentRate : controlRate)) arm.sum += 1;
  }
  return data;
}

// Revenue per visitor: a purchase with probability 0.1 of a log-normal amount (median 20 * scale).
ExperimentData simulateRevenue(Sampler& s, int visitorsPerArm, double treatmentScale) {
  ExperimentData data;
  data.type = MetricType::Mean;
  data.variations = {{"0", visitorsPerArm, 0, 0}, {"1", visitorsPerArm, 0, 0}};
  for (int arm = 0; arm < 2; ++arm) {
    for (int i = 0; i < visitorsPerArm; ++i) {
      if (s.uniform() >= 0.1) continue;
      const double amount = 20.0 * std::exp(0.5 * s.normal()) * (arm == 1 ? treatmentScale : 1.0);
      data.variations[arm].sum += amount;
      data.variations[arm].sumSquares += amount * amount;
    }
  }
  return data;
}

// A copy, so callers may pass a temporary result.
VariationResult treatment(const AnalysisResult& r) {
  EXPECT_TRUE(r.ok) << r.error.message;
  return r.variations.at(1);
}

// Prints a measured rate so test logs carry the figures, not only pass / fail.
void report(const char* what, int count) {
  std::printf("[ measured ] %s: %d / %d = %.3f\n", what, count, kExperiments, count / double(kExperiments));
}

bool covers(const Interval& ci, double value) { return ci.lower <= value && value <= ci.upper; }

TEST(Simulation, AaConversionFalsePositiveRateIsNearAlpha) {
  Sampler s(20261123);
  int absoluteHits = 0, relativeHits = 0, zHits = 0, srmFlags = 0;
  AnalysisOptions z;
  z.proportionTest = ProportionTest::PooledZ;
  for (int e = 0; e < kExperiments; ++e) {
    const ExperimentData data = simulateConversions(s, 4000, 0.5, 0.1, 0.1);
    const AnalysisResult r = analyze(data);
    absoluteHits += treatment(r).absolute.pValue < kAlpha;
    relativeHits += treatment(r).relative.pValue < kAlpha;
    zHits += treatment(analyze(data, z)).absolute.pValue < kAlpha;
    srmFlags += r.srm.mismatch;
  }
  report("A/A conversion, Welch absolute p < 0.05", absoluteHits);
  report("A/A conversion, Welch relative p < 0.05", relativeHits);
  report("A/A conversion, pooled z p < 0.05", zHits);
  report("A/A conversion, SRM flagged", srmFlags);
  EXPECT_NEAR(absoluteHits / double(kExperiments), kAlpha, kRateTolerance);
  EXPECT_NEAR(relativeHits / double(kExperiments), kAlpha, kRateTolerance);
  EXPECT_NEAR(zHits / double(kExperiments), kAlpha, kRateTolerance);
  // SRM at p < 0.001 on a correct 50/50 split: expected 1 false alarm in 1000; 5 or more has p < 0.004.
  EXPECT_LT(srmFlags, 5);
}

TEST(Simulation, AaRevenueFalsePositiveRateIsNearAlpha) {
  Sampler s(7);
  int hits = 0, covered = 0;
  for (int e = 0; e < kExperiments; ++e) {
    const VariationResult v = treatment(analyze(simulateRevenue(s, 2000, 1.0)));
    hits += v.absolute.pValue < kAlpha;
    covered += covers(v.relative.ci, 0.0);
  }
  report("A/A revenue, Welch p < 0.05", hits);
  report("A/A revenue, relative interval covers 0", covered);
  EXPECT_NEAR(hits / double(kExperiments), kAlpha, kRateTolerance);
  EXPECT_NEAR(covered / double(kExperiments), 1 - kAlpha, kRateTolerance);
}

// Ten looks at growing data: stopping at the first p < alpha inflates a fixed-horizon test's error
// rate well above alpha; the sequential test keeps it at or below alpha.
TEST(Simulation, SequentialModeMakesPeekingSafe) {
  Sampler s(99);
  constexpr int kLooks = 10, kVisitorsPerLook = 1000;
  AnalysisOptions fixed, sequential;
  sequential.sequential = true;
  int fixedStops = 0, sequentialStops = 0;
  for (int e = 0; e < kExperiments; ++e) {
    ExperimentData total = simulateConversions(s, 0, 0.5, 0.1, 0.1);
    bool fixedStopped = false, sequentialStopped = false;
    for (int look = 0; look < kLooks; ++look) {
      const ExperimentData batch = simulateConversions(s, kVisitorsPerLook, 0.5, 0.1, 0.1);
      for (int arm = 0; arm < 2; ++arm) {
        total.variations[arm].users += batch.variations[arm].users;
        total.variations[arm].sum += batch.variations[arm].sum;
      }
      fixedStopped = fixedStopped || treatment(analyze(total, fixed)).relative.pValue < kAlpha;
      sequentialStopped = sequentialStopped || treatment(analyze(total, sequential)).relative.pValue < kAlpha;
    }
    fixedStops += fixedStopped;
    sequentialStops += sequentialStopped;
  }
  report("A/A, 10 peeks, fixed-horizon ever p < 0.05", fixedStops);
  report("A/A, 10 peeks, sequential ever p < 0.05", sequentialStops);
  EXPECT_GT(fixedStops / double(kExperiments), kAlpha + kRateTolerance);  // peeking breaks the fixed test
  EXPECT_LE(sequentialStops / double(kExperiments), kAlpha);
}

TEST(Simulation, PlantedConversionLiftIsFoundWithTheRightSign) {
  Sampler s(1234);
  const VariationResult v = treatment(analyze(simulateConversions(s, 20000, 0.5, 0.10, 0.12)));
  EXPECT_GT(v.relative.estimate, 0);
  EXPECT_GT(v.relative.ci.lower, 0);  // the interval excludes 0
  EXPECT_TRUE(covers(v.relative.ci, 0.2));
  EXPECT_GT(v.absolute.ci.lower, 0);
  EXPECT_TRUE(v.relative.significant);
  EXPECT_GT(v.bayesian.chanceToWin, 0.99);

  // A planted drop: the sign flips, and with "lower is better" the drop wins.
  AnalysisOptions inverse;
  inverse.inverse = true;
  const VariationResult d = treatment(analyze(simulateConversions(s, 20000, 0.5, 0.12, 0.10), inverse));
  EXPECT_LT(d.relative.ci.upper, 0);
  EXPECT_GT(d.bayesian.chanceToWin, 0.99);
}

TEST(Simulation, PlantedLiftIntervalsCoverTheTruth) {
  Sampler s(4321);
  int covered = 0, found = 0;
  for (int e = 0; e < kExperiments; ++e) {
    const VariationResult v = treatment(analyze(simulateConversions(s, 20000, 0.5, 0.10, 0.12)));
    covered += covers(v.relative.ci, 0.2);
    found += v.relative.ci.lower > 0;
  }
  report("planted +20% coverage of the truth", covered);
  report("planted +20% found (power)", found);
  EXPECT_NEAR(covered / double(kExperiments), 1 - kAlpha, kRateTolerance);
  // Power of this design: relative lift 0.2 over its standard error 0.0485 is z = 4.1, power 0.985.
  EXPECT_GT(found / double(kExperiments), 0.95);
}

TEST(Simulation, PlantedRevenueLiftIsFound) {
  Sampler s(555);
  const VariationResult v = treatment(analyze(simulateRevenue(s, 20000, 1.25)));
  EXPECT_GT(v.relative.ci.lower, 0);
  EXPECT_TRUE(covers(v.relative.ci, 0.25));
  EXPECT_GT(v.dof, 1000);
}

TEST(Simulation, PlantedSampleRatioMismatchIsFlagged) {
  Sampler s(31337);
  int flagged = 0;
  for (int e = 0; e < 200; ++e) flagged += analyze(simulateConversions(s, 5000, 0.45, 0.1, 0.1)).srm.mismatch;
  EXPECT_EQ(flagged, 200);  // at 5000 visitors a 55/45 split has chi-square ~50, p ~ 1e-12

  // The exact 55/45 split of 2000 visitors: chi-square 20, p = 7.7e-6 < 0.001.
  ExperimentData exact;
  exact.variations = {{"0", 1100, 110, 0}, {"1", 900, 90, 0}};
  exact.weights = {0.5, 0.5};
  const AnalysisResult r = analyze(exact);
  EXPECT_NEAR(r.srm.chiSquare, 20.0, 1e-12);
  EXPECT_NEAR(r.srm.pValue, 7.744216431044088e-06, 1e-15);
  EXPECT_TRUE(r.srm.mismatch);
  // The same split is the design under 55/45 weights.
  exact.weights = {0.55, 0.45};
  EXPECT_FALSE(analyze(exact).srm.mismatch);
  EXPECT_NEAR(analyze(exact).srm.pValue, 1.0, 1e-12);
}

}  // namespace
}  // namespace engage::stats
