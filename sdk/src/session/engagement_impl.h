// Engagement's internals, shared by engagement.cpp (the calls), session_lifecycle.cpp (start, end,
// abandonment) and commerce_apply.cpp (the cart). Each call reads the shared documents from the store,
// changes them, and writes them back before returning (write-through; see state_store.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commerce/cart.h"
#include "engage/engagement.h"
#include "session/campaign.h"
#include "session/page_tracker.h"
#include "session/session_state.h"
#include "session/state_store.h"
#include "session/summary.h"

namespace engage {

using detail::Json;

// The device's lifetime document (<prefix>lifetime).
struct DeviceLifetime {
  EngagementTotals totals;              // ended sessions only; visitors/purchasers are derived on read
  std::vector<std::string> orderIds;    // most recent last, at most config.rememberedOrderIds
};

struct Engagement::Impl {
  Impl(EngagementConfig c, KeyValueStore& kv, std::string prefix)
      : config(std::move(c)),
        store(kv, std::move(prefix)),
        sessionDoc(store, "session"),
        cartDoc(store, "cart"),
        lifetimeDoc(store, "lifetime"),
        page(config.idleCutoffMs) {}

  EngagementConfig config;
  detail::StateStore store;
  detail::Document<detail::SessionState> sessionDoc;
  detail::Document<detail::Cart> cartDoc;
  detail::Document<DeviceLifetime> lifetimeDoc;
  detail::PageTracker page;
  int64_t pageSessionId = 0;  // the session this tab's current page was viewed in

  std::optional<detail::SessionState> loadSession();
  void saveSession(const std::optional<detail::SessionState>& s);
  detail::Cart loadCart();
  void saveCart(const detail::Cart& cart);
  DeviceLifetime loadLifetime();
  void saveLifetime(const DeviceLifetime& life);

  // Accounts this tab's engaged time up to nowMs and adds the part after the session's start to it.
  // Returns whether the session changed.
  bool creditEngaged(std::optional<detail::SessionState>& s, int64_t nowMs);
  // The part of `interval` inside session `s` (after its start), in ms.
  static int64_t creditWithin(const std::optional<detail::EngagedInterval>& interval, const detail::SessionState& s);
  // A recorded event this concept emitted, read back from a log: never activity; a Page Left credits
  // its engagedMs to the open session when config.engagedTimeFromPageLeft (replay).
  void absorbOwnEvent(const std::string& name, const Json& event);

  // --- session_lifecycle.cpp
  // Ends `s` when its timeout or maximum length has passed at nowMs. Returns whether it ended.
  bool endIfExpired(std::optional<detail::SessionState>& s, int64_t nowMs, std::vector<Emitted>& out);
  // Emits Session Ended (and Cart / Checkout Abandoned), folds it into the lifetime, clears `s`.
  void end(std::optional<detail::SessionState>& s, detail::EndReason reason, std::vector<Emitted>& out);
  // Opens a session at nowMs when none is open (emits Session Started). `event` may be null (activity).
  void ensureOpen(std::optional<detail::SessionState>& s, int64_t nowMs, const Json* event,
                  const detail::CampaignInfo& campaign, std::vector<Emitted>& out);
  detail::SessionOutcome outcomeIfEndedNow(const detail::SessionState& s, const detail::Cart& cart) const;

  // --- commerce_apply.cpp
  void applyCommerce(detail::SessionState& s, const std::string& name, const Json& properties, int64_t nowMs);

  // --- engagement_view.cpp
  // Lifetime totals with the current session folded in as of nowMs (ended if it has expired).
  EngagementTotals totalsAt(int64_t nowMs, std::optional<detail::SessionState>& live);
  std::string metricsText(int64_t nowMs);
};


}  // namespace engage
