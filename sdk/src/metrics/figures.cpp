// Rates, averages and the funnel, derived from additive totals: one code path for one device
// (metrics()) and for many (aggregateVisitors()). A rate whose denominator is 0 is reported as 0.
#include "metrics/figures.h"

#include <array>

namespace engage {
namespace detail {
namespace {

constexpr std::array<const char*, 4> kFunnelSteps = {"Product Viewed", "Product Added", "Checkout Started",
                                                     "Order Completed"};

double ratio(double numerator, double denominator) { return denominator > 0 ? numerator / denominator : 0; }
double ratio(int64_t numerator, int64_t denominator) {
  return ratio(static_cast<double>(numerator), static_cast<double>(denominator));
}

// Each step: sessions that reached it (a session reaching a later step counts for the earlier ones),
// the share of the previous step's sessions (all sessions before the first step) and the drop-off.
void writeFunnel(JsonWriter& out, const EngagementTotals& t) {
  out.beginArray();
  int64_t previous = t.sessions;
  for (size_t i = 0; i < kFunnelSteps.size(); ++i) {
    double kept = ratio(t.funnel[i], previous);
    out.beginObject()
        .field("step", kFunnelSteps[i])
        .field("sessions", t.funnel[i])
        .field("fromPrevious", kept)
        .field("dropOff", previous > 0 ? 1 - kept : 0.0)
        .endObject();
    previous = t.funnel[i];
  }
  out.endArray();
}

}  // namespace

void writeFigures(JsonWriter& out, const EngagementTotals& t) {
  int64_t bounces = t.sessions - t.engagedSessions;
  out.field("visitors", t.visitors)
      .field("sessions", t.sessions)
      .field("pageViews", t.pageViews)
      .field("pagesPerSession", ratio(t.pageViews, t.sessions))
      .field("durationMs", t.durationMs)
      .field("avgDurationMs", ratio(t.durationMs, t.sessions))
      .field("engagedMs", t.engagedMs)
      .field("avgEngagedMs", ratio(t.engagedMs, t.sessions))
      .field("engagedSessions", t.engagedSessions)
      .field("bounces", bounces)
      .field("bounceRate", ratio(bounces, t.sessions))
      .field("convertedSessions", t.convertedSessions)
      .field("conversionRate", ratio(t.convertedSessions, t.sessions))
      .field("carts", t.cartSessions)
      .field("cartsAbandoned", t.cartsAbandoned)
      .field("cartAbandonmentRate", ratio(t.cartsAbandoned, t.cartSessionsEnded))
      .field("checkouts", t.checkoutSessions)
      .field("checkoutsAbandoned", t.checkoutsAbandoned)
      .field("checkoutAbandonmentRate", ratio(t.checkoutsAbandoned, t.checkoutSessionsEnded))
      .field("orders", t.orders)
      .field("revenue", t.revenue)
      .field("averageOrderValue", ratio(t.revenue, static_cast<double>(t.orders)))
      .field("purchasers", t.purchasers)
      .field("purchaseFrequency", ratio(t.orders, t.purchasers))
      .field("repeatPurchasers", t.repeatPurchasers)
      .field("repeatPurchaseRate", ratio(t.repeatPurchasers, t.purchasers))
      .field("customerValue", ratio(t.revenue, static_cast<double>(t.purchasers)))
      .field("firstSeenMs", t.firstSeenMs)
      .field("lastSeenMs", t.lastSeenMs)
      .field("lastOrderMs", t.lastOrderMs);
  out.key("funnel");
  writeFunnel(out, t);
}

}  // namespace detail

nlohmann::json deriveFigures(const EngagementTotals& t) {
  detail::JsonWriter out;
  out.beginObject();
  detail::writeFigures(out, t);
  out.endObject();
  return detail::parseJson(out.text()).value_or(detail::Json::object());
}

nlohmann::json aggregateVisitors(const std::vector<EngagementTotals>& visitors) {
  EngagementTotals sum;
  for (const EngagementTotals& v : visitors) mergeTotals(sum, v);
  detail::JsonWriter out;
  out.beginObject();
  detail::writeFigures(out, sum);
  out.key("totals");
  detail::writeTotals(out, sum);
  out.endObject();
  return detail::parseJson(out.text()).value_or(detail::Json::object());
}

}  // namespace engage
