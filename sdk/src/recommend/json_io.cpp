#include "recommend/json_io.h"

#include <algorithm>
#include <cmath>

namespace engage::recommend::detail {
namespace {

using engage::detail::member;

// Ids may arrive as strings or integers (numeric catalogue ids); both become strings.
bool idFrom(const Json& v, const RequestLimits& limits, std::string& out) {
  if (v.is_string()) {
    out = v.get<std::string>();
  } else if (v.is_number_integer()) {
    out = v.is_number_unsigned() ? std::to_string(v.get<uint64_t>()) : std::to_string(v.get<int64_t>());
  } else {
    return false;
  }
  return !out.empty() && out.size() <= limits.maxIdLength;
}

bool readIds(const Json& j, const char* key, const RequestLimits& limits, std::vector<std::string>& out,
             std::string& error) {
  const Json* v = member(j, key);
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_array() || v->size() > limits.maxListLength) {
    error = std::string(key) + " must be an array of at most " + std::to_string(limits.maxListLength) + " ids";
    return false;
  }
  for (const Json& e : *v) {
    std::string id;
    if (!idFrom(e, limits, id)) {
      error = std::string(key) + " holds an invalid id";
      return false;
    }
    out.push_back(std::move(id));
  }
  return true;
}

bool readHistory(const Json& j, const RequestLimits& limits, std::vector<HistoryEvent>& out,
                 std::string& error) {
  const Json* v = member(j, "history");
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_array() || v->size() > limits.maxHistoryLength) {
    error = "history must be an array of at most " + std::to_string(limits.maxHistoryLength) + " events";
    return false;
  }
  for (const Json& e : *v) {
    HistoryEvent h;
    const Json* item = member(e, "item");
    if (item == nullptr || !idFrom(*item, limits, h.item)) {
      error = "history events need an item id";
      return false;
    }
    h.tsMs = engage::detail::integerOr(e, "ts", 0);
    h.weight = engage::detail::numberOr(e, "weight", 1.0);
    if (!std::isfinite(h.weight) || h.weight < 0) h.weight = 0;
    out.push_back(std::move(h));
  }
  return true;
}

bool readBoosts(const Json& boost, const char* key, const RequestLimits& limits,
                std::map<std::string, double>& out, std::string& error) {
  const Json* v = member(boost, key);
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_object() || v->size() > limits.maxListLength) {
    error = std::string("filter.boost.") + key + " must be an object of factors";
    return false;
  }
  for (auto it = v->begin(); it != v->end(); ++it) {
    if (!it.value().is_number() || it.key().empty() || it.key().size() > limits.maxIdLength) {
      error = std::string("filter.boost.") + key + " holds an invalid entry";
      return false;
    }
    out[it.key()] = it.value().get<double>();
  }
  return true;
}

bool readFilter(const Json& j, const RequestLimits& limits, Filter& f, std::string& error) {
  const Json* v = member(j, "filter");
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_object()) {
    error = "filter must be an object";
    return false;
  }
  f.excludeSession = engage::detail::boolOr(*v, "excludeSession", false);
  f.maxPerCategory = static_cast<int>(
      std::clamp<int64_t>(engage::detail::integerOr(*v, "maxPerCategory", 0), 0, limits.maxCount));
  if (!readIds(*v, "categories", limits, f.categories, error) ||
      !readIds(*v, "excludeCategories", limits, f.excludeCategories, error) ||
      !readIds(*v, "excludeItems", limits, f.excludeItems, error) || !readIds(*v, "pin", limits, f.pin, error)) {
    return false;
  }
  const Json* boost = member(*v, "boost");
  if (boost == nullptr || boost->is_null()) return true;
  return readBoosts(*boost, "items", limits, f.boostItems, error) &&
         readBoosts(*boost, "categories", limits, f.boostCategories, error);
}

bool readScalars(const Json& j, const RequestLimits& limits, Request& r, std::string& error) {
  std::string context = engage::detail::stringOr(j, "context", "home");
  if (context == "home") r.context = Context::Home;
  else if (context == "product") r.context = Context::Product;
  else if (context == "cart") r.context = Context::Cart;
  else {
    error = "context must be home, product or cart";
    return false;
  }
  const Json* item = member(j, "item");
  if (item != nullptr && !item->is_null() && !idFrom(*item, limits, r.item)) {
    error = "item must be a product id";
    return false;
  }
  std::optional<Method> method = methodFromName(engage::detail::stringOr(j, "method", "engage"));
  if (!method) {
    error = "method must be engage, vstan, stan, vsknn, sr or popular";
    return false;
  }
  r.method = *method;
  r.k = static_cast<int>(std::clamp<int64_t>(engage::detail::integerOr(j, "k", 10), 0, limits.maxCount));
  r.nowMs = engage::detail::integerOr(j, "now", 0);
  return true;
}

}  // namespace

RequestParse requestFromJsonValue(const Json& j, const RequestLimits& limits) {
  RequestParse parse;
  if (!j.is_object()) {
    parse.error = "the request must be a JSON object";
    return parse;
  }
  Request r;
  std::string& error = parse.error;
  if (readScalars(j, limits, r, error) && readIds(j, "session", limits, r.session, error) &&
      readIds(j, "cart", limits, r.cart, error) && readIds(j, "purchased", limits, r.purchased, error) &&
      readHistory(j, limits, r.history, error) && readFilter(j, limits, r.filter, error)) {
    parse.request = std::move(r);
  }
  return parse;
}

Json recommendationsToJsonValue(const std::vector<Recommendation>& results) {
  Json out = Json::array();
  for (const Recommendation& r : results) {
    Json e = Json::object();
    e["id"] = r.id;
    e["score"] = std::isfinite(r.score) ? r.score : 0.0;
    e["reason"] = r.reasonText();
    e["reasonCode"] = reasonCodeName(r.reason);
    if (!r.because.empty()) e["because"] = r.because;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace engage::recommend::detail

namespace engage::recommend {

RequestParse requestFromJson(std::string_view json, const RequestLimits& limits) {
  std::optional<engage::detail::Json> parsed = engage::detail::parseJson(json);
  if (!parsed) return RequestParse{std::nullopt, "invalid JSON"};
  return detail::requestFromJsonValue(*parsed, limits);
}

std::string recommendationsToJson(const std::vector<Recommendation>& results) {
  return engage::detail::dumpJson(detail::recommendationsToJsonValue(results));
}

}  // namespace engage::recommend
