#include "commerce/cart.h"

#include <algorithm>

namespace engage::detail {
namespace {

LineItem* findLine(Cart& cart, const std::string& id) {
  for (LineItem& line : cart.lines) {
    if (line.id == id) return &line;
  }
  return nullptr;
}

}  // namespace

bool addToCart(Cart& cart, const LineItem& item, const EngagementConfig& config) {
  int64_t add = std::max<int64_t>(item.quantity, 1);
  if (LineItem* line = findLine(cart, item.id)) {
    line->quantity = std::min(line->quantity + add, config.maxQuantity);
    line->price = item.price > 0 ? item.price : line->price;
    if (!item.name.empty()) line->name = item.name;
    return true;
  }
  if (cart.lines.size() >= config.maxCartLines) return false;
  LineItem fresh = item;
  fresh.quantity = std::min(add, config.maxQuantity);
  cart.lines.push_back(fresh);
  return true;
}

void removeFromCart(Cart& cart, const LineItem& item) {
  auto it = std::find_if(cart.lines.begin(), cart.lines.end(),
                         [&](const LineItem& line) { return line.id == item.id; });
  if (it == cart.lines.end()) return;
  if (item.quantity > 0 && item.quantity < it->quantity) {
    it->quantity -= item.quantity;
  } else {
    cart.lines.erase(it);
  }
}

void replaceCart(Cart& cart, const std::vector<LineItem>& items, const EngagementConfig& config) {
  cart.lines.clear();
  for (const LineItem& item : items) addToCart(cart, item, config);
}

int64_t itemCount(const Cart& cart) {
  int64_t n = 0;
  for (const LineItem& line : cart.lines) n += line.quantity;
  return n;
}

double cartValue(const Cart& cart) {
  double v = 0;
  for (const LineItem& line : cart.lines) v += line.price * static_cast<double>(line.quantity);
  return v;
}

Json cartToJson(const Cart& cart) {
  Json lines = Json::array();
  for (const LineItem& line : cart.lines) {
    Json l = Json::object();
    l["id"] = line.id;
    l["name"] = line.name;
    l["price"] = line.price;
    l["quantity"] = line.quantity;
    lines.push_back(std::move(l));
  }
  Json j = Json::object();
  j["lines"] = std::move(lines);
  return j;
}

Cart cartFromJson(const Json& json, const EngagementConfig& config) {
  Cart cart;
  const Json* lines = member(json, "lines");
  if (!lines || !lines->is_array()) return cart;
  for (const Json& entry : *lines) {
    std::string id = stringOr(entry, "id", "");
    if (id.empty() || id.size() > config.maxIdLength) continue;
    LineItem item{id, stringOr(entry, "name", ""), std::max(0.0, numberOr(entry, "price", 0)),
                  integerOr(entry, "quantity", 1)};
    if (item.quantity < 1) continue;
    addToCart(cart, item, config);
  }
  return cart;
}

}  // namespace engage::detail
