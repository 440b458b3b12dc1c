#include "session/session_state.h"

#include <algorithm>

namespace engage::detail {

const char* endReasonName(EndReason reason) {
  switch (reason) {
    case EndReason::Timeout: return "timeout";
    case EndReason::MaxLength: return "max_length";
    case EndReason::CampaignChange: return "campaign_change";
    case EndReason::Explicit: return "explicit";
  }
  return "timeout";
}

std::optional<SessionState> sessionFromJson(const Json& j) {
  SessionState s;
  s.id = integerOr(j, "id", 0);
  s.startMs = integerOr(j, "start", 0);
  s.lastActivityMs = integerOr(j, "last", 0);
  if (s.id <= 0 || s.startMs <= 0 || s.lastActivityMs < s.startMs) return std::nullopt;
  s.number = std::max<int64_t>(1, integerOr(j, "number", 1));
  s.pageViews = std::max<int64_t>(0, integerOr(j, "pages", 0));
  s.engagedMs = std::max<int64_t>(0, integerOr(j, "engagedMs", 0));
  s.campaignKey = stringOr(j, "campaignKey", "");
  s.campaignHost = stringOr(j, "campaignHost", "");
  const Json* campaign = member(j, "campaign");
  s.campaign = campaign && campaign->is_object() ? *campaign : Json();
  s.landingPage = stringOr(j, "landing", "");
  s.referrer = stringOr(j, "referrer", "");
  s.attributed = boolOr(j, "attributed", true);
  s.orders = std::max<int64_t>(0, integerOr(j, "orders", 0));
  s.revenue = std::max(0.0, numberOr(j, "revenue", 0));
  s.converted = boolOr(j, "converted", false);
  s.cartAdded = boolOr(j, "cartAdded", false);
  s.cartOpen = boolOr(j, "cartOpen", false);
  s.checkoutStarted = boolOr(j, "checkoutStarted", false);
  s.checkoutOpen = boolOr(j, "checkoutOpen", false);
  s.funnelStep = static_cast<int>(std::clamp<int64_t>(integerOr(j, "funnel", 0), 0, 4));
  s.lastOrderMs = integerOr(j, "lastOrder", 0);
  return s;
}

std::optional<EndReason> expiry(const SessionState& s, int64_t nowMs, const EngagementConfig& config) {
  if (nowMs - s.lastActivityMs >= config.sessionTimeoutMs) return EndReason::Timeout;
  if (nowMs - s.startMs >= config.sessionMaxLengthMs) return EndReason::MaxLength;
  return std::nullopt;
}

int64_t expiresAtMs(const SessionState& s, const EngagementConfig& config) {
  return std::min(s.lastActivityMs + config.sessionTimeoutMs, s.startMs + config.sessionMaxLengthMs);
}

bool isEngaged(const SessionState& s, const EngagementConfig& config) {
  return s.engagedMs > config.engagedSessionMinMs || s.pageViews >= config.engagedSessionMinPages || s.converted;
}

void foldSession(EngagementTotals& t, const SessionState& s, const SessionOutcome& outcome,
                 const EngagementConfig& config) {
  EngagementTotals one;
  one.sessions = 1;
  one.pageViews = s.pageViews;
  one.durationMs = s.lastActivityMs - s.startMs;
  one.engagedMs = s.engagedMs;
  one.engagedSessions = isEngaged(s, config) ? 1 : 0;
  one.convertedSessions = s.converted ? 1 : 0;
  one.cartSessions = s.cartAdded ? 1 : 0;
  one.checkoutSessions = s.checkoutStarted ? 1 : 0;
  if (outcome.ended) {
    one.endedSessions = 1;
    one.cartSessionsEnded = one.cartSessions;
    one.checkoutSessionsEnded = one.checkoutSessions;
    one.cartsAbandoned = outcome.cartAbandoned ? 1 : 0;
    one.checkoutsAbandoned = outcome.checkoutAbandoned ? 1 : 0;
  }
  one.orders = s.orders;
  one.revenue = s.revenue;
  for (int step = 0; step < s.funnelStep && step < 4; ++step) one.funnel[static_cast<size_t>(step)] = 1;
  one.firstSeenMs = s.startMs;
  one.lastSeenMs = s.lastActivityMs;
  one.lastOrderMs = s.lastOrderMs;
  mergeTotals(t, one);
}

}  // namespace engage::detail
