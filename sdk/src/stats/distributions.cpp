#include "stats/distributions.h"

#include <cmath>
#include <limits>

#include "stats/special_functions.h"

namespace engage::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kSqrt2 = 1.41421356237309504880;
constexpr double kInvSqrtTwoPi = 0.39894228040143267794;
constexpr double kPi = 3.14159265358979323846;
// Newton refinement of the t quantile stops at this relative step; the iteration cap is a guard.
constexpr double kQuantileTolerance = 1e-14;
constexpr int kMaxQuantileIterations = 200;
// At large dof the incomplete-beta fraction loses about dof * 1e-16 relative accuracy for |t| near 2
// (its terms cancel): 7e-8 at dof 7e8. From this dof on, Fisher's expansion of the t tail in 1/dof
// replaces it wherever the expansion's truncation error, measured against the fraction at dof 300 ..
// 10^4 as about 1.3e4 * (|t| / 4)^22 / dof^4 relative, stays below kExpansionTolerance.
constexpr double kExpansionMinDof = 1e5;
constexpr double kExpansionTolerance = 1e-14;

// Acklam's rational approximation of the normal quantile (relative error < 1.2e-9), the start of a
// Halley refinement that brings it to full precision.
double normalQuantileGuess(double p) {
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01,  -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  const double pLow = 0.02425;
  if (p < pLow) {
    const double q = std::sqrt(-2 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const double q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

// The x <= 0 with normalCdf(x) = p for 0 < p <= 0.5.
double lowerNormalQuantile(double p) {
  double x = normalQuantileGuess(p);
  for (int i = 0; i < 2; ++i) {  // Halley steps; each roughly cubes the relative error
    const double e = normalCdf(x) - p;
    const double u = e / normalPdf(x);
    x -= u / (1 + 0.5 * x * u);
  }
  return x;
}

// Cornish-Fisher expansion of the t quantile around the normal one (Abramowitz & Stegun 26.7.5):
// a close start for Newton when dof is not tiny.
double tQuantileGuess(double z, double dof) {
  const double z2 = z * z;
  const double g1 = (z2 + 1) * z / 4;
  const double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
  const double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
  const double g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
  return z + (g1 + (g2 + (g3 + g4 / dof) / dof) / dof) / dof;
}

// The t > 0 with studentTSf(t, dof) = q for 0 < q < 0.5: Newton on the tail, kept inside a bracket
// that bisection shrinks whenever a Newton step would leave it.
double upperTQuantile(double q, double dof) {
  double guess = tQuantileGuess(-lowerNormalQuantile(q), dof);
  if (!(guess > 0) || !std::isfinite(guess)) guess = 1.0;
  double lo = 0.0, hi = guess;
  while (studentTSf(hi, dof) > q) {  // widen until the root is bracketed
    lo = hi;
    hi *= 2.0;
    if (!std::isfinite(hi)) return kInf;
  }
  double t = guess;
  for (int i = 0; i < kMaxQuantileIterations; ++i) {
    const double excess = studentTSf(t, dof) - q;  // > 0 means t is too small
    if (excess > 0) lo = t; else hi = t;
    double next = t + excess / studentTPdf(t, dof);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const double step = std::fabs(next - t);
    t = next;
    if (step <= kQuantileTolerance * t || hi - lo <= kQuantileTolerance * t) break;
  }
  return t;
}

// P(T > t) for t >= 0 by Fisher's expansion to O(dof^-3): sf = normalSf(t) + phi(t) (q1 + q2/dof +
// q3/dof^2) / dof, the q_k odd polynomials obtained by integrating the 1/dof expansion of the t density
// (q1 = (t^3 + t) / 4 is Abramowitz & Stegun 26.7.8's first term).
double fisherExpansionSf(double t, double dof) {
  const double t2 = t * t;
  const double q1 = (t2 + 1) * t / 4;
  const double q2 = (((3 * t2 - 7) * t2 - 5) * t2 - 3) * t / 96;
  const double q3 = (((((t2 - 11) * t2 + 14) * t2 + 6) * t2 - 3) * t2 - 15) * t / 384;
  return normalSf(t) + normalPdf(t) * (q1 + (q2 + q3 / dof) / dof) / dof;
}

bool expansionIsAccurate(double absT, double dof) {
  if (dof < kExpansionMinDof) return false;
  const double dof2 = dof * dof;
  return 1.3e4 * std::pow(absT / 4, 22) < kExpansionTolerance * dof2 * dof2;
}

}  // namespace

double normalPdf(double x) { return kInvSqrtTwoPi * std::exp(-0.5 * x * x); }
double normalCdf(double x) { return 0.5 * std::erfc(-x / kSqrt2); }
double normalSf(double x) { return 0.5 * std::erfc(x / kSqrt2); }

double normalQuantile(double p) {
  if (!(p >= 0 && p <= 1)) return kNaN;
  if (p == 0) return -kInf;
  if (p == 1) return kInf;
  return p <= 0.5 ? lowerNormalQuantile(p) : -lowerNormalQuantile(1 - p);
}

double studentTPdf(double t, double dof) {
  if (!(dof > 0) || std::isnan(t)) return kNaN;
  if (std::isinf(dof)) return normalPdf(t);
  const double logPdf = -logBeta(0.5 * dof, 0.5) - 0.5 * std::log(dof) - 0.5 * (dof + 1) * std::log1p(t * t / dof);
  return std::exp(logPdf);
}

double studentTSf(double t, double dof) {
  if (!(dof > 0) || std::isnan(t)) return kNaN;
  if (std::isinf(dof)) return normalSf(t);
  if (std::isinf(t)) return t > 0 ? 0.0 : 1.0;
  if (expansionIsAccurate(std::fabs(t), dof)) {
    const double tail = fisherExpansionSf(std::fabs(t), dof);
    return t >= 0 ? tail : 1.0 - tail;
  }
  // P(T > |t|) = I_x(dof/2, 1/2) / 2 with x = dof / (dof + t^2); 1 - x formed without cancellation.
  const double denom = dof + t * t;
  const double tail = 0.5 * incompleteBeta(0.5 * dof, 0.5, dof / denom, t * t / denom);
  return t >= 0 ? tail : 1.0 - tail;
}

double studentTCdf(double t, double dof) { return studentTSf(-t, dof); }

double studentTQuantile(double p, double dof) {
  if (!(p >= 0 && p <= 1) || !(dof > 0)) return kNaN;
  if (p == 0) return -kInf;
  if (p == 1) return kInf;
  if (p == 0.5) return 0.0;
  if (std::isinf(dof)) return normalQuantile(p);
  // Cauchy, closed form: tan(pi (p - 1/2)) written as a cotangent of the smaller tail, which keeps
  // the precision of small tail probabilities.
  if (dof == 1) return p < 0.5 ? -1.0 / std::tan(kPi * p) : 1.0 / std::tan(kPi * (1.0 - p));
  return p > 0.5 ? upperTQuantile(1 - p, dof) : -upperTQuantile(p, dof);
}

double chiSquareSf(double x, double dof) {
  if (!(dof > 0) || std::isnan(x)) return kNaN;
  if (x <= 0) return 1.0;
  return upperIncompleteGamma(0.5 * dof, 0.5 * x);
}

}  // namespace engage::detail
