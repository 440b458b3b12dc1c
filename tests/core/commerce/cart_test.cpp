#include "commerce/cart.h"

#include <gtest/gtest.h>

namespace engage::detail {
namespace {

LineItem item(const std::string& id, double price, int64_t quantity = 0) { return {id, "", price, quantity}; }

TEST(Cart, AddMergesByProductAndCountsOneWhenNoQuantity) {
  EngagementConfig config;
  Cart cart;
  EXPECT_TRUE(addToCart(cart, item("a", 2), config));
  EXPECT_TRUE(addToCart(cart, item("a", 3, 2), config));  // latest price wins
  EXPECT_TRUE(addToCart(cart, item("b", 1.5, 4), config));
  ASSERT_EQ(cart.lines.size(), 2u);
  EXPECT_EQ(cart.lines[0].quantity, 3);
  EXPECT_EQ(itemCount(cart), 7);
  EXPECT_DOUBLE_EQ(cartValue(cart), 3 * 3 + 1.5 * 4);
}

TEST(Cart, RemovePartialWholeAndUnknown) {
  EngagementConfig config;
  Cart cart;
  addToCart(cart, item("a", 1, 5), config);
  addToCart(cart, item("b", 1, 1), config);
  removeFromCart(cart, item("a", 0, 2));
  EXPECT_EQ(cart.lines[0].quantity, 3);
  removeFromCart(cart, item("a", 0, 3));
  ASSERT_EQ(cart.lines.size(), 1u);
  removeFromCart(cart, item("zzz", 0, 1));
  removeFromCart(cart, item("b", 0));  // no quantity: the whole line
  EXPECT_TRUE(cart.lines.empty());
}

TEST(Cart, LineAndQuantityLimits) {
  EngagementConfig config;
  config.maxCartLines = 2;
  config.maxQuantity = 10;
  Cart cart;
  EXPECT_TRUE(addToCart(cart, item("a", 1, 8), config));
  EXPECT_TRUE(addToCart(cart, item("b", 1), config));
  EXPECT_FALSE(addToCart(cart, item("c", 1), config));
  EXPECT_TRUE(addToCart(cart, item("a", 1, 8), config));
  EXPECT_EQ(cart.lines.size(), 2u);
  EXPECT_EQ(cart.lines[0].quantity, 10);
}

TEST(Cart, Replace) {
  EngagementConfig config;
  Cart cart;
  addToCart(cart, item("a", 1), config);
  replaceCart(cart, {item("x", 2, 2), item("x", 2, 1)}, config);
  ASSERT_EQ(cart.lines.size(), 1u);
  EXPECT_EQ(cart.lines[0].id, "x");
  EXPECT_EQ(cart.lines[0].quantity, 3);
}

TEST(Cart, JsonRoundTripAndTolerance) {
  EngagementConfig config;
  Cart cart;
  addToCart(cart, {"a", "Mug", 2.5, 2}, config);
  Cart back = cartFromJson(cartToJson(cart), config);
  ASSERT_EQ(back.lines.size(), 1u);
  EXPECT_EQ(back.lines[0].name, "Mug");
  EXPECT_EQ(back.lines[0].quantity, 2);
  EXPECT_EQ(back.lines[0].price, 2.5);

  Json junk = {{"lines", {{{"id", "ok"}, {"quantity", 1}}, {{"id", 5}}, {{"id", "neg"}, {"quantity", -2}}, 7}}};
  Cart tolerant = cartFromJson(junk, config);
  ASSERT_EQ(tolerant.lines.size(), 1u);
  EXPECT_EQ(tolerant.lines[0].id, "ok");
  EXPECT_TRUE(cartFromJson(Json::array(), config).lines.empty());
}

}  // namespace
}  // namespace engage::detail
