// JSON at the engine boundary.
#include <gtest/gtest.h>

#include "base/json_access.h"
#include "recommend/planted.h"

namespace engage::recommend {
namespace {

TEST(RecommendJson, ParsesAFullRequest) {
  RequestParse p = requestFromJson(R"({"context":"cart","item":42,"session":["a","b"],
    "history":[{"item":"h","ts":1000,"weight":3},{"item":7}],"cart":["c"],"purchased":["p"],
    "k":5,"method":"vsknn","now":2000,
    "filter":{"categories":["shoes"],"excludeCategories":["x"],"excludeItems":["e"],
              "excludeSession":true,"maxPerCategory":2,"pin":["p1"],
              "boost":{"items":{"i":2},"categories":{"shoes":1.5}}}})");
  ASSERT_TRUE(p.request) << p.error;
  const Request& r = *p.request;
  EXPECT_EQ(r.context, Context::Cart);
  EXPECT_EQ(r.item, "42");
  EXPECT_EQ(r.session, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(r.history.size(), 2u);
  EXPECT_EQ(r.history[0].tsMs, 1000);
  EXPECT_EQ(r.history[0].weight, 3.0);
  EXPECT_EQ(r.history[1].item, "7");
  EXPECT_EQ(r.history[1].weight, 1.0);
  EXPECT_EQ(r.cart, (std::vector<std::string>{"c"}));
  EXPECT_EQ(r.purchased, (std::vector<std::string>{"p"}));
  EXPECT_EQ(r.k, 5);
  EXPECT_EQ(r.method, Method::VSKNN);
  EXPECT_EQ(r.nowMs, 2000);
  EXPECT_EQ(r.filter.categories, (std::vector<std::string>{"shoes"}));
  EXPECT_TRUE(r.filter.excludeSession);
  EXPECT_EQ(r.filter.maxPerCategory, 2);
  EXPECT_EQ(r.filter.pin, (std::vector<std::string>{"p1"}));
  EXPECT_EQ(r.filter.boostItems.at("i"), 2.0);
  EXPECT_EQ(r.filter.boostCategories.at("shoes"), 1.5);
}

TEST(RecommendJson, DefaultsAndErrors) {
  RequestParse empty = requestFromJson("{}");
  ASSERT_TRUE(empty.request);
  EXPECT_EQ(empty.request->context, Context::Home);
  EXPECT_EQ(empty.request->k, 10);
  EXPECT_EQ(empty.request->method, Method::Engage);
  for (const char* bad : {"[", "[]", R"({"context":"basket"})", R"({"method":"gru4rec"})",
                          R"({"session":"a"})", R"({"session":[{}]})", R"({"session":[""]})",
                          R"({"history":[{"ts":1}]})", R"({"filter":[]})",
                          R"({"filter":{"boost":{"items":{"a":"x"}}}})", R"({"item":true})"}) {
    RequestParse p = requestFromJson(bad);
    EXPECT_FALSE(p.request) << bad;
    EXPECT_FALSE(p.error.empty()) << bad;
  }
}

TEST(RecommendJson, EnforcesLimits) {
  RequestLimits limits;
  limits.maxListLength = 2;
  EXPECT_FALSE(requestFromJson(R"({"session":["a","b","c"]})", limits).request);
  EXPECT_TRUE(requestFromJson(R"({"session":["a","b"]})", limits).request);
  limits.maxIdLength = 3;
  EXPECT_FALSE(requestFromJson(R"({"session":["abcd"]})", limits).request);
}

TEST(RecommendJson, ResultsCarryReasonTextAndCode) {
  std::vector<Recommendation> results(2);
  results[0].id = "b";
  results[0].score = 0.5;
  results[0].reason = ReasonCode::Viewed;
  results[0].because = "a";
  results[1].id = "p";
  std::optional<engage::detail::Json> j = engage::detail::parseJson(recommendationsToJson(results));
  ASSERT_TRUE(j && j->is_array());
  EXPECT_EQ(engage::detail::stringOr((*j)[0], "reason", ""), "because you viewed a");
  EXPECT_EQ(engage::detail::stringOr((*j)[0], "reasonCode", ""), "viewed");
  EXPECT_EQ(engage::detail::stringOr((*j)[0], "because", ""), "a");
  EXPECT_EQ(engage::detail::numberOr((*j)[0], "score", 0), 0.5);
  EXPECT_EQ(engage::detail::stringOr((*j)[1], "reason", ""), "popular");
  EXPECT_EQ(engage::detail::member((*j)[1], "because"), nullptr);
}

TEST(RecommendJson, EndToEndThroughAModel) {
  testing::PlantedData data = testing::plantedGraph(3, 20, 5);
  auto model = testing::load(buildModel(data.sessions, {}));
  ASSERT_TRUE(model);
  Recommender rec(*model);
  RequestParse p = requestFromJson(R"({"context":"product","item":"a1","k":2})");
  ASSERT_TRUE(p.request);
  std::optional<engage::detail::Json> j = engage::detail::parseJson(recommendationsToJson(rec.recommend(*p.request)));
  ASSERT_TRUE(j && j->size() == 2);
  EXPECT_EQ(engage::detail::stringOr((*j)[0], "id", ""), "b1");
  EXPECT_EQ(engage::detail::stringOr((*j)[1], "id", ""), "c1");
}

}  // namespace
}  // namespace engage::recommend
