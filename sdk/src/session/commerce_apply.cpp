// Applying Segment ecommerce events (GA4 aliases already mapped) to the session and the shared cart.
#include <algorithm>

#include "session/engagement_impl.h"

namespace engage {
namespace {

using detail::CommerceStep;
using detail::SessionState;

void reachFunnel(SessionState& s, int step) { s.funnelStep = std::max(s.funnelStep, step); }

}  // namespace

void Engagement::Impl::applyCommerce(SessionState& s, const std::string& name, const Json& properties,
                                     int64_t nowMs) {
  CommerceStep step = detail::commerceStep(name);
  bool conversion = std::find(config.conversionEvents.begin(), config.conversionEvents.end(), name) !=
                    config.conversionEvents.end();
  if (step == CommerceStep::OrderCompleted) {
    std::string id = detail::orderId(properties, config);
    DeviceLifetime life = loadLifetime();
    if (!id.empty()) {
      if (std::find(life.orderIds.begin(), life.orderIds.end(), id) != life.orderIds.end()) return;  // repeat
      life.orderIds.push_back(id);
      while (life.orderIds.size() > config.rememberedOrderIds) life.orderIds.erase(life.orderIds.begin());
      saveLifetime(life);
    }
  }
  if (conversion) s.converted = true;
  if (step == CommerceStep::None) return;
  if (step == CommerceStep::ProductViewed) {
    reachFunnel(s, 1);
    return;
  }
  detail::Cart cart = loadCart();
  bool listsProducts = detail::hasProductList(properties);
  std::vector<detail::LineItem> items = detail::lineItems(properties, config);
  switch (step) {
    case CommerceStep::ProductAdded: {
      bool added = false;
      for (const detail::LineItem& item : items) added |= detail::addToCart(cart, item, config);
      if (added) {
        s.cartAdded = s.cartOpen = true;
        reachFunnel(s, 2);
      }
      break;
    }
    case CommerceStep::ProductRemoved:
      for (const detail::LineItem& item : items) detail::removeFromCart(cart, item);
      break;
    case CommerceStep::CartViewed:
      if (listsProducts) detail::replaceCart(cart, items, config);
      break;
    case CommerceStep::CheckoutStarted:
      if (listsProducts) detail::replaceCart(cart, items, config);
      s.checkoutStarted = s.checkoutOpen = true;
      reachFunnel(s, 3);
      break;
    case CommerceStep::OrderCompleted: {
      if (!listsProducts) items.clear();
      ++s.orders;
      s.revenue += detail::orderValue(properties, items, detail::cartValue(cart));
      s.cartOpen = s.checkoutOpen = false;
      s.lastOrderMs = nowMs;
      reachFunnel(s, 4);
      cart.lines.clear();
      break;
    }
    default:
      break;
  }
  saveCart(cart);
}

}  // namespace engage
