// Rates, averages and the funnel, derived from additive totals: one code path for one device
// (metrics()) and for many (aggregateVisitors()). A rate whose denominator is 0 is reported as 0.
#include <array>

#include "base/json_access.h"
#include "engage/engagement.h"

namespace engage {
namespace {

using detail::Json;

constexpr std::array<const char*, 4> kFunnelSteps = {"Product Viewed", "Product Added", "Checkout Started",
                                                     "Order Completed"};

double ratio(double numerator, double denominator) { return denominator > 0 ? numerator / denominator : 0; }
double ratio(int64_t numerator, int64_t denominator) {
  return ratio(static_cast<double>(numerator), static_cast<double>(denominator));
}

// Each step: sessions that reached it (a session reaching a later step counts for the earlier ones),
// the share of the previous step's sessions (all sessions before the first step) and the drop-off.
Json funnelJson(const EngagementTotals& t) {
  Json steps = Json::array();
  int64_t previous = t.sessions;
  for (size_t i = 0; i < kFunnelSteps.size(); ++i) {
    double kept = ratio(t.funnel[i], previous);
    steps.push_back({{"step", kFunnelSteps[i]},
                     {"sessions", t.funnel[i]},
                     {"fromPrevious", kept},
                     {"dropOff", previous > 0 ? 1 - kept : 0.0}});
    previous = t.funnel[i];
  }
  return steps;
}

}  // namespace

nlohmann::json deriveFigures(const EngagementTotals& t) {
  Json j = Json::object();
  j["visitors"] = t.visitors;
  j["sessions"] = t.sessions;
  j["pageViews"] = t.pageViews;
  j["pagesPerSession"] = ratio(t.pageViews, t.sessions);
  j["durationMs"] = t.durationMs;
  j["avgDurationMs"] = ratio(t.durationMs, t.sessions);
  j["engagedMs"] = t.engagedMs;
  j["avgEngagedMs"] = ratio(t.engagedMs, t.sessions);
  j["engagedSessions"] = t.engagedSessions;
  j["bounces"] = t.sessions - t.engagedSessions;
  j["bounceRate"] = ratio(t.sessions - t.engagedSessions, t.sessions);
  j["convertedSessions"] = t.convertedSessions;
  j["conversionRate"] = ratio(t.convertedSessions, t.sessions);
  j["carts"] = t.cartSessions;
  j["cartsAbandoned"] = t.cartsAbandoned;
  j["cartAbandonmentRate"] = ratio(t.cartsAbandoned, t.cartSessionsEnded);
  j["checkouts"] = t.checkoutSessions;
  j["checkoutsAbandoned"] = t.checkoutsAbandoned;
  j["checkoutAbandonmentRate"] = ratio(t.checkoutsAbandoned, t.checkoutSessionsEnded);
  j["orders"] = t.orders;
  j["revenue"] = t.revenue;
  j["averageOrderValue"] = ratio(t.revenue, static_cast<double>(t.orders));
  j["purchasers"] = t.purchasers;
  j["purchaseFrequency"] = ratio(t.orders, t.purchasers);
  j["repeatPurchasers"] = t.repeatPurchasers;
  j["repeatPurchaseRate"] = ratio(t.repeatPurchasers, t.purchasers);
  j["customerValue"] = ratio(t.revenue, static_cast<double>(t.purchasers));
  j["funnel"] = funnelJson(t);
  j["firstSeenMs"] = t.firstSeenMs;
  j["lastSeenMs"] = t.lastSeenMs;
  j["lastOrderMs"] = t.lastOrderMs;
  return j;
}

nlohmann::json aggregateVisitors(const std::vector<EngagementTotals>& visitors) {
  EngagementTotals sum;
  for (const EngagementTotals& v : visitors) mergeTotals(sum, v);
  Json j = deriveFigures(sum);
  j["totals"] = totalsToJson(sum);
  return j;
}

}  // namespace engage
