#include "stats/special_functions.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace engage::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Relative accuracy the continued fractions and series iterate to.
constexpr double kEpsilon = 1e-16;
// Guards the modified Lentz algorithm against division by zero.
constexpr double kTiny = 1e-300;
// Iteration caps: the beta fraction needs O(sqrt(max(a, b))) terms near its switch point, so 10^5
// covers a, b up to ~10^9 (dof of 2 * 10^9); the gamma series/fraction need far fewer here.
constexpr int kMaxBetaIterations = 100000;
constexpr int kMaxGammaIterations = 100000;
// Above this argument lgamma is taken from Stirling's series (see stirlingRemainder).
constexpr double kStirlingThreshold = 10.0;
// 0.5 * ln(2 pi).
constexpr double kHalfLogTwoPi = 0.91893853320467274178;

// lgamma(x) - [(x - 0.5) ln x - x + 0.5 ln(2 pi)] for x >= 10 (error < 2e-14 at x = 10, less above).
double stirlingRemainder(double x) {
  const double inv = 1.0 / x;
  const double inv2 = inv * inv;
  return inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680 - inv2 / 1188))));
}

// Continued fraction of I_x(a, b) (modified Lentz); converges fast for x < (a + 1) / (a + b + 2).
double betaFraction(double a, double b, double x) {
  const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= kMaxBetaIterations; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double step = d * c;
    h *= step;
    if (std::fabs(step - 1.0) < kEpsilon) return h;
  }
  return kNaN;  // did not converge: report it rather than return a wrong number
}

// exp(-x) x^a / Gamma(a), the common factor of the incomplete gamma expansions.
double gammaPrefactor(double a, double x) { return std::exp(-x + a * std::log(x) - std::lgamma(a)); }

// P(a, x) by its power series; used for x < a + 1.
double gammaSeries(double a, double x) {
  double term = 1.0 / a, sum = term, ap = a;
  for (int n = 0; n < kMaxGammaIterations; ++n) {
    ap += 1.0;
    term *= x / ap;
    sum += term;
    if (std::fabs(term) < std::fabs(sum) * kEpsilon) return sum * gammaPrefactor(a, x);
  }
  return kNaN;
}

// Q(a, x) by its continued fraction (modified Lentz); used for x >= a + 1.
double gammaFraction(double a, double x) {
  double b = x + 1.0 - a;
  double c = 1.0 / kTiny;
  double d = 1.0 / b;
  double h = d;
  for (int i = 1; i <= kMaxGammaIterations; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = b + an / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double step = d * c;
    h *= step;
    if (std::fabs(step - 1.0) < kEpsilon) return h * gammaPrefactor(a, x);
  }
  return kNaN;
}

bool validGammaArguments(double a, double x) { return a > 0 && x >= 0 && std::isfinite(a) && !std::isnan(x); }

}  // namespace

double logBeta(double a, double b) {
  const double big = std::max(a, b), small = std::min(a, b);
  if (big < kStirlingThreshold) return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
  // lgamma(big + small) - lgamma(big), expanded so that no large terms cancel.
  const double deltaS = stirlingRemainder(big + small) - stirlingRemainder(big);
  if (small < kStirlingThreshold) {
    const double ratio = (big - 0.5) * std::log1p(small / big) + small * std::log(big + small) - small + deltaS;
    return std::lgamma(small) - ratio;
  }
  return kHalfLogTwoPi - 0.5 * std::log(small) - small * std::log1p(big / small) -
         (big - 0.5) * std::log1p(small / big) + stirlingRemainder(small) - deltaS;
}

double incompleteBeta(double a, double b, double x, double y) {
  if (!(a > 0 && b > 0 && x >= 0 && y >= 0)) return kNaN;
  if (x == 0) return 0.0;
  if (y == 0) return 1.0;
  const double logX = x <= 0.5 ? std::log(x) : std::log1p(-y);
  const double logY = y <= 0.5 ? std::log(y) : std::log1p(-x);
  const double front = std::exp(a * logX + b * logY - logBeta(a, b));
  if (x < (a + 1.0) / (a + b + 2.0)) return front * betaFraction(a, b, x) / a;
  return 1.0 - front * betaFraction(b, a, y) / b;
}

double lowerIncompleteGamma(double a, double x) {
  if (!validGammaArguments(a, x)) return kNaN;
  if (x == 0) return 0.0;
  if (std::isinf(x)) return 1.0;
  return x < a + 1.0 ? gammaSeries(a, x) : 1.0 - gammaFraction(a, x);
}

double upperIncompleteGamma(double a, double x) {
  if (!validGammaArguments(a, x)) return kNaN;
  if (x == 0) return 1.0;
  if (std::isinf(x)) return 0.0;
  return x < a + 1.0 ? 1.0 - gammaSeries(a, x) : gammaFraction(a, x);
}

}  // namespace engage::detail
