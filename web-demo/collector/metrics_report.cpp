#include "metrics_report.h"

#include <algorithm>
#include <iterator>
#include <map>

#include "base/json_access.h"

namespace engage::collector {
namespace {

// The bucket holding `ms`: floor division, so times before 1970 fall in the right bucket too.
int64_t bucketOf(int64_t ms, int64_t width) {
  int64_t q = ms / width;
  if (ms % width != 0 && ms < 0) --q;
  return q * width;
}

// Every event for replay (the stored JSON was validated on the way in; an unreadable one replays
// as an empty object, which the core ignores).
std::vector<TimedEvent> timed(const std::vector<StoredEvent>& events) {
  std::vector<TimedEvent> out;
  out.reserve(events.size());
  for (const StoredEvent& e : events) {
    std::optional<detail::Json> event = detail::parseJson(e.json);
    out.push_back(TimedEvent{event && event->is_object() ? std::move(*event) : detail::Json::object(), e.timestampMs});
  }
  return out;
}

// The first and last bucket of the series, before the cap: from the range's start (else the first
// event) to its end (else the last event); an end in the future stops at now.
std::pair<int64_t, int64_t> seriesSpan(const MetricsQuery& query, int64_t width, int64_t firstEvent, int64_t lastEvent) {
  int64_t first = bucketOf(query.range.fromMs.value_or(firstEvent), width);
  int64_t end = query.range.untilMs ? std::min(*query.range.untilMs, std::max(query.nowMs, lastEvent) + 1) : lastEvent + 1;
  return {first, std::max(first, bucketOf(end - 1, width))};
}

}  // namespace

int64_t intervalMs(SeriesInterval interval) { return interval == SeriesInterval::Hour ? 3600000 : 86400000; }

std::optional<MetricsReport> reportMetrics(EventStore& store, const MetricsQuery& query, const AnalysisLimits& limits,
                                           MetricsError* error) {
  const int64_t width = intervalMs(query.interval);
  const int64_t asOf = query.range.untilMs ? std::min(query.nowMs, *query.range.untilMs) : query.nowMs;
  const EngagementConfig config;
  MetricsReport report;
  std::map<int64_t, EngagementTotals> buckets;
  int64_t firstEvent = INT64_MAX, lastEvent = INT64_MIN;
  bool ok = store.forEachVisitor(query.range, [&](const std::string&, const std::vector<StoredEvent>& events) {
    firstEvent = std::min(firstEvent, events.front().timestampMs);
    lastEvent = std::max(lastEvent, events.back().timestampMs);
    // A client clock ahead of ours can put events after `asOf`: their session stays open.
    const int64_t visitorAsOf = std::max(asOf, events.back().timestampMs);
    std::vector<TimedEvent> all = timed(events);
    mergeTotals(report.totals, replayVisitor(all, config, visitorAsOf).totals);
    for (auto begin = all.begin(); begin != all.end();) {
      int64_t bucket = bucketOf(begin->wallMs, width);
      auto end = std::find_if(begin, all.end(), [&](const TimedEvent& e) { return bucketOf(e.wallMs, width) != bucket; });
      // As the query from=bucket&to=bucket end replays it.
      int64_t bucketAsOf = std::max(std::min(asOf, bucket + width), std::prev(end)->wallMs);
      mergeTotals(buckets[bucket], replayVisitor(std::vector<TimedEvent>(begin, end), config, bucketAsOf).totals);
      begin = end;
    }
    return true;
  });
  if (!ok) {
    if (error) *error = MetricsError::StoreFailed;
    return std::nullopt;
  }
  if (firstEvent == INT64_MAX && !query.range.fromMs) return report;  // nothing stored, no range: no series
  if (firstEvent == INT64_MAX) firstEvent = lastEvent = *query.range.fromMs;
  auto [first, last] = seriesSpan(query, width, firstEvent, lastEvent);
  int64_t count = (last - first) / width + 1;
  if (count > limits.maxSeriesBuckets) {
    if (query.range.fromMs && query.range.untilMs) {
      if (error) *error = MetricsError::RangeTooLong;
      return std::nullopt;
    }
    report.truncated = true;
    first = last - (limits.maxSeriesBuckets - 1) * width;
  }
  for (int64_t start = first; start <= last; start += width) {
    auto it = buckets.find(start);
    report.series.push_back(MetricsBucket{start, it == buckets.end() ? EngagementTotals{} : it->second});
  }
  if (error) *error = MetricsError::None;
  return report;
}

}  // namespace engage::collector
