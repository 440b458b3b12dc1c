#include "session/summary.h"

namespace engage::detail {

void writeSessionSummary(JsonWriter& out, const SessionState& s, const EngagementConfig& config) {
  bool engaged = isEngaged(s, config);
  out.field("sessionId", s.id)
      .field("sessionNumber", s.number)
      .field("startMs", s.startMs)
      .field("lastActivityMs", s.lastActivityMs)
      .field("durationMs", s.lastActivityMs - s.startMs)
      .field("pageViews", s.pageViews)
      .field("engagedMs", s.engagedMs)
      .field("engaged", engaged)
      .field("bounce", !engaged)
      .field("converted", s.converted)
      .field("orders", s.orders)
      .field("revenue", s.revenue)
      .field("funnelStep", s.funnelStep)
      .field("landingPage", s.landingPage)
      .field("referrer", s.referrer)
      .field("campaign", s.campaign);
}

void writeProducts(JsonWriter& out, const Cart& cart) {
  out.beginArray();
  for (const LineItem& line : cart.lines) {
    out.beginObject().field("product_id", line.id);
    if (!line.name.empty()) out.field("name", line.name);
    out.field("price", line.price).field("quantity", line.quantity).endObject();
  }
  out.endArray();
}

std::string sessionText(const SessionState& s) {
  JsonWriter out;
  out.beginObject()
      .field("id", s.id)
      .field("start", s.startMs)
      .field("last", s.lastActivityMs)
      .field("number", s.number)
      .field("pages", s.pageViews)
      .field("engagedMs", s.engagedMs)
      .field("campaignKey", s.campaignKey)
      .field("campaignHost", s.campaignHost)
      .field("campaign", s.campaign)
      .field("landing", s.landingPage)
      .field("referrer", s.referrer)
      .field("attributed", s.attributed)
      .field("orders", s.orders)
      .field("revenue", s.revenue)
      .field("converted", s.converted)
      .field("cartAdded", s.cartAdded)
      .field("cartOpen", s.cartOpen)
      .field("checkoutStarted", s.checkoutStarted)
      .field("checkoutOpen", s.checkoutOpen)
      .field("funnel", s.funnelStep)
      .field("lastOrder", s.lastOrderMs)
      .endObject();
  return out.take();
}

Json parsed(const JsonWriter& out) { return parseJson(out.text()).value_or(Json::object()); }

}  // namespace engage::detail
