// The visitor's cart: product lines with unit price and quantity. Persisted by the session concept
// under <prefix>cart; pure data and rules here.
#pragma once

#include <cstdint>
#include <vector>

#include "base/json_access.h"
#include "commerce/ecommerce_event.h"
#include "engage/engagement.h"

namespace engage::detail {

struct Cart {
  std::vector<LineItem> lines;  // one per product id, in the order first added
};

// Adds quantity (1 when not given) to the product's line, updating its price and name; a new product
// beyond config.maxCartLines is dropped (returns false).
bool addToCart(Cart& cart, const LineItem& item, const EngagementConfig& config);

// Takes the given quantity off the product's line (the whole line when not given); a line that
// reaches 0 is removed. Unknown products are ignored.
void removeFromCart(Cart& cart, const LineItem& item);

// Replaces the contents with the given items (a Cart Viewed / Checkout Started that lists products).
void replaceCart(Cart& cart, const std::vector<LineItem>& items, const EngagementConfig& config);

int64_t itemCount(const Cart& cart);
double cartValue(const Cart& cart);

// {"lines":[{"id","name","price","quantity"}]}
Json cartToJson(const Cart& cart);
// Tolerant of anything a store might hold: bad lines are skipped, limits re-applied.
Cart cartFromJson(const Json& json, const EngagementConfig& config);

}  // namespace engage::detail
