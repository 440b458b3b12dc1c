#include "metrics/score.h"

#include <algorithm>
#include <cmath>

namespace engage::detail {
namespace {

constexpr double kMsPerDay = 86'400'000.0;

double logScale(double value, double cap) {
  if (value <= 0 || cap <= 0) return 0;
  return std::min(1.0, std::log1p(value) / std::log1p(cap));
}

}  // namespace

double daysSince(int64_t sinceMs, int64_t nowMs) {
  if (sinceMs == 0) return -1;
  return std::max(0.0, static_cast<double>(nowMs - sinceMs) / kMsPerDay);
}

EngagementScore engagementScore(const EngagementTotals& totals, int64_t nowMs, const EngagementConfig& config) {
  EngagementScore s;
  double days = daysSince(totals.lastSeenMs, nowMs);
  if (days >= 0) {
    s.recency = config.recencyHalfLifeDays > 0 ? std::pow(0.5, days / config.recencyHalfLifeDays) : 0;
  }
  s.frequency = logScale(static_cast<double>(totals.sessions), config.frequencyCapSessions);
  s.monetary = logScale(totals.revenue, config.monetaryCapRevenue);
  double weights = config.recencyWeight + config.frequencyWeight + config.monetaryWeight;
  if (weights > 0) {
    double mean = (config.recencyWeight * s.recency + config.frequencyWeight * s.frequency +
                   config.monetaryWeight * s.monetary) / weights;
    s.score = std::lround(100 * std::clamp(mean, 0.0, 1.0));
  }
  return s;
}

void writeScore(JsonWriter& out, const EngagementScore& score) {
  out.beginObject()
      .field("score", score.score)
      .field("recency", score.recency)
      .field("frequency", score.frequency)
      .field("monetary", score.monetary)
      .endObject();
}

Json scoreJson(const EngagementScore& score) {
  JsonWriter out;
  writeScore(out, score);
  return parseJson(out.text()).value_or(Json::object());
}

}  // namespace engage::detail
