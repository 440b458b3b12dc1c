// The distributions behind the tests: standard normal, Student t (real-valued dof, as Welch-Satterthwaite
// gives) and chi-square. Tail functions (sf) are computed directly, not as 1 - cdf, so small p-values
// keep their relative accuracy. Invalid arguments give NaN; nothing throws.
#pragma once

namespace engage::detail {

double normalPdf(double x);
double normalCdf(double x);
double normalSf(double x);  // 1 - normalCdf(x), accurate in the upper tail
// The x with normalCdf(x) = p, for 0 < p < 1 (-inf at 0, +inf at 1); full double precision.
double normalQuantile(double p);

double studentTPdf(double t, double dof);
double studentTCdf(double t, double dof);
double studentTSf(double t, double dof);  // 1 - studentTCdf(t), accurate in the upper tail
// The t with studentTCdf(t, dof) = p, for 0 < p < 1 and dof > 0; solved to ~1e-13 relative.
double studentTQuantile(double p, double dof);

// P(X > x) for X ~ chi-square with dof > 0 degrees of freedom.
double chiSquareSf(double x, double dof);

}  // namespace engage::detail
