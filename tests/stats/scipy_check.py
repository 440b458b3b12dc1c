#!/usr/bin/python3
"""Checks engage-stats against SciPy on seeded random experiments.

Each run draws the same experiments (seed below): proportion and mean metrics, 2 to 4 variations,
1e1 .. 1e8 visitors per variation, random design weights, alpha, Welch / pooled-z / sequential tests
and proper or improper priors. All of them go through the CLI in one call (a JSON array); then every
p-value, interval, chance to win, risk and SRM p-value is recomputed here with SciPy:

  Welch p-value          scipy.stats.ttest_ind_from_stats(equal_var=False) on the absolute lift
  t intervals / p        scipy.stats.t.ppf / t.sf with the Welch-Satterthwaite dof
  z-test                 scipy.stats.norm on the pooled two-proportion statistic
  sequential             gbstats' formulas in numpy (no SciPy equivalent exists)
  Bayesian               scipy.stats.norm (chance to win, interval), scipy.stats.truncnorm (risk, as gbstats)
  SRM                    scipy.stats.chisquare against the design weights

Prints the largest discrepancy per quantity and fails when one exceeds its tolerance.
Usage: /usr/bin/python3 tests/stats/scipy_check.py --cli build/native/bin/engage-stats [--cases N]
Exit status 77 (ctest: skipped) when SciPy is not installed.
"""
import argparse
import json
import math
import subprocess
import sys

try:
    import numpy as np
    from scipy import stats
except ImportError:
    print("scipy_check: SciPy is not installed (apt-get install python3-scipy); skipped")
    sys.exit(77)

SEED = 20261123
# Relative tolerances. SciPy's t tail (t.sf) agrees with ours to ~1e-10 at every dof tried.
TOLERANCE = {
    "p_value": 1e-9,
    "interval": 1e-10,
    "dof": 1e-12,
    "chance_to_win": 1e-10,
    "risk": 1e-9,
    "srm_p": 1e-10,
    "srm_chi2": 1e-12,
}


def t_upper_quantile(p, dof):
    """The t with t.sf(t, dof) = 1 - p. SciPy's t.ppf is off by up to ~1e-9 relative at dof ~30-40
    (t.sf(t.ppf(0.95, 33.79), 33.79) = 0.0500000004); two Newton steps on SciPy's own t.sf and t.pdf
    make the reference as accurate as SciPy's tail."""
    q = stats.t.ppf(p, dof)
    for _ in range(2):
        q += (stats.t.sf(q, dof) - (1 - p)) / stats.t.pdf(q, dof)
    return q


def draw_experiment(rng):
    kind = "proportion" if rng.random() < 0.5 else "mean"
    arms = int(rng.integers(2, 5))
    scale = 10 ** rng.uniform(1, 8)
    base_rate = 10 ** rng.uniform(-2.5, -0.2)
    base_mean = 10 ** rng.uniform(-1, 3)
    variations = []
    for i in range(arms):
        n = max(10, int(scale * rng.uniform(0.8, 1.2)))
        lift = 1 + rng.normal(0, 0.05) if rng.random() < 0.7 else 1.0
        if kind == "proportion":
            rate = min(0.999, base_rate * lift)
            variations.append({"id": str(i), "users": n, "conversions": int(rng.binomial(n, rate))})
        else:
            mean = base_mean * lift
            sd = mean * 10 ** rng.uniform(-1, 1)
            total = n * mean
            squares = (n - 1) * sd * sd + n * mean * mean
            variations.append({"id": str(i), "users": n, "sum": total, "sumSquares": squares})
    options = {"alpha": float(rng.choice([0.01, 0.05, 0.1, 0.2]))}
    mode = rng.random()
    if mode < 0.25:
        options["sequential"] = True
        options["sequentialTuning"] = float(rng.choice([1000, 5000, 20000]))
    elif mode < 0.45 and kind == "proportion":
        options["proportionTest"] = "z"
    if rng.random() < 0.3:
        options["prior"] = {"mean": float(rng.normal(0, 0.1)), "variance": float(10 ** rng.uniform(-3, 0)), "proper": True}
    if rng.random() < 0.2:
        options["inverse"] = True
    weights = [float(w) for w in rng.uniform(0.5, 1.5, arms)]
    return {"experiment": "sim", "metric": "m", "type": kind, "variations": variations,
            "weights": weights, "options": options}


def moments(v, kind):
    n = v["users"]
    if kind == "proportion":
        mean = v["conversions"] / n
        return n, mean, mean * (1 - mean)
    mean = v["sum"] / n
    return n, mean, max(0.0, (v["sumSquares"] - v["sum"] ** 2 / n) / (n - 1))


class Discrepancies:
    def __init__(self):
        self.worst = {k: 0.0 for k in TOLERANCE}
        self.count = {k: 0 for k in TOLERANCE}
        self.failures = []
        self.tests = {}

    def check(self, what, ours, expected, where, scale=None):
        """Relative difference, against `scale` when given (e.g. an interval's width)."""
        denominator = abs(scale) if scale else abs(expected)
        if expected == 0 or ours == expected:
            diff = abs(ours - expected)
        elif denominator < 1e-300:  # both underflow-tiny p-values
            diff = 0.0 if abs(ours) < 1e-290 else 1.0
        else:
            diff = abs(ours - expected) / denominator
        self.count[what] += 1
        self.worst[what] = max(self.worst[what], diff)
        if diff > TOLERANCE[what]:
            self.failures.append(f"{where} {what}: ours {ours!r} scipy {expected!r} (rel {diff:.2e})")


def check_lift(d, where, lift, estimate, se, dof, options, pooled_p):
    alpha = options.get("alpha", 0.05)
    half = None
    if options.get("sequential"):
        n, tuning = dof  # for the sequential test `dof` carries (n_a + n_b, tuning)
        rho2 = (-2 * math.log(alpha) + math.log(-2 * math.log(alpha) + 1)) / tuning
        half = se * math.sqrt(n) * math.sqrt(2 * (n * rho2 + 1) * math.log(math.sqrt(n * rho2 + 1) / alpha) / (n * n * rho2))
        st2 = estimate ** 2 * n / se ** 2
        p = min(1.0, math.sqrt(n * rho2 + 1) * math.exp(-rho2 * st2 / (2 * (n * rho2 + 1))))
    elif pooled_p is not None:
        half = stats.norm.ppf(1 - alpha / 2) * se
        p = pooled_p
    else:
        half = t_upper_quantile(1 - alpha / 2, dof) * se
        p = 2 * stats.t.sf(abs(estimate) / se, dof)
    d.check("interval", lift["ci"][0], estimate - half, where + " lower", scale=2 * half)
    d.check("interval", lift["ci"][1], estimate + half, where + " upper", scale=2 * half)
    d.check("p_value", lift["pValue"], p, where)


def check_bayes(d, where, bayes, estimate, var, options):
    prior = options.get("prior", {})
    if prior.get("proper"):
        precision = 1 / var + 1 / prior["variance"]
        mu = (estimate / var + prior["mean"] / prior["variance"]) / precision
    else:
        precision, mu = 1 / var, estimate
    sd = math.sqrt(1 / precision)
    ctw = stats.norm.sf(0, loc=mu, scale=sd)
    inverse = options.get("inverse", False)
    d.check("chance_to_win", bayes["chanceToWin"], 1 - ctw if inverse else ctw, where)
    alpha = options.get("alpha", 0.05)
    lo, hi = stats.norm.ppf([alpha / 2, 1 - alpha / 2], loc=mu, scale=sd)
    d.check("interval", bayes["ci"][0], lo, where + " bayes lower", scale=hi - lo)
    d.check("interval", bayes["ci"][1], hi, where + " bayes upper", scale=hi - lo)
    # gbstats' risk: P(X>0) E[X | X>0] and -P(X<0) E[X | X<0] through truncnorm; only where both
    # tails carry mass SciPy can resolve.
    a = -mu / sd
    if abs(a) < 8:
        p_neg = stats.norm.cdf(0, loc=mu, scale=sd)
        mean_pos = stats.truncnorm.mean(a, np.inf, loc=mu, scale=sd)
        mean_neg = stats.truncnorm.mean(-np.inf, a, loc=mu, scale=sd)
        risk = [(1 - p_neg) * mean_pos, -p_neg * mean_neg]
        if inverse:
            risk.reverse()
        scale = max(abs(risk[0]), abs(risk[1]))
        d.check("risk", bayes["risk"][0], risk[0], where + " risk control", scale=scale)
        d.check("risk", bayes["risk"][1], risk[1], where + " risk variation", scale=scale)


def check_experiment(d, index, request, result):
    where = f"case {index}"
    if not result.get("ok"):
        d.failures.append(f"{where}: analysis failed: {result.get('error')}")
        return
    kind, options = request["type"], request["options"]
    control = moments(request["variations"][0], kind)
    na, ma, va = control
    for j, v in enumerate(request["variations"][1:], start=1):
        res = result["variations"][j]
        nb, mb, vb = moments(v, kind)
        diff, var_abs = mb - ma, vb / nb + va / na
        if var_abs <= 0 or ma == 0:
            if res["note"] == "":
                d.failures.append(f"{where} v{j}: expected an unavailable lift, got none")
            continue
        var_rel = vb / (ma ** 2 * nb) + va * mb ** 2 / (ma ** 4 * na)
        if var_rel <= 0:
            continue
        dof = var_abs ** 2 / ((vb / nb) ** 2 / (nb - 1) + (va / na) ** 2 / (na - 1))
        test = res["test"]
        d.tests[test] = d.tests.get(test, 0) + 1
        pooled_p = None
        if test == "welch-t":
            d.check("dof", res["dof"], dof, f"{where} v{j}")
            # The Welch test as SciPy implements it, on the absolute lift.
            scipy_p = stats.ttest_ind_from_stats(mb, math.sqrt(vb), nb, ma, math.sqrt(va), na, equal_var=False).pvalue
            d.check("p_value", res["absolute"]["pValue"], scipy_p, f"{where} v{j} ttest_ind_from_stats")
            test_dof = dof
        elif test == "z":
            pooled = (ma * na + mb * nb) / (na + nb)
            se0 = math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
            pooled_p = 2 * stats.norm.sf(abs(diff) / se0) if se0 > 0 else 1.0
            test_dof = None
        else:
            test_dof = (na + nb, options["sequentialTuning"])
        check_lift(d, f"{where} v{j} abs", res["absolute"], diff, math.sqrt(var_abs), test_dof, options, pooled_p)
        check_lift(d, f"{where} v{j} rel", res["relative"], (mb - ma) / ma, math.sqrt(var_rel), test_dof, options, pooled_p)
        check_bayes(d, f"{where} v{j}", res["bayesian"], (mb - ma) / ma, var_rel, options)
    users = np.array([v["users"] for v in request["variations"]], dtype=float)
    weights = np.array(request["weights"])
    expected = weights / weights.sum() * users.sum()
    chi2, p = stats.chisquare(users, expected)
    d.check("srm_chi2", result["srm"]["chiSquare"], chi2, where)
    d.check("srm_p", result["srm"]["pValue"], p, where)
    if result["srm"]["mismatch"] != (p < 0.001) and abs(p - 0.001) > 1e-9:
        d.failures.append(f"{where}: SRM flag {result['srm']['mismatch']} but p = {p}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True, help="path to the engage-stats binary")
    parser.add_argument("--cases", type=int, default=2000)
    args = parser.parse_args()
    rng = np.random.default_rng(SEED)
    requests = [draw_experiment(rng) for _ in range(args.cases)]
    run = subprocess.run([args.cli], input=json.dumps(requests), capture_output=True, text=True, timeout=240)
    if run.returncode not in (0, 1):
        print(f"scipy_check: engage-stats exited {run.returncode}: {run.stderr}")
        return 1
    results = json.loads(run.stdout)
    d = Discrepancies()
    for i, (request, result) in enumerate(zip(requests, results)):
        check_experiment(d, i, request, result)
    print(f"scipy_check: {args.cases} experiments (seed {SEED}), SciPy {__import__('scipy').__version__}, "
          f"comparisons by test: {d.tests}")
    for what in TOLERANCE:
        print(f"  {what:14s} {d.count[what]:6d} values, max relative difference {d.worst[what]:.2e} (tolerance {TOLERANCE[what]:.0e})")
    for failure in d.failures[:20]:
        print("  FAIL " + failure)
    if d.failures:
        print(f"scipy_check: {len(d.failures)} disagreements")
        return 1
    print("scipy_check: all values agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
