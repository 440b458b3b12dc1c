// Reading Segment's ecommerce events (and their GA4 aliases) into the cart's terms.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/json_access.h"
#include "engage/engagement.h"

namespace engage::detail {

enum class CommerceStep { None, ProductViewed, ProductAdded, ProductRemoved, CartViewed, CheckoutStarted, OrderCompleted };

// The Segment name for a GA4 alias (view_item -> Product Viewed, add_to_cart -> Product Added,
// remove_from_cart -> Product Removed, view_cart -> Cart Viewed, begin_checkout -> Checkout Started,
// purchase -> Order Completed); any other name is returned unchanged.
std::string canonicalEventName(std::string_view name);

// The step of a canonical name; None for non-commerce events.
CommerceStep commerceStep(std::string_view canonicalName);

struct LineItem {
  std::string id;
  std::string name;
  double price = 0;      // per unit; non-numeric, negative or non-finite prices read as 0
  int64_t quantity = 0;  // 0 = not given (an add counts 1, a remove takes the whole line)
};

// The products an event carries: each object of properties.products or properties.items (GA4) when
// either is an array, else the product described at the top level of properties. The id is the first
// string (or number) of product_id, sku, id, item_id, then name / item_name; items with none are skipped.
std::vector<LineItem> lineItems(const Json& properties, const EngagementConfig& config);

// Whether properties carry a product list (products / items array), even an empty one.
bool hasProductList(const Json& properties);

// An order's value: properties.total, else revenue, else value (GA4), else the sum of its line items
// (when it lists any), else `cartValue`.
double orderValue(const Json& properties, const std::vector<LineItem>& items, double cartValue);

// order_id (Segment) or transaction_id (GA4), cut to maxIdLength; "" when absent.
std::string orderId(const Json& properties, const EngagementConfig& config);

}  // namespace engage::detail
