#include "experiment_report.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "base/json_access.h"

namespace engage::collector {
namespace {

using detail::Json;

struct Exposure {
  std::string experiment;
  std::string variation;
  std::optional<int64_t> index;
  std::vector<double> weights;  // empty when the event carries none
};

// A property read under either spelling (camelCase first).
const Json* either(const Json& properties, const char* camel, const char* snake) {
  const Json* value = detail::member(properties, camel);
  return value && !value->is_null() ? value : detail::member(properties, snake);
}

// An id as text: a string as is, an integer in decimal; anything else "".
std::string idText(const Json* value) {
  if (!value) return "";
  if (value->is_string()) return value->get<std::string>();
  if (value->is_number_integer()) return std::to_string(value->get<int64_t>());
  if (value->is_number_unsigned()) return std::to_string(value->get<uint64_t>());
  return "";
}

std::optional<Exposure> readExposure(const StoredEvent& e) {
  if (e.type != "track" || e.event != kExposureEvent) return std::nullopt;
  std::optional<Json> event = detail::parseJson(e.json);
  const Json* properties = event ? detail::member(*event, "properties") : nullptr;
  if (!properties || !properties->is_object()) return std::nullopt;
  Exposure x;
  x.experiment = idText(either(*properties, "experimentId", "experiment_id"));
  x.variation = idText(either(*properties, "variationId", "variation_id"));
  if (x.experiment.empty() || x.variation.empty()) return std::nullopt;
  const Json* index = either(*properties, "variationIndex", "variation_index");
  if (index && index->is_number_integer() && index->get<int64_t>() >= 0) x.index = index->get<int64_t>();
  const Json* weights = detail::member(*properties, "weights");
  if (weights && weights->is_array()) {
    for (const Json& w : *weights) {
      if (!w.is_number() || !std::isfinite(w.get<double>()) || w.get<double>() < 0) {
        x.weights.clear();
        break;
      }
      x.weights.push_back(w.get<double>());
    }
  }
  return x;
}

// Decimal ids in numeric order ("2" before "10"), other ids as text, decimal ids first.
bool idLess(const std::string& a, const std::string& b) {
  auto decimal = [](const std::string& s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos; };
  bool da = decimal(a), db = decimal(b);
  if (da != db) return da;
  if (da && a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

struct VariationSeen {
  std::optional<int64_t> index;
  int64_t visitors = 0;
};

// What the scan learns about one experiment's variations and design.
struct Design {
  std::map<std::string, VariationSeen> variations;
  std::vector<double> weights;  // the first exposure's weights that had any

  void note(const Exposure& x) {
    VariationSeen& v = variations[x.variation];
    if (!v.index) v.index = x.index;
    if (weights.empty()) weights = x.weights;
  }
  // Variation ids in order: by index where every variation has one, else by id.
  std::vector<std::string> order() const {
    std::vector<std::string> ids;
    bool indexed = true;
    for (const auto& [id, v] : variations) {
      ids.push_back(id);
      indexed = indexed && v.index.has_value();
    }
    std::sort(ids.begin(), ids.end(), [&](const std::string& a, const std::string& b) {
      if (indexed && *variations.at(a).index != *variations.at(b).index) {
        return *variations.at(a).index < *variations.at(b).index;
      }
      return idLess(a, b);
    });
    return ids;
  }
  // The design's weights in `order()`, or empty when they cannot be trusted: every variation needs
  // a distinct index below weights.size(); indices nobody was exposed to are added to `ids` (with
  // their index as id) so that a starved variation shows as a mismatch instead of vanishing.
  std::vector<double> weightsFor(std::vector<std::string>& ids) const {
    if (weights.empty()) return {};
    std::vector<std::string> slots(weights.size());
    for (const auto& [id, v] : variations) {
      if (!v.index || *v.index >= static_cast<int64_t>(weights.size()) || !slots[*v.index].empty()) return {};
      slots[*v.index] = id;
    }
    for (std::size_t i = 0; i < slots.size(); ++i) {
      if (!slots[i].empty()) continue;
      slots[i] = std::to_string(i);
      if (variations.count(slots[i])) return {};
    }
    ids = slots;
    return weights;
  }
};

// The first exposure to `experiment` in a visitor's events, or events.size().
std::size_t firstExposure(const std::vector<StoredEvent>& events, const std::string& experiment, Exposure& out) {
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].event != kExposureEvent) continue;
    std::optional<Exposure> x = readExposure(events[i]);
    if (x && x->experiment == experiment) {
      out = std::move(*x);
      return i;
    }
  }
  return events.size();
}

double revenueOf(const StoredEvent& e) {
  std::optional<Json> event = detail::parseJson(e.json);
  const Json* properties = event ? detail::member(*event, "properties") : nullptr;
  if (!properties) return 0;
  for (const char* key : {"revenue", "total"}) {
    const Json* v = detail::member(*properties, key);
    if (v && v->is_number() && std::isfinite(v->get<double>())) return v->get<double>();
  }
  return 0;
}

struct VisitorOutcome {
  std::string variation;
  double value = 0;
  bool multiple = false;
  int64_t goalsBefore = 0;
};

VisitorOutcome outcome(const std::vector<StoredEvent>& events, std::size_t exposedAt, const Exposure& first,
                       const ExperimentQuery& query) {
  VisitorOutcome o;
  o.variation = first.variation;
  bool converted = false;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const StoredEvent& e = events[i];
    bool goal = e.type == "track" && e.event == query.goal;
    if (i < exposedAt) {
      o.goalsBefore += goal;
      continue;
    }
    if (i > exposedAt && e.event == kExposureEvent) {
      std::optional<Exposure> x = readExposure(e);
      o.multiple = o.multiple || (x && x->experiment == first.experiment && x->variation != first.variation);
    }
    if (goal && i > exposedAt) {
      converted = true;
      if (query.metric == GoalMetric::Revenue) o.value += revenueOf(e);
    }
  }
  if (query.metric == GoalMetric::Conversion) o.value = converted ? 1 : 0;
  return o;
}

}  // namespace

std::optional<std::vector<ExperimentListing>> listExperiments(EventStore& store, const TimeRange& range) {
  std::map<std::string, ExperimentListing> listings;
  std::map<std::string, Design> designs;
  bool ok = store.forEachVisitor(range, [&](const std::string&, const std::vector<StoredEvent>& events) {
    std::set<std::string> counted;  // experiments this visitor was already counted in
    for (const StoredEvent& e : events) {
      std::optional<Exposure> x = e.event == kExposureEvent ? readExposure(e) : std::nullopt;
      if (!x) continue;
      ExperimentListing& l = listings[x->experiment];
      l.id = x->experiment;
      l.firstExposureMs = l.exposures ? std::min(l.firstExposureMs, e.timestampMs) : e.timestampMs;
      l.lastExposureMs = l.exposures ? std::max(l.lastExposureMs, e.timestampMs) : e.timestampMs;
      ++l.exposures;
      Design& design = designs[x->experiment];
      design.note(*x);
      if (counted.insert(x->experiment).second) {
        ++l.visitors;
        ++design.variations[x->variation].visitors;
      }
    }
    return true;
  });
  if (!ok) return std::nullopt;
  std::vector<ExperimentListing> out;
  for (auto& [id, listing] : listings) {
    const Design& design = designs[id];
    for (const std::string& variation : design.order()) {
      listing.variations.push_back({variation, design.variations.at(variation).visitors});
    }
    out.push_back(std::move(listing));
  }
  return out;
}

std::optional<ExperimentReport> reportExperiment(EventStore& store, const ExperimentQuery& query) {
  ExperimentReport report;
  Design design;
  std::map<std::string, stats::VariationSummary> summaries;
  bool ok = store.forEachVisitor(query.range, [&](const std::string&, const std::vector<StoredEvent>& events) {
    Exposure first;
    std::size_t at = firstExposure(events, query.experiment, first);
    if (at == events.size()) return true;
    for (const StoredEvent& e : events) {
      std::optional<Exposure> x = e.event == kExposureEvent ? readExposure(e) : std::nullopt;
      if (x && x->experiment == query.experiment) design.note(*x);
    }
    VisitorOutcome o = outcome(events, at, first, query);
    stats::addVisitor(summaries[o.variation], o.value);
    report.multipleVariations += o.multiple;
    report.goalsBeforeExposure += o.goalsBefore;
    return true;
  });
  if (!ok) return std::nullopt;
  report.found = !summaries.empty();
  if (!report.found) return report;

  std::vector<std::string> ids = design.order();
  report.data.weights = design.weightsFor(ids);
  report.weightsFromExposures = !report.data.weights.empty();
  report.data.experiment = query.experiment;
  report.data.metric = query.goal;
  report.data.type = query.metric == GoalMetric::Revenue ? stats::MetricType::Mean : stats::MetricType::Proportion;
  for (const std::string& id : ids) {
    stats::VariationSummary summary = summaries.count(id) ? summaries.at(id) : stats::VariationSummary{};
    summary.id = id;
    report.data.variations.push_back(summary);
  }
  report.analysis = stats::analyze(report.data, query.options);
  return report;
}

}  // namespace engage::collector
