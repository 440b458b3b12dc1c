// metrics() and totals(): read-only views. A session that has timed out but was not yet ended by a
// call is shown as it will be ended (in the lifetime, with its abandonment), without writing anything.
// The reply is written as text (the hot path: the binding hands it to JS as is); metrics() parses it.
#include "metrics/figures.h"
#include "metrics/score.h"
#include "session/engagement_impl.h"

namespace engage {
namespace {

using detail::SessionState;

void writeDaysSince(detail::JsonWriter& out, const char* name, int64_t sinceMs, int64_t nowMs) {
  double days = detail::daysSince(sinceMs, nowMs);
  out.key(name);
  if (days < 0) {
    out.null();
  } else {
    out.value(days);
  }
}

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

std::string Engagement::Impl::metricsText(int64_t nowMs) {
  std::optional<SessionState> live;
  EngagementTotals t = totalsAt(nowMs, live);
  detail::JsonWriter out(4096);
  out.beginObject().field("asOfMs", nowMs).field("storageOk", !store.lastWriteFailed());
  out.key("session");
  if (live) {
    out.beginObject();
    detail::writeSessionSummary(out, *live, config);
    out.field("cartOpen", live->cartOpen).field("checkoutOpen", live->checkoutOpen).endObject();
  } else {
    out.null();
  }
  out.key("page");
  if (page.hasOpenPage()) {
    page.writeSummary(out, nowMs);
  } else {
    out.null();
  }
  detail::Cart cart = loadCart();
  out.key("cart").beginObject().key("products");
  detail::writeProducts(out, cart);
  out.field("itemCount", detail::itemCount(cart)).field("value", detail::cartValue(cart)).endObject();

  detail::EngagementScore score = detail::engagementScore(t, nowMs, config);
  out.key("lifetime").beginObject();
  detail::writeFigures(out, t);
  writeDaysSince(out, "daysSinceLastVisit", t.lastSeenMs, nowMs);
  writeDaysSince(out, "daysSinceLastOrder", t.lastOrderMs, nowMs);
  out.field("engagementScore", score.score).key("rfm");
  detail::writeScore(out, score);
  out.endObject().endObject();
  return out.take();
}

EngagementTotals Engagement::totals(int64_t wallMs) {
  std::optional<SessionState> live;
  return impl_->totalsAt(wallMs, live);
}

std::string Engagement::metricsJson(int64_t wallMs) { return impl_->metricsText(wallMs); }

nlohmann::json Engagement::metrics(int64_t wallMs) {
  return detail::parseJson(impl_->metricsText(wallMs)).value_or(Json::object());
}

}  // namespace engage
