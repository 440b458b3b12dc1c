#include "recommend/det_math.h"

#include <cmath>

namespace engage::recommend::detail {
namespace {

// ln 2 split so that k * kLn2Hi is exact for |k| < 2^11 (kLn2Hi has 32 significant bits).
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kLog2E = 1.44269504088896338700e+00;
constexpr double kSqrtHalf = 0.70710678118654752440;

}  // namespace

double detExp(double x) {
  if (!(x == x)) return 0.0;  // NaN never reaches a ranking: treat as no weight
  if (x > 709.0) return 8.2e307;
  if (x < -745.0) return 0.0;
  // x = k ln2 + r with |r| <= ln2 / 2; std::floor and std::ldexp are exact operations.
  double k = std::floor(x * kLog2E + 0.5);
  double r = (x - k * kLn2Hi) - k * kLn2Lo;
  // Taylor series of e^r to degree 13: truncation error below 1e-17 for |r| <= 0.35.
  double p = 1.0 / 6227020800.0;
  static const double kInvFactorials[] = {1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0,
                                          1.0 / 362880.0,    1.0 / 40320.0,    1.0 / 5040.0,
                                          1.0 / 720.0,       1.0 / 120.0,      1.0 / 24.0,
                                          1.0 / 6.0,         0.5,              1.0,
                                          1.0};
  for (double c : kInvFactorials) p = p * r + c;
  return std::ldexp(p, static_cast<int>(k));
}

double detLog(double x) {
  if (!(x > 0.0)) return -1e308;
  if (x > 1.7e308) return 709.78;
  int e = 0;
  double m = std::frexp(x, &e);  // x = m * 2^e, m in [0.5, 1): exact
  if (m < kSqrtHalf) {
    m *= 2.0;
    e -= 1;
  }
  // log(m) = 2 atanh(f), f = (m-1)/(m+1), |f| <= 0.1716: series to f^23, error below 1e-18.
  double f = (m - 1.0) / (m + 1.0);
  double s = f * f;
  double sum = 0.0;
  for (int n = 23; n >= 3; n -= 2) sum = (sum + 1.0 / n) * s;
  double logM = 2.0 * f * (1.0 + sum);
  return e * kLn2Hi + (e * kLn2Lo + logM);
}

}  // namespace engage::recommend::detail
