// Sessions, engaged time, the cart and the per-device lifetime metrics (issue 3), as one synchronous
// object the engine feeds. State lives in the injected KeyValueStore (localStorage, shared by the
// visitor's tabs): every call re-reads it and writes through, so a reload resumes the session and two
// tabs share one. Definitions, as implemented, are in docs/METRICS.md.
//
// Contract with the engine:
//   - onEvent() for every accepted event (Engage wire format), with the event's wall ms; stamp the
//     returned sessionId on that event. Do NOT feed the Emitted events back into onEvent().
//   - onActivity() for the JS autocapture signals; tick() when nextWakeupMs() says so.
//   - Turn every Emitted into a track event (name = Emitted::event) stamped with Emitted::sessionId and
//     timestamp Emitted::atMs (a session's end is its last activity, which may lie in the past).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engage/platform.h"

namespace engage {

// Every default and limit of this concept, in one place.
struct EngagementConfig {
  // --- sessions
  int64_t sessionTimeoutMs = 30 * 60 * 1000;         // inactivity that ends a session; a gap >= this ends it
  int64_t sessionMaxLengthMs = 24 * 60 * 60 * 1000;  // activity at start + this (or later) opens a new one
  bool splitOnCampaignChange = true;                 // a different campaign (utm_* or new referral) splits
  // --- engaged time (page visible AND focused AND an input within idleCutoffMs)
  int64_t idleCutoffMs = 30 * 1000;
  int64_t engagedSessionMinMs = 10 * 1000;  // GA4: engaged when engaged time is strictly greater
  int64_t engagedSessionMinPages = 2;       // ... or at least this many page views, or a conversion
  // --- commerce
  std::vector<std::string> conversionEvents = {"Order Completed"};  // (canonical names) mark a conversion
  size_t maxCartLines = 100;        // distinct products kept in the cart; further new products are dropped
  size_t maxIdLength = 200;         // longer product / order ids are cut to this length
  int64_t maxQuantity = 100000;     // quantities are clamped to [1, maxQuantity]
  size_t rememberedOrderIds = 20;   // a repeated order_id among the last N orders is not counted again
  // --- engagement score (recency-frequency-monetary, 0..100; see docs/METRICS.md)
  double recencyHalfLifeDays = 14;  // recency component halves every this many days since the last visit
  double frequencyCapSessions = 20; // frequency component reaches 1 at this many sessions (log scale)
  double monetaryCapRevenue = 500;  // monetary component reaches 1 at this revenue (log scale)
  double recencyWeight = 0.4, frequencyWeight = 0.3, monetaryWeight = 0.3;
  // --- replay (collector / tools): a log has no activity signals, so credit engaged time from the
  // recorded `Page Left` events instead. Off on the device.
  bool engagedTimeFromPageLeft = false;
};

// Names of the events this concept emits (and ignores when they are fed back from a log).
namespace engagement_events {
inline constexpr const char* kSessionStarted = "Session Started";
inline constexpr const char* kSessionEnded = "Session Ended";
inline constexpr const char* kPageLeft = "Page Left";
inline constexpr const char* kCartAbandoned = "Cart Abandoned";
inline constexpr const char* kCheckoutAbandoned = "Checkout Abandoned";
}  // namespace engagement_events

// One event for the engine to send as a track event.
struct Emitted {
  std::string event;              // one of engagement_events
  nlohmann::json properties;      // an object; docs/METRICS.md lists the fields per event
  int64_t sessionId = 0;          // the session it belongs to (a Session Ended's is the old session)
  int64_t atMs = 0;               // when it happened (wall ms)
};

struct EngagementUpdate {
  int64_t sessionId = 0;          // the session the fed event belongs to: stamp it on the event
  std::vector<Emitted> emitted;   // in order: old session's end and abandonments, then the new start
};

// JS autocapture signals. Visible, Focus, Input and Scroll are activity (they keep or start a
// session); Hidden, Blur and PageHide are not.
enum class Activity { Visible, Hidden, Focus, Blur, Input, Scroll, PageHide };
// "visible", "hidden", "focus", "blur", "input", "scroll", "pagehide"; nullopt for anything else.
std::optional<Activity> parseActivity(std::string_view name);

// Additive counters: one device's lifetime, or the sum over many devices. Every figure in
// metrics() / aggregateVisitors() is derived from these by deriveFigures().
struct EngagementTotals {
  int64_t visitors = 0;           // devices summed in (1 for one device)
  int64_t sessions = 0;           // all sessions, the current one included
  int64_t endedSessions = 0;      // sessions whose outcome is final
  int64_t pageViews = 0;
  int64_t durationMs = 0;         // sum of (last activity - start)
  int64_t engagedMs = 0;
  int64_t engagedSessions = 0;    // GA4 rule; the rest are bounces
  int64_t convertedSessions = 0;  // sessions with a conversion event
  int64_t cartSessions = 0;       // sessions in which the cart received items (Product Added)
  int64_t cartSessionsEnded = 0;
  int64_t cartsAbandoned = 0;
  int64_t checkoutSessions = 0;   // sessions with Checkout Started
  int64_t checkoutSessionsEnded = 0;
  int64_t checkoutsAbandoned = 0;
  int64_t orders = 0;
  double revenue = 0;
  int64_t purchasers = 0;         // devices with >= 1 order
  int64_t repeatPurchasers = 0;   // devices with >= 2 orders
  std::array<int64_t, 4> funnel{};  // sessions reaching product view, add to cart, checkout, order
  int64_t firstSeenMs = 0;        // 0 = never; min when summed
  int64_t lastSeenMs = 0;         // max when summed
  int64_t lastOrderMs = 0;        // max when summed; 0 = no order
};

void mergeTotals(EngagementTotals& into, const EngagementTotals& add);
nlohmann::json totalsToJson(const EngagementTotals& totals);
// Tolerant: missing or mistyped fields read as 0.
EngagementTotals totalsFromJson(const nlohmann::json& json);
// Rates, averages and the funnel from totals (the same code for one device and for many).
nlohmann::json deriveFigures(const EngagementTotals& totals);

class Engagement {
 public:
  // `prefix` namespaces the store keys (<prefix>session, <prefix>cart, <prefix>lifetime).
  Engagement(EngagementConfig config, KeyValueStore& store, std::string prefix);
  ~Engagement();
  Engagement(const Engagement&) = delete;
  Engagement& operator=(const Engagement&) = delete;

  EngagementUpdate onEvent(const nlohmann::json& event, int64_t wallMs);
  // `value` is the scroll depth in percent for Activity::Scroll (clamped to 0..100), else ignored.
  std::vector<Emitted> onActivity(Activity kind, int64_t wallMs, double value = 0);
  // Ends a session whose timeout or maximum length has passed; flushes this tab's engaged time.
  std::vector<Emitted> tick(int64_t wallMs);
  // Ends the current session now (logout/reset, or the end of a replayed log).
  std::vector<Emitted> endSession(int64_t wallMs);
  // Milliseconds until tick() may have something to do (>= 0), or -1 when no session is open.
  int64_t nextWakeupMs(int64_t wallMs);
  // The live session's id at wallMs, or 0 when none is open; never starts one.
  int64_t currentSessionId(int64_t wallMs);
  // Current session, this tab's page, cart and lifetime figures (docs/METRICS.md). Read-only: a
  // session that has timed out but was not yet ended by tick() is shown as ended.
  nlohmann::json metrics(int64_t wallMs);
  // The same object as JSON text, built without an intermediate tree (the binding's fast path).
  std::string metricsJson(int64_t wallMs);
  // This device's lifetime counters as of wallMs (the current session counted so far).
  EngagementTotals totals(int64_t wallMs);
  // Forgets the session, cart and lifetime of this device (engage.reset()).
  void clear();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ---- the same computations across visitors (collector, tools)

struct TimedEvent {
  nlohmann::json event;
  int64_t wallMs = 0;
};

struct VisitorReplay {
  EngagementTotals totals;
  nlohmann::json metrics;
};

// Feeds one visitor's events (sorted by time, stably) through an Engagement on a private in-memory
// store, with engagedTimeFromPageLeft on. With asOfMs, sessions still open at asOfMs stay open (counted
// so far); without it, the last session is ended at the log's last event.
VisitorReplay replayVisitor(const std::vector<TimedEvent>& events, const EngagementConfig& config,
                            std::optional<int64_t> asOfMs = std::nullopt);

// {"visitors":n, ...deriveFigures(sum)..., "totals":{...}} over the given devices.
nlohmann::json aggregateVisitors(const std::vector<EngagementTotals>& visitors);

// An event's wall ms from its "timestamp" (ISO 8601, e.g. 2026-11-23T15:12:43.123Z or with an
// offset) or a numeric "ts"; nullopt when neither is usable.
std::optional<int64_t> eventWallMs(const nlohmann::json& event);

}  // namespace engage
