// The collector's analysis routes, as plain functions of (query) -> ApiResponse like CollectorApi:
// cross-visitor engagement and commerce metrics (issue 3) and experiment results (issue 5). They read
// the store through EventStore::forEachVisitor, so every engine serves them.
#pragma once

#include <string>

#include "api_types.h"
#include "collector_config.h"
#include "engage/platform.h"
#include "event_store.h"

namespace engage::collector {

class AnalysisApi {
 public:
  // store and clock outlive the api; the clock decides which sessions are still open.
  AnalysisApi(EventStore& store, Clock& clock, AnalysisLimits limits = {})
      : store_(store), clock_(clock), limits_(limits) {}

  // GET /v1/metrics?from=&to=&interval=day|hour (interval defaults to day) ->
  //   {"ok":true,"from","to" (ISO or null),"asOf","interval",
  //    "figures": engage::aggregateVisitors() over every visitor in the range: visitors, sessions,
  //               pagesPerSession, avgDurationMs, avgEngagedMs, bounceRate, conversionRate,
  //               cartAbandonmentRate, checkoutAbandonmentRate, averageOrderValue, purchaseFrequency,
  //               repeatPurchaseRate, ... and "funnel":[{step,sessions,fromPrevious,dropOff}] and
  //               "totals" (docs/METRICS.md),
  //    "series":[{"start","end", ...the same figures for that bucket, without funnel and totals}],
  //    "truncated": bool}
  // 400 invalid_query for a bad range or interval, or a range needing more than
  // AnalysisLimits::maxSeriesBuckets buckets. Definitions: metrics_report.h.
  ApiResponse getMetrics(const QueryParams& query);

  // GET /v1/experiments?from=&to= ->
  //   {"experiments":[{"id","visitors","exposures","firstExposure","lastExposure",
  //                    "variations":[{"id","visitors"}]}]}   (ids in order; times ISO 8601)
  // 400 invalid_query for a bad range (range_query.h).
  ApiResponse getExperiments(const QueryParams& query);

  // GET /v1/experiments/<id>?goal=<event>&metric=conversion|revenue&from=&to=&sequential=true|false
  //   goal defaults to "Order Completed", metric to conversion, sequential to false. ->
  //   {"ok":true,"experiment","goal","metric","from","to" (ISO or null),
  //    "weights":[...],"weightsSource":"exposures"|"equal","multipleVariations":n,
  //    "goalsBeforeExposure":n,
  //    "variations":[{"id","visitors","conversions"} | {"id","visitors","sum","sumSquares"}],
  //    "analysis": engage::stats::toJson(AnalysisResult) (lifts, intervals, p-values, chance to
  //                win, "srm":{"pValue","mismatch",...}; or {"ok":false,"error"} when the data
  //                cannot be analysed, e.g. a single variation)}
  // 404 not_found when nobody was exposed to the experiment in the range; 400 invalid_query for a
  // bad metric, range or sequential value. Definitions: experiment_report.h.
  ApiResponse getExperiment(const std::string& id, const QueryParams& query);

 private:
  EventStore& store_;
  Clock& clock_;
  AnalysisLimits limits_;
};

}  // namespace engage::collector
