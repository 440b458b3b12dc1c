// The device's engagement score: recency, frequency and monetary value (RFM), each scaled to 0..1 and
// combined with the configured weights into 0..100. Defined in docs/METRICS.md.
#pragma once

#include <cstdint>

#include "base/json_access.h"
#include "engage/engagement.h"
#include "metrics/json_writer.h"

namespace engage::detail {

struct EngagementScore {
  double recency = 0;    // 0.5 ^ (days since last visit / recencyHalfLifeDays); 0 if never seen
  double frequency = 0;  // min(1, ln(1 + sessions) / ln(1 + frequencyCapSessions))
  double monetary = 0;   // min(1, ln(1 + revenue) / ln(1 + monetaryCapRevenue))
  int64_t score = 0;     // round(100 * weighted mean of the three)
};

EngagementScore engagementScore(const EngagementTotals& totals, int64_t nowMs, const EngagementConfig& config);

// Fractional days from `sinceMs` to `nowMs` (never negative); -1 when sinceMs is 0 (never).
double daysSince(int64_t sinceMs, int64_t nowMs);

// {"score","recency","frequency","monetary"}
void writeScore(JsonWriter& out, const EngagementScore& score);
Json scoreJson(const EngagementScore& score);

}  // namespace engage::detail
