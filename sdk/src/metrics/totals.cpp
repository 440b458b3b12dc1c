// EngagementTotals: merging and the JSON form stored in <prefix>lifetime and sent to the collector.
#include <algorithm>

#include "base/json_access.h"
#include "engage/engagement.h"
#include "metrics/figures.h"

namespace engage {
namespace {

using detail::Json;

// Earliest non-zero time (0 means "never").
int64_t earliest(int64_t a, int64_t b) {
  if (a == 0) return b;
  if (b == 0) return a;
  return std::min(a, b);
}

// The counters in one table so merge, toJson and fromJson cannot drift apart.
struct CounterField {
  const char* name;
  int64_t EngagementTotals::*field;
};

constexpr CounterField kCounters[] = {
    {"visitors", &EngagementTotals::visitors},
    {"sessions", &EngagementTotals::sessions},
    {"endedSessions", &EngagementTotals::endedSessions},
    {"pageViews", &EngagementTotals::pageViews},
    {"durationMs", &EngagementTotals::durationMs},
    {"engagedMs", &EngagementTotals::engagedMs},
    {"engagedSessions", &EngagementTotals::engagedSessions},
    {"convertedSessions", &EngagementTotals::convertedSessions},
    {"cartSessions", &EngagementTotals::cartSessions},
    {"cartSessionsEnded", &EngagementTotals::cartSessionsEnded},
    {"cartsAbandoned", &EngagementTotals::cartsAbandoned},
    {"checkoutSessions", &EngagementTotals::checkoutSessions},
    {"checkoutSessionsEnded", &EngagementTotals::checkoutSessionsEnded},
    {"checkoutsAbandoned", &EngagementTotals::checkoutsAbandoned},
    {"orders", &EngagementTotals::orders},
    {"purchasers", &EngagementTotals::purchasers},
    {"repeatPurchasers", &EngagementTotals::repeatPurchasers},
};

}  // namespace

void mergeTotals(EngagementTotals& into, const EngagementTotals& add) {
  for (const CounterField& c : kCounters) into.*c.field += add.*c.field;
  into.revenue += add.revenue;
  for (size_t i = 0; i < into.funnel.size(); ++i) into.funnel[i] += add.funnel[i];
  into.firstSeenMs = earliest(into.firstSeenMs, add.firstSeenMs);
  into.lastSeenMs = std::max(into.lastSeenMs, add.lastSeenMs);
  into.lastOrderMs = std::max(into.lastOrderMs, add.lastOrderMs);
}

void detail::writeTotals(JsonWriter& out, const EngagementTotals& totals) {
  out.beginObject();
  for (const CounterField& c : kCounters) out.field(c.name, totals.*c.field);
  out.field("revenue", totals.revenue);
  out.key("funnel").beginArray();
  for (int64_t n : totals.funnel) out.value(n);
  out.endArray();
  out.field("firstSeenMs", totals.firstSeenMs).field("lastSeenMs", totals.lastSeenMs);
  out.field("lastOrderMs", totals.lastOrderMs);
  out.endObject();
}

nlohmann::json totalsToJson(const EngagementTotals& totals) {
  detail::JsonWriter out;
  detail::writeTotals(out, totals);
  return detail::parseJson(out.text()).value_or(Json::object());
}

EngagementTotals totalsFromJson(const nlohmann::json& json) {
  EngagementTotals t;
  for (const CounterField& c : kCounters) t.*c.field = std::max<int64_t>(0, detail::integerOr(json, c.name, 0));
  t.revenue = std::max(0.0, detail::numberOr(json, "revenue", 0));
  const Json* funnel = detail::member(json, "funnel");
  if (funnel && funnel->is_array()) {
    for (size_t i = 0; i < t.funnel.size() && i < funnel->size(); ++i) {
      const Json& v = (*funnel)[i];
      t.funnel[i] = v.is_number() ? static_cast<int64_t>(std::clamp(v.get<double>(), 0.0, 9.0e15)) : 0;
    }
  }
  t.firstSeenMs = detail::integerOr(json, "firstSeenMs", 0);
  t.lastSeenMs = detail::integerOr(json, "lastSeenMs", 0);
  t.lastOrderMs = detail::integerOr(json, "lastOrderMs", 0);
  return t;
}

}  // namespace engage
