// Frequentist tests of a lift (gbstats frequentist/tests.py): the fixed-horizon two-sided test and the
// sequential test whose intervals and p-values stay valid however often the results are looked at.
#pragma once

#include "engage/stats.h"
#include "stats/lift.h"

namespace engage::detail {

// Two-sided test against a Student t with `dof` degrees of freedom (Welch), or against the standard
// normal when dof is infinite (the z-test). The interval is estimate +- quantile * stddev.
stats::LiftEstimate fixedHorizonTest(const Difference& diff, double dof, double alpha);

// Waudby-Smith et al. (2023) asymptotic confidence sequence, as gbstats' SequentialTwoSidedTTest:
// rho from the tuning parameter (eq. 161), the half-width of eq. 9 and the always-valid p-value
// 1 / e-value of eq. 155. `totalUsers` is n_a + n_b.
stats::LiftEstimate sequentialTest(const Difference& diff, double totalUsers, double alpha, double tuning);

// The two-proportion z-test's p-value: pooled proportion under the null hypothesis of no difference.
double pooledProportionPValue(const Moments& a, const Moments& b);

}  // namespace engage::detail
