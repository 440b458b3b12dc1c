#include "commerce/ecommerce_event.h"

#include <gtest/gtest.h>

namespace engage::detail {
namespace {

TEST(EcommerceEvent, Ga4NamesMapToSegmentNames) {
  EXPECT_EQ(canonicalEventName("view_item"), "Product Viewed");
  EXPECT_EQ(canonicalEventName("add_to_cart"), "Product Added");
  EXPECT_EQ(canonicalEventName("remove_from_cart"), "Product Removed");
  EXPECT_EQ(canonicalEventName("view_cart"), "Cart Viewed");
  EXPECT_EQ(canonicalEventName("begin_checkout"), "Checkout Started");
  EXPECT_EQ(canonicalEventName("purchase"), "Order Completed");
  EXPECT_EQ(canonicalEventName("Purchase"), "Purchase");  // case matters, as in both specs
  EXPECT_EQ(canonicalEventName("Signed Up"), "Signed Up");
}

TEST(EcommerceEvent, Steps) {
  EXPECT_EQ(commerceStep("Product Viewed"), CommerceStep::ProductViewed);
  EXPECT_EQ(commerceStep("Order Completed"), CommerceStep::OrderCompleted);
  EXPECT_EQ(commerceStep("purchase"), CommerceStep::None);  // canonicalise first
  EXPECT_EQ(commerceStep(""), CommerceStep::None);
}

TEST(EcommerceEvent, TopLevelSegmentProduct) {
  EngagementConfig config;
  auto items = lineItems({{"product_id", "p-1"}, {"name", "Mug"}, {"price", 7.5}, {"quantity", 3}}, config);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].id, "p-1");
  EXPECT_EQ(items[0].name, "Mug");
  EXPECT_EQ(items[0].price, 7.5);
  EXPECT_EQ(items[0].quantity, 3);
}

TEST(EcommerceEvent, ProductListsAndIdFallbacks) {
  EngagementConfig config;
  Json props = {{"products",
                 {{{"sku", "s-1"}},
                  {{"id", 42}},
                  {{"name", "Only a name"}},
                  {{"price", 3}},  // no id at all: skipped
                  "not an object"}}};
  auto items = lineItems(props, config);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].id, "s-1");
  EXPECT_EQ(items[1].id, "42");
  EXPECT_EQ(items[2].id, "Only a name");
  EXPECT_EQ(items[0].quantity, 0);  // not given
  EXPECT_TRUE(hasProductList(props));
  EXPECT_FALSE(hasProductList({{"products", "x"}}));
}

TEST(EcommerceEvent, Ga4Items) {
  EngagementConfig config;
  auto items = lineItems({{"items", {{{"item_id", "g"}, {"item_name", "Lamp"}, {"price", 30}}}}}, config);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].id, "g");
  EXPECT_EQ(items[0].name, "Lamp");
}

TEST(EcommerceEvent, BadPricesAndQuantitiesAreSanitised) {
  EngagementConfig config;
  config.maxQuantity = 50;
  config.maxIdLength = 4;
  auto items = lineItems({{"products",
                           {{{"product_id", "abcdefgh"}, {"price", -3}, {"quantity", 0}},
                            {{"product_id", "b"}, {"price", "9.99"}, {"quantity", 1e300}}}}},
                         config);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].id, "abcd");
  EXPECT_EQ(items[0].price, 0);
  EXPECT_EQ(items[0].quantity, 1);
  EXPECT_EQ(items[1].price, 0);  // prices must be numbers
  EXPECT_EQ(items[1].quantity, 50);
}

TEST(EcommerceEvent, OrderValuePrecedence) {
  std::vector<LineItem> items = {{"a", "", 2, 3}, {"b", "", 4, 0}};
  EXPECT_EQ(orderValue({{"total", 10}, {"revenue", 8}, {"value", 6}}, items, 99), 10);
  EXPECT_EQ(orderValue({{"revenue", 8}, {"value", 6}}, items, 99), 8);
  EXPECT_EQ(orderValue({{"value", 6}}, items, 99), 6);
  EXPECT_EQ(orderValue({{"total", "10"}}, items, 99), 10);  // 2*3 + 4*1
  EXPECT_EQ(orderValue(Json::object(), {}, 99), 99);
  EXPECT_EQ(orderValue({{"total", -1}}, {}, 5), 5);
}

TEST(EcommerceEvent, OrderId) {
  EngagementConfig config;
  EXPECT_EQ(orderId({{"order_id", "o-1"}}, config), "o-1");
  EXPECT_EQ(orderId({{"transaction_id", 77}}, config), "77");
  EXPECT_EQ(orderId({{"order_id", true}}, config), "");
}

}  // namespace
}  // namespace engage::detail
