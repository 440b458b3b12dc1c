#include "analysis_api.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "experiment_report.h"
#include "iso_time.h"
#include "metrics_report.h"
#include "range_query.h"

namespace engage::collector {
namespace {

using Json = nlohmann::ordered_json;  // answers keep their documented key order

ApiResponse jsonResponse(const Json& body) {
  ApiResponse response;
  response.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return response;
}

Json isoOrNull(const std::optional<int64_t>& ms) { return ms ? Json(formatIsoTimestamp(*ms)) : Json(); }

std::string param(const QueryParams& query, const char* name, const std::string& fallback) {
  auto it = query.find(name);
  return it == query.end() || it->second.empty() ? fallback : it->second;
}

Json listingJson(const ExperimentListing& l) {
  Json variations = Json::array();
  for (const VariationListing& v : l.variations) variations.push_back(Json{{"id", v.id}, {"visitors", v.visitors}});
  return Json{{"id", l.id},
              {"visitors", l.visitors},
              {"exposures", l.exposures},
              {"firstExposure", formatIsoTimestamp(l.firstExposureMs)},
              {"lastExposure", formatIsoTimestamp(l.lastExposureMs)},
              {"variations", std::move(variations)}};
}

Json summariesJson(const ExperimentReport& report) {
  Json variations = Json::array();
  for (const stats::VariationSummary& v : report.data.variations) {
    Json row = {{"id", v.id}, {"visitors", v.users}};
    if (report.data.type == stats::MetricType::Proportion) {
      row["conversions"] = v.sum;
    } else {
      row["sum"] = v.sum;
      row["sumSquares"] = v.sumSquares;
    }
    variations.push_back(std::move(row));
  }
  return variations;
}

// The design weights the SRM check used: the exposures' own, else equal.
std::vector<double> effectiveWeights(const stats::ExperimentData& data) {
  if (!data.weights.empty()) return data.weights;
  return std::vector<double>(data.variations.size(), 1.0 / static_cast<double>(data.variations.size()));
}

// Reads metric, goal and sequential into `out`; "" or the reason the query is refused.
std::string readExperimentQuery(const QueryParams& query, ExperimentQuery& out) {
  std::string metric = param(query, "metric", "conversion");
  if (metric != "conversion" && metric != "revenue") return "metric must be conversion or revenue";
  out.metric = metric == "revenue" ? GoalMetric::Revenue : GoalMetric::Conversion;
  out.goal = param(query, "goal", out.goal);
  std::string sequential = param(query, "sequential", "false");
  if (sequential != "true" && sequential != "false" && sequential != "1" && sequential != "0") {
    return "sequential must be true or false";
  }
  out.options.sequential = sequential == "true" || sequential == "1";
  return "";
}

}  // namespace

ApiResponse AnalysisApi::getExperiments(const QueryParams& query) {
  std::string error;
  std::optional<TimeRange> range = parseRangeQuery(query, &error);
  if (!range) return errorResponse(400, "invalid_query", error);
  auto listings = listExperiments(store_, *range);
  if (!listings) return errorResponse(503, "storage_error", "the events could not be read");
  Json experiments = Json::array();
  for (const ExperimentListing& l : *listings) experiments.push_back(listingJson(l));
  return jsonResponse(Json{{"experiments", std::move(experiments)}});
}

ApiResponse AnalysisApi::getExperiment(const std::string& id, const QueryParams& query) {
  ExperimentQuery request;
  request.experiment = id;
  std::string error = readExperimentQuery(query, request);
  std::optional<TimeRange> range = error.empty() ? parseRangeQuery(query, &error) : std::nullopt;
  if (!range) return errorResponse(400, "invalid_query", error);
  request.range = *range;
  std::optional<ExperimentReport> report = reportExperiment(store_, request);
  if (!report) return errorResponse(503, "storage_error", "the events could not be read");
  if (!report->found) return errorResponse(404, "not_found", "no exposure to experiment '" + id + "' in the range");
  return jsonResponse(Json{{"ok", true},
                           {"experiment", id},
                           {"goal", request.goal},
                           {"metric", request.metric == GoalMetric::Revenue ? "revenue" : "conversion"},
                           {"from", isoOrNull(request.range.fromMs)},
                           {"to", isoOrNull(request.range.untilMs)},
                           {"weights", effectiveWeights(report->data)},
                           {"weightsSource", report->weightsFromExposures ? "exposures" : "equal"},
                           {"multipleVariations", report->multipleVariations},
                           {"goalsBeforeExposure", report->goalsBeforeExposure},
                           {"variations", summariesJson(*report)},
                           {"analysis", Json(stats::toJson(report->analysis))}});
}

ApiResponse AnalysisApi::getMetrics(const QueryParams& query) {
  MetricsQuery request;
  std::string interval = param(query, "interval", "day");
  if (interval != "day" && interval != "hour") return errorResponse(400, "invalid_query", "interval must be day or hour");
  request.interval = interval == "hour" ? SeriesInterval::Hour : SeriesInterval::Day;
  std::string error;
  std::optional<TimeRange> range = parseRangeQuery(query, &error);
  if (!range) return errorResponse(400, "invalid_query", error);
  request.range = *range;
  request.nowMs = clock_.wallMs();
  MetricsError failure = MetricsError::None;
  std::optional<MetricsReport> report = reportMetrics(store_, request, limits_, &failure);
  if (failure == MetricsError::RangeTooLong) {
    return errorResponse(400, "invalid_query", "the range needs more than " + std::to_string(limits_.maxSeriesBuckets) +
                                                   " " + interval + "s; use a longer interval or a shorter range");
  }
  if (!report) return errorResponse(503, "storage_error", "the events could not be read");
  Json series = Json::array();
  const int64_t width = intervalMs(request.interval);
  for (const MetricsBucket& bucket : report->series) {
    nlohmann::json figures = aggregateVisitors({bucket.totals});
    figures.erase("funnel");
    figures.erase("totals");
    Json point = {{"start", formatIsoTimestamp(bucket.startMs)}, {"end", formatIsoTimestamp(bucket.startMs + width)}};
    for (auto it = figures.begin(); it != figures.end(); ++it) point[it.key()] = *it;
    series.push_back(std::move(point));
  }
  const int64_t asOf = request.range.untilMs ? std::min(request.nowMs, *request.range.untilMs) : request.nowMs;
  return jsonResponse(Json{{"ok", true},
                           {"from", isoOrNull(request.range.fromMs)},
                           {"to", isoOrNull(request.range.untilMs)},
                           {"asOf", formatIsoTimestamp(asOf)},
                           {"interval", interval},
                           {"figures", Json(aggregateVisitors({report->totals}))},
                           {"series", std::move(series)},
                           {"truncated", report->truncated}});
}

}  // namespace engage::collector
