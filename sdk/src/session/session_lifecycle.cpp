// Opening and ending sessions: Session Started / Session Ended, cart and checkout abandonment, and
// folding an ended session into the device's lifetime.
#include <algorithm>

#include "session/engagement_impl.h"

namespace engage {
namespace {

using detail::SessionState;

std::string pagePath(const Json& event) {
  const Json* context = detail::member(event, "context");
  const Json* page = context ? detail::member(*context, "page") : nullptr;
  if (!page) return "";
  std::string path = detail::stringOr(*page, "path", "");
  return path.empty() ? detail::stringOr(*page, "url", "") : path;
}

Json abandonment(const SessionState& s, const detail::Cart& cart) {
  return Json{{"sessionId", s.id},
              {"products", detail::productsJson(cart)},
              {"itemCount", detail::itemCount(cart)},
              {"value", detail::cartValue(cart)},
              {"abandonedAtMs", s.lastActivityMs}};
}

}  // namespace

Json sessionSummary(const SessionState& s, const EngagementConfig& config) {
  bool engaged = detail::isEngaged(s, config);
  return Json{{"sessionId", s.id},
              {"sessionNumber", s.number},
              {"startMs", s.startMs},
              {"lastActivityMs", s.lastActivityMs},
              {"durationMs", s.lastActivityMs - s.startMs},
              {"pageViews", s.pageViews},
              {"engagedMs", s.engagedMs},
              {"engaged", engaged},
              {"bounce", !engaged},
              {"converted", s.converted},
              {"orders", s.orders},
              {"revenue", s.revenue},
              {"funnelStep", s.funnelStep},
              {"landingPage", s.landingPage},
              {"referrer", s.referrer},
              {"campaign", s.campaign}};
}

detail::SessionOutcome Engagement::Impl::outcomeIfEndedNow(const SessionState& s, const detail::Cart& cart) const {
  detail::SessionOutcome outcome;
  outcome.ended = true;
  outcome.cartAbandoned = s.cartOpen && detail::itemCount(cart) > 0;
  outcome.checkoutAbandoned = s.checkoutOpen;
  return outcome;
}

bool Engagement::Impl::endIfExpired(std::optional<SessionState>& s, int64_t nowMs, std::vector<Emitted>& out) {
  if (!s) return false;
  std::optional<detail::EndReason> reason = detail::expiry(*s, nowMs, config);
  if (!reason) return false;
  end(s, *reason, out);
  return true;
}

void Engagement::Impl::end(std::optional<SessionState>& s, detail::EndReason reason, std::vector<Emitted>& out) {
  if (!s) return;
  detail::Cart cart = loadCart();
  detail::SessionOutcome outcome = outcomeIfEndedNow(*s, cart);
  DeviceLifetime life = loadLifetime();
  detail::foldSession(life.totals, *s, outcome, config);
  saveLifetime(life);

  Json summary = sessionSummary(*s, config);
  summary["endMs"] = s->lastActivityMs;
  summary["reason"] = detail::endReasonName(reason);
  summary["cartItems"] = detail::itemCount(cart);
  summary["cartValue"] = detail::cartValue(cart);
  summary["cartAbandoned"] = outcome.cartAbandoned;
  summary["checkoutAbandoned"] = outcome.checkoutAbandoned;
  out.push_back({engagement_events::kSessionEnded, summary, s->id, s->lastActivityMs});
  if (outcome.cartAbandoned) {
    out.push_back({engagement_events::kCartAbandoned, abandonment(*s, cart), s->id, s->lastActivityMs});
  }
  if (outcome.checkoutAbandoned) {
    out.push_back({engagement_events::kCheckoutAbandoned, abandonment(*s, cart), s->id, s->lastActivityMs});
  }
  s.reset();
}

void Engagement::Impl::ensureOpen(std::optional<SessionState>& s, int64_t nowMs, const Json* event,
                                  const detail::CampaignInfo& campaign, std::vector<Emitted>& out) {
  if (s) {
    if (!s->attributed && event) {  // the first event of a session opened by activity attributes it
      s->attributed = true;
      s->landingPage = pagePath(*event);
      s->referrer = campaign.referrer;
      s->campaignKey = campaign.key;
      s->campaignHost = campaign.externalHost;
      s->campaign = campaign.campaign;
    }
    return;
  }
  SessionState fresh;
  fresh.id = nowMs;
  fresh.startMs = nowMs;
  fresh.lastActivityMs = nowMs;
  fresh.number = loadLifetime().totals.sessions + 1;
  fresh.attributed = event != nullptr;
  fresh.landingPage = event ? pagePath(*event) : detail::stringOr(page.summary(nowMs), "path", "");
  fresh.referrer = campaign.referrer;
  fresh.campaignKey = campaign.key;
  fresh.campaignHost = campaign.externalHost;
  fresh.campaign = campaign.campaign;
  s = fresh;
  Json properties = {{"sessionId", fresh.id}, {"sessionNumber", fresh.number}, {"startMs", fresh.startMs},
                     {"landingPage", fresh.landingPage}, {"referrer", fresh.referrer},
                     {"campaign", fresh.campaign}};
  out.push_back({engagement_events::kSessionStarted, properties, fresh.id, nowMs});
}

// ---- documents

detail::Cart Engagement::Impl::loadCart() {
  std::optional<Json> doc = store.read("cart");
  return doc ? detail::cartFromJson(*doc, config) : detail::Cart{};
}

void Engagement::Impl::saveCart(const detail::Cart& cart) {
  if (cart.lines.empty()) {
    store.remove("cart");
  } else {
    store.write("cart", detail::cartToJson(cart));
  }
}

DeviceLifetime Engagement::Impl::loadLifetime() {
  DeviceLifetime life;
  std::optional<Json> doc = store.read("lifetime");
  if (!doc) return life;
  if (const Json* totals = detail::member(*doc, "totals")) life.totals = totalsFromJson(*totals);
  const Json* ids = detail::member(*doc, "orderIds");
  if (ids && ids->is_array()) {
    for (const Json& id : *ids) {
      if (id.is_string()) life.orderIds.push_back(id.get<std::string>());
    }
  }
  return life;
}

void Engagement::Impl::saveLifetime(const DeviceLifetime& life) {
  store.write("lifetime", Json{{"totals", totalsToJson(life.totals)}, {"orderIds", life.orderIds}});
}

}  // namespace engage
