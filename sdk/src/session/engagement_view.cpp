// metrics() and totals(): read-only views. A session that has timed out but was not yet ended by a
// call is shown as it will be ended (in the lifetime, with its abandonment), without writing anything.
#include "metrics/score.h"
#include "session/engagement_impl.h"

namespace engage {
namespace {

using detail::SessionState;

Json nullIfNever(double days) { return days < 0 ? Json() : Json(days); }

}  // namespace

EngagementTotals Engagement::Impl::totalsAt(int64_t nowMs, std::optional<SessionState>& live) {
  EngagementTotals t = loadLifetime().totals;
  std::optional<SessionState> s = loadSession();
  if (s) {
    s->engagedMs += creditWithin(page.pending(nowMs), *s);
    if (detail::expiry(*s, nowMs, config)) {
      detail::foldSession(t, *s, outcomeIfEndedNow(*s, loadCart()), config);
    } else {
      detail::foldSession(t, *s, detail::SessionOutcome{}, config);
      live = s;
    }
  }
  t.visitors = t.sessions > 0 ? 1 : 0;
  t.purchasers = t.orders >= 1 ? 1 : 0;
  t.repeatPurchasers = t.orders >= 2 ? 1 : 0;
  return t;
}

EngagementTotals Engagement::totals(int64_t wallMs) {
  std::optional<SessionState> live;
  return impl_->totalsAt(wallMs, live);
}

nlohmann::json Engagement::metrics(int64_t wallMs) {
  Impl& m = *impl_;
  std::optional<SessionState> live;
  EngagementTotals t = m.totalsAt(wallMs, live);
  Json j = Json::object();
  j["asOfMs"] = wallMs;
  j["storageOk"] = !m.store.lastWriteFailed();
  if (live) {
    Json session = sessionSummary(*live, m.config);
    session["cartOpen"] = live->cartOpen;
    session["checkoutOpen"] = live->checkoutOpen;
    j["session"] = session;
  } else {
    j["session"] = nullptr;
  }
  j["page"] = m.page.hasOpenPage() ? m.page.summary(wallMs) : Json();
  detail::Cart cart = m.loadCart();
  j["cart"] = {{"products", detail::productsJson(cart)},
               {"itemCount", detail::itemCount(cart)},
               {"value", detail::cartValue(cart)}};
  Json lifetime = deriveFigures(t);
  lifetime["daysSinceLastVisit"] = nullIfNever(detail::daysSince(t.lastSeenMs, wallMs));
  lifetime["daysSinceLastOrder"] = nullIfNever(detail::daysSince(t.lastOrderMs, wallMs));
  detail::EngagementScore score = detail::engagementScore(t, wallMs, m.config);
  lifetime["engagementScore"] = score.score;
  lifetime["rfm"] = detail::scoreJson(score);
  lifetime["totals"] = totalsToJson(t);
  j["lifetime"] = lifetime;
  return j;
}

}  // namespace engage
