#include "table.h"

#include <cstdio>
#include <string>

namespace engage::tools {
namespace {

std::string format(const char* pattern, double a, double b = 0, double c = 0) {
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, pattern, a, b, c);
  return buffer;
}

std::string pad(const std::string& text, size_t width) {
  return text.size() >= width ? text + " " : text + std::string(width - text.size(), ' ');
}

// Conversion metrics show rates and absolute lifts in percentage points; mean metrics in their unit.
std::string value(double x, bool percent) { return percent ? format("%.2f%%", 100 * x) : format("%.4g", x); }

std::string lift(const stats::LiftEstimate& l, bool percent) {
  if (!l.available) return "-";
  const double scale = percent ? 100 : 1;
  const char* pattern = percent ? "%+.2f%% [%+.2f%%, %+.2f%%]" : "%+.4g [%+.4g, %+.4g]";
  return format(pattern, scale * l.estimate, scale * l.ci.lower, scale * l.ci.upper);
}

std::string row(const stats::VariationResult& v, bool proportion) {
  std::string line = pad(v.id + (v.baseline ? " (baseline)" : ""), 16) + pad(std::to_string(v.users), 10) +
                     pad(value(v.mean, proportion), 11);
  if (v.baseline) return line.erase(line.find_last_not_of(' ') + 1);
  line += pad(lift(v.absolute, proportion), 34) + pad(lift(v.relative, true), 34);
  line += pad(v.relative.available ? format("%.4f", v.relative.pValue) : "-", 9);
  line += pad(v.bayesian.available ? format("%.1f%%", 100 * v.bayesian.chanceToWin) : "-", 8);
  if (!v.note.empty()) line += "(" + v.note + ")";
  return line.erase(line.find_last_not_of(' ') + 1);
}

}  // namespace

std::string renderTable(const stats::AnalysisResult& r) {
  if (!r.ok) return "error " + r.error.code + ": " + r.error.message + "\n";
  const bool proportion = r.type == stats::MetricType::Proportion;
  const double level = 100 * (1 - r.options.alpha);
  std::string out = "experiment " + r.experiment + ", metric " + r.metric + " (" +
                    (proportion ? "proportion" : "mean") + "), " +
                    (r.options.sequential ? "sequential" : "fixed-horizon") + format(", %.0f%% intervals\n", level);
  out += pad("variation", 16) + pad("users", 10) + pad(proportion ? "rate" : "mean", 11) +
         pad("absolute lift [CI]", 34) + pad("relative lift [CI]", 34) + pad("p (rel)", 9) + "P(win)\n";
  for (const stats::VariationResult& v : r.variations) out += row(v, proportion) + "\n";
  out += format("SRM: chi-square %.3f, dof %.0f, p = %.3g: ", r.srm.chiSquare, r.srm.dof, r.srm.pValue);
  out += r.srm.mismatch ? "SAMPLE RATIO MISMATCH, do not trust these results\n" : "ok\n";
  return out;
}

}  // namespace engage::tools
