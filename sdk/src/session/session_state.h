// The shared state of the open session (stored under <prefix>session), the rules that end it, and how
// a session is folded into the device's lifetime totals.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/json_access.h"
#include "engage/engagement.h"

namespace engage::detail {

struct SessionState {
  int64_t id = 0;              // the start's wall ms (the wire format's sessionId)
  int64_t startMs = 0;
  int64_t lastActivityMs = 0;  // end of the session so far
  int64_t number = 0;          // 1 for the device's first session
  int64_t pageViews = 0;
  int64_t engagedMs = 0;       // summed over the visitor's tabs
  std::string campaignKey;     // see campaign.h; "" = no campaign
  std::string campaignHost;    // external referrer host the campaign arrived with, or ""
  Json campaign;               // the campaign fields, or null
  std::string landingPage;     // path (or url) of the first page view
  std::string referrer;        // referrer of the event that started the session
  // false for a session opened by an activity signal before any event: the first event then sets the
  // landing page, referrer and campaign instead of splitting on them.
  bool attributed = true;
  int64_t orders = 0;
  double revenue = 0;
  bool converted = false;      // a conversion event happened
  bool cartAdded = false;      // the cart received items in this session
  bool cartOpen = false;       // ... and no order followed the last of them
  bool checkoutStarted = false;
  bool checkoutOpen = false;   // Checkout Started with no order after it
  int funnelStep = 0;          // 0 none, 1 product viewed, 2 added, 3 checkout, 4 order (furthest)
  int64_t lastOrderMs = 0;
};

enum class EndReason { Timeout, MaxLength, CampaignChange, Explicit };
const char* endReasonName(EndReason reason);

// nullopt for anything that is not a plausible session (missing, corrupt, start after last activity).
std::optional<SessionState> sessionFromJson(const Json& j);

// Why the session is over at `nowMs`: no activity for sessionTimeoutMs (>=), or nowMs at or past
// startMs + sessionMaxLengthMs. nullopt while it is live. Times before the last activity keep it live.
std::optional<EndReason> expiry(const SessionState& s, int64_t nowMs, const EngagementConfig& config);
// The first wall ms at which expiry() reports an end.
int64_t expiresAtMs(const SessionState& s, const EngagementConfig& config);

// GA4: engaged time > engagedSessionMinMs, or >= engagedSessionMinPages page views, or a conversion.
bool isEngaged(const SessionState& s, const EngagementConfig& config);

struct SessionOutcome {
  bool ended = false;            // final; false for the current session counted so far
  bool cartAbandoned = false;
  bool checkoutAbandoned = false;
};

void foldSession(EngagementTotals& totals, const SessionState& s, const SessionOutcome& outcome,
                 const EngagementConfig& config);

}  // namespace engage::detail
