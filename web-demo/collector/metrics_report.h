// Engagement and commerce figures across all visitors (issue 3), computed with the SAME core code the
// page runs (engage/engagement.h): each visitor's stored events are replayed through an Engagement
// (replayVisitor) and the per-visitor totals are summed and derived (mergeTotals, aggregateVisitors).
//
// Definitions (the figures themselves: docs/METRICS.md):
//   range    events with from <= timestamp < to (range_query.h); a visitor is replayed from its first
//            event in the range, so a session that began before `from` starts at `from`.
//   as of    sessions still open at min(now, to) stay open (counted so far, not yet abandoned); the
//            others were ended by their timeout, as the device would have ended them.
//   series   one bucket per UTC day (or hour) from the range's start (else the first event's bucket)
//            to its end (else the last event's bucket), empty buckets included: a bucket's figures
//            are exactly the overall figures of the query from=bucket start&to=bucket end.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "collector_config.h"
#include "engage/engagement.h"
#include "event_store.h"

namespace engage::collector {

enum class SeriesInterval { Day, Hour };

struct MetricsQuery {
  TimeRange range;
  SeriesInterval interval = SeriesInterval::Day;
  int64_t nowMs = 0;  // the collector's clock: sessions open at min(now, to) stay open
};

struct MetricsBucket {
  int64_t startMs = 0;
  EngagementTotals totals;  // summed over the visitors active in the bucket
};

struct MetricsReport {
  EngagementTotals totals;             // summed over every visitor in the range
  std::vector<MetricsBucket> series;   // consecutive buckets, oldest first
  bool truncated = false;              // an open range spanned more than maxSeriesBuckets: the latest kept
};

enum class MetricsError { None, StoreFailed, RangeTooLong };

// std::nullopt and *error set when the store failed, or when an explicit range needs more than
// limits.maxSeriesBuckets buckets.
std::optional<MetricsReport> reportMetrics(EventStore& store, const MetricsQuery& query, const AnalysisLimits& limits,
                                           MetricsError* error);

int64_t intervalMs(SeriesInterval interval);

}  // namespace engage::collector
