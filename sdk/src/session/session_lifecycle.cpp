// Opening and ending sessions: Session Started / Session Ended, cart and checkout abandonment, and
// folding an ended session into the device's lifetime.
#include <algorithm>

#include "metrics/figures.h"
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
  detail::JsonWriter out;
  out.beginObject().field("sessionId", s.id).key("products");
  detail::writeProducts(out, cart);
  out.field("itemCount", detail::itemCount(cart))
      .field("value", detail::cartValue(cart))
      .field("abandonedAtMs", s.lastActivityMs)
      .endObject();
  return detail::parsed(out);
}

Json ended(const SessionState& s, const EngagementConfig& config, detail::EndReason reason, const detail::Cart& cart,
           const detail::SessionOutcome& outcome) {
  detail::JsonWriter out;
  out.beginObject();
  detail::writeSessionSummary(out, s, config);
  out.field("endMs", s.lastActivityMs)
      .field("reason", detail::endReasonName(reason))
      .field("cartItems", detail::itemCount(cart))
      .field("cartValue", detail::cartValue(cart))
      .field("cartAbandoned", outcome.cartAbandoned)
      .field("checkoutAbandoned", outcome.checkoutAbandoned)
      .endObject();
  return detail::parsed(out);
}

Json started(const SessionState& s) {
  detail::JsonWriter out;
  out.beginObject()
      .field("sessionId", s.id)
      .field("sessionNumber", s.number)
      .field("startMs", s.startMs)
      .field("landingPage", s.landingPage)
      .field("referrer", s.referrer)
      .field("campaign", s.campaign)
      .endObject();
  return detail::parsed(out);
}

}  // namespace

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

  out.push_back({engagement_events::kSessionEnded, ended(*s, config, reason, cart, outcome), s->id, s->lastActivityMs});
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
  fresh.landingPage = event ? pagePath(*event) : page.path();
  fresh.referrer = campaign.referrer;
  fresh.campaignKey = campaign.key;
  fresh.campaignHost = campaign.externalHost;
  fresh.campaign = campaign.campaign;
  s = fresh;
  out.push_back({engagement_events::kSessionStarted, started(fresh), fresh.id, nowMs});
}

// ---- documents

detail::Cart Engagement::Impl::loadCart() {
  auto parse = [this](const Json& j) { return std::optional<detail::Cart>(detail::cartFromJson(j, config)); };
  return cartDoc.load(parse).value_or(detail::Cart{});
}

void Engagement::Impl::saveCart(const detail::Cart& cart) {
  auto text = [](const detail::Cart& c) { return detail::dumpJson(detail::cartToJson(c)); };
  cartDoc.save(cart.lines.empty() ? std::nullopt : std::optional<detail::Cart>(cart), text);
}

namespace {

std::optional<DeviceLifetime> lifetimeFromJson(const Json& doc) {
  DeviceLifetime life;
  if (const Json* totals = detail::member(doc, "totals")) life.totals = totalsFromJson(*totals);
  const Json* ids = detail::member(doc, "orderIds");
  if (ids && ids->is_array()) {
    for (const Json& id : *ids) {
      if (id.is_string()) life.orderIds.push_back(id.get<std::string>());
    }
  }
  return life;
}

std::string lifetimeText(const DeviceLifetime& life) {
  detail::JsonWriter out;
  out.beginObject().key("totals");
  detail::writeTotals(out, life.totals);
  out.key("orderIds").beginArray();
  for (const std::string& id : life.orderIds) out.value(id);
  out.endArray().endObject();
  return out.take();
}

}  // namespace

DeviceLifetime Engagement::Impl::loadLifetime() { return lifetimeDoc.load(lifetimeFromJson).value_or(DeviceLifetime{}); }

void Engagement::Impl::saveLifetime(const DeviceLifetime& life) { lifetimeDoc.save(life, lifetimeText); }

}  // namespace engage
