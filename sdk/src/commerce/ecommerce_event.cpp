#include "commerce/ecommerce_event.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace engage::detail {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kGa4Aliases{{
    {"view_item", "Product Viewed"},
    {"add_to_cart", "Product Added"},
    {"remove_from_cart", "Product Removed"},
    {"view_cart", "Cart Viewed"},
    {"begin_checkout", "Checkout Started"},
    {"purchase", "Order Completed"},
}};

constexpr std::array<std::pair<std::string_view, CommerceStep>, 6> kSteps{{
    {"Product Viewed", CommerceStep::ProductViewed},
    {"Product Added", CommerceStep::ProductAdded},
    {"Product Removed", CommerceStep::ProductRemoved},
    {"Cart Viewed", CommerceStep::CartViewed},
    {"Checkout Started", CommerceStep::CheckoutStarted},
    {"Order Completed", CommerceStep::OrderCompleted},
}};

// A string member, or an integral number member written as text (ids are often numeric).
std::string idText(const Json& j, std::string_view key) {
  const Json* m = member(j, key);
  if (!m) return "";
  if (m->is_string()) return m->get<std::string>();
  if (m->is_number_integer()) return std::to_string(m->get<int64_t>());
  if (m->is_number_unsigned()) return std::to_string(m->get<uint64_t>());
  return "";
}

std::string firstId(const Json& j, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    std::string v = idText(j, key);
    if (!v.empty()) return v;
  }
  return "";
}

double price(const Json& j) {
  double p = numberOr(j, "price", 0);
  return std::isfinite(p) && p > 0 ? p : 0;
}

int64_t quantity(const Json& j, const EngagementConfig& config) {
  const Json* m = member(j, "quantity");
  if (!m || !m->is_number()) return 0;
  double q = m->get<double>();
  if (!std::isfinite(q) || q < 1) return 1;
  return std::min<int64_t>(static_cast<int64_t>(std::min(q, 9.0e15)), config.maxQuantity);
}

std::optional<LineItem> readItem(const Json& j, const EngagementConfig& config) {
  if (!j.is_object()) return std::nullopt;
  LineItem item;
  item.name = firstId(j, {"name", "item_name"});
  item.id = firstId(j, {"product_id", "sku", "id", "item_id"});
  if (item.id.empty()) item.id = item.name;
  if (item.id.empty()) return std::nullopt;
  if (item.id.size() > config.maxIdLength) item.id.resize(config.maxIdLength);
  if (item.name.size() > config.maxIdLength) item.name.resize(config.maxIdLength);
  item.price = price(j);
  item.quantity = quantity(j, config);
  return item;
}

const Json* productList(const Json& properties) {
  for (std::string_view key : {"products", "items"}) {
    const Json* list = member(properties, key);
    if (list && list->is_array()) return list;
  }
  return nullptr;
}

}  // namespace

std::string canonicalEventName(std::string_view name) {
  for (const auto& [alias, canonical] : kGa4Aliases) {
    if (name == alias) return std::string(canonical);
  }
  return std::string(name);
}

CommerceStep commerceStep(std::string_view canonicalName) {
  for (const auto& [name, step] : kSteps) {
    if (canonicalName == name) return step;
  }
  return CommerceStep::None;
}

bool hasProductList(const Json& properties) { return productList(properties) != nullptr; }

std::vector<LineItem> lineItems(const Json& properties, const EngagementConfig& config) {
  std::vector<LineItem> items;
  if (const Json* list = productList(properties)) {
    for (const Json& entry : *list) {
      if (auto item = readItem(entry, config)) items.push_back(std::move(*item));
    }
  } else if (auto item = readItem(properties, config)) {
    items.push_back(std::move(*item));
  }
  return items;
}

double orderValue(const Json& properties, const std::vector<LineItem>& items, double cartValue) {
  for (std::string_view key : {"total", "revenue", "value"}) {
    const Json* m = member(properties, key);
    if (m && m->is_number()) {
      double v = m->get<double>();
      if (std::isfinite(v) && v >= 0) return v;
    }
  }
  if (!items.empty()) {
    double sum = 0;
    for (const LineItem& item : items) sum += item.price * static_cast<double>(std::max<int64_t>(item.quantity, 1));
    return sum;
  }
  return cartValue;
}

std::string orderId(const Json& properties, const EngagementConfig& config) {
  std::string id = firstId(properties, {"order_id", "transaction_id"});
  if (id.size() > config.maxIdLength) id.resize(config.maxIdLength);
  return id;
}

}  // namespace engage::detail
