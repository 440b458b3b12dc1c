// The collector's analysis routes, as plain functions of (query) -> ApiResponse like CollectorApi:
// experiment results (issue 5) now, cross-visitor metrics beside them. They read the store through
// EventStore::forEachVisitor, so every engine serves them.
#pragma once

#include <string>

#include "api_types.h"
#include "event_store.h"

namespace engage::collector {

class AnalysisApi {
 public:
  explicit AnalysisApi(EventStore& store) : store_(store) {}

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
};

}  // namespace engage::collector
