// Special functions behind the distributions the analysis needs: the log of the beta function, the
// regularised incomplete beta function (Student t) and the regularised incomplete gamma function
// (chi-square). Pure, no allocation, no exceptions; accurate to about 1e-14 relative in the ranges
// the analysis uses (checked against SciPy values in tests/core/stats/distributions_test.cpp).
#pragma once

namespace engage::detail {

// ln B(a, b) for a, b > 0. When one argument is large it avoids the cancellation of
// lgamma(a) + lgamma(b) - lgamma(a + b) by a Stirling expansion of the lgamma difference, which keeps
// the Student t functions accurate at the dof of big experiments (10^5 .. 10^8).
double logBeta(double a, double b);

// I_x(a, b), the regularised incomplete beta function, for a, b > 0 and 0 <= x <= 1. The caller
// passes y = 1 - x computed without cancellation (e.g. t^2 / (dof + t^2)) so tails stay accurate.
// Returns NaN for invalid arguments.
double incompleteBeta(double a, double b, double x, double y);

// P(a, x) and Q(a, x) = 1 - P(a, x), the regularised lower / upper incomplete gamma functions, for
// a > 0 and x >= 0. Each is computed directly (not as 1 minus the other) where it is small.
double lowerIncompleteGamma(double a, double x);
double upperIncompleteGamma(double a, double x);

}  // namespace engage::detail
