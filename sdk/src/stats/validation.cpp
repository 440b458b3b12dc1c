#include "stats/validation.h"

#include <cmath>
#include <string>

namespace engage::detail {
namespace {

// Relative slack for sum^2 <= users * sumSquares, which rounding in the caller's sums may break slightly.
constexpr double kCauchySchwarzSlack = 1e-9;

stats::AnalysisError fail(const char* code, std::string message) { return {code, std::move(message)}; }

stats::AnalysisError validateVariation(const stats::VariationSummary& v, stats::MetricType type, size_t index) {
  const std::string where = "variation " + std::to_string(index) + " (" + v.id + "): ";
  if (v.users < 0) return fail("invalid_variation", where + "users must be >= 0");
  if (!std::isfinite(v.sum) || !std::isfinite(v.sumSquares)) {
    return fail("invalid_variation", where + "sums must be finite");
  }
  const double users = static_cast<double>(v.users);
  if (type == stats::MetricType::Proportion) {
    if (v.sum < 0 || v.sum > users) return fail("invalid_variation", where + "conversions must be in [0, users]");
    return {};
  }
  if (v.sumSquares < 0) return fail("invalid_variation", where + "sumSquares must be >= 0");
  if (v.sum * v.sum > users * v.sumSquares * (1.0 + kCauchySchwarzSlack)) {
    return fail("invalid_variation", where + "sum^2 exceeds users * sumSquares (inconsistent sums)");
  }
  return {};
}

stats::AnalysisError validateWeights(const std::vector<double>& weights, size_t variations) {
  if (weights.empty()) return {};
  if (weights.size() != variations) return fail("invalid_weights", "one weight per variation is required");
  double total = 0;
  for (double w : weights) {
    if (!std::isfinite(w) || w < 0) return fail("invalid_weights", "weights must be finite and >= 0");
    total += w;
  }
  if (!(total > 0)) return fail("invalid_weights", "weights must have a positive sum");
  return {};
}

}  // namespace

stats::AnalysisError validateOptions(const stats::AnalysisOptions& o) {
  if (!(o.alpha > 0 && o.alpha < 1)) return fail("invalid_options", "alpha must be in (0, 1)");
  if (!(o.sequentialTuning > 0) || !std::isfinite(o.sequentialTuning)) {
    return fail("invalid_options", "sequentialTuning must be a positive number");
  }
  if (!(o.srmThreshold >= 0 && o.srmThreshold <= 1)) return fail("invalid_options", "srmThreshold must be in [0, 1]");
  if (!std::isfinite(o.prior.mean) || (o.prior.proper && !(o.prior.variance > 0 && std::isfinite(o.prior.variance)))) {
    return fail("invalid_options", "a proper prior needs a finite mean and a positive variance");
  }
  if (o.maxVariations < 2) return fail("invalid_options", "maxVariations must be >= 2");
  return {};
}

stats::AnalysisError validateData(const stats::ExperimentData& data, const stats::AnalysisOptions& options) {
  const size_t count = data.variations.size();
  if (count < 2) return fail("invalid_experiment", "at least two variations (a baseline and one more) are required");
  if (count > static_cast<size_t>(options.maxVariations)) {
    return fail("invalid_experiment", "more than " + std::to_string(options.maxVariations) + " variations");
  }
  if (options.baseline < 0 || static_cast<size_t>(options.baseline) >= count) {
    return fail("invalid_options", "baseline index out of range");
  }
  for (size_t i = 0; i < count; ++i) {
    stats::AnalysisError e = validateVariation(data.variations[i], data.type, i);
    if (!e.code.empty()) return e;
  }
  return validateWeights(data.weights, count);
}

}  // namespace engage::detail
