// Business rules hold exactly: exclusions, category filters, per-category caps, pins, boosts.
#include <gtest/gtest.h>

#include <set>

#include "recommend/planted.h"

namespace engage::recommend {
namespace {

using testing::ids;

// Anchor "a0" leads to b0 (6), c0 (3), d0 (1); categories: b* shoes, c* shirts, d* hats.
class BusinessRules : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::PlantedData data = testing::plantedGraph(10, 200, 11);
    std::map<std::string, std::string> catalog;
    for (int t = 0; t < 10; ++t) {
      catalog[testing::anchor(t)] = "anchors";
      catalog[testing::strong(t)] = "shoes";
      catalog[testing::medium(t)] = "shirts";
      catalog[testing::weak(t)] = "hats";
    }
    for (int f = 0; f < 60; ++f) catalog["f" + std::to_string(f)] = "misc";
    auto model = testing::load(buildModel(data.sessions, catalog));
    ASSERT_TRUE(model);
    ASSERT_TRUE(model->hasCategories());
    rec_ = std::make_unique<Recommender>(*model);
  }
  Request base() const {
    Request r;
    r.context = Context::Product;
    r.item = "a0";
    r.k = 3;
    return r;
  }
  std::vector<std::string> run(const Request& r) { return ids(rec_->recommend(r)); }
  std::unique_ptr<Recommender> rec_;
};

TEST_F(BusinessRules, CartAndPurchasedItemsNeverAppear) {
  Request r = base();
  r.cart = {"b0"};
  r.purchased = {"c0"};
  r.k = 20;
  auto got = run(r);
  EXPECT_EQ(got.front(), "d0");
  EXPECT_EQ(std::count(got.begin(), got.end(), "b0"), 0);
  EXPECT_EQ(std::count(got.begin(), got.end(), "c0"), 0);
  EXPECT_EQ(std::count(got.begin(), got.end(), "a0"), 0);  // the product on screen
  EXPECT_EQ(got.size(), 20u);
}

TEST_F(BusinessRules, ExcludeItemsAndSession) {
  Request r = base();
  r.filter.excludeItems = {"c0"};
  EXPECT_EQ(run(r)[1], "d0");
  Request home;
  home.session = {"a0"};
  home.k = 1;
  EXPECT_EQ(run(home), (std::vector<std::string>{"a0"}));  // remind: the session item itself
  home.filter.excludeSession = true;
  EXPECT_EQ(run(home), (std::vector<std::string>{"b0"}));
}

TEST_F(BusinessRules, CategoryFilterKeepsOnlyThoseCategories) {
  Request r = base();
  r.k = 10;
  r.filter.categories = {"shirts", "hats"};
  auto got = run(r);
  ASSERT_EQ(got.size(), 10u);
  EXPECT_EQ(got[0], "c0");
  EXPECT_EQ(got[1], "d0");
  for (const auto& id : got) EXPECT_TRUE(id[0] == 'c' || id[0] == 'd') << id;
}

TEST_F(BusinessRules, ExcludedCategoriesNeverAppear) {
  Request r = base();
  r.k = 30;
  r.filter.excludeCategories = {"shoes", "misc"};
  auto got = run(r);
  EXPECT_EQ(got[0], "c0");
  for (const auto& id : got) EXPECT_TRUE(id[0] != 'b' && id[0] != 'f') << id;
}

TEST_F(BusinessRules, UnknownCategoryFilterGivesNothing) {
  Request r = base();
  r.filter.categories = {"no-such-category"};
  EXPECT_TRUE(run(r).empty());
}

TEST_F(BusinessRules, MaxPerCategoryHoldsExactly) {
  Request r;
  r.session = {"a0", "a1", "a2"};
  r.k = 20;
  r.filter.excludeSession = true;
  r.filter.maxPerCategory = 2;
  auto results = rec_->recommend(r);
  // Five categories (shoes, shirts, hats, misc, anchors) x 2: the cap stops the list at 10.
  ASSERT_EQ(results.size(), 10u);
  std::map<std::string, int> perCategory;
  for (const auto& x : results) {
    auto index = rec_->model().indexOf(x.id);
    ASSERT_TRUE(index);
    ++perCategory[std::string(rec_->model().categoryAt(*index))];
  }
  for (const auto& [category, count] : perCategory) EXPECT_LE(count, 2) << category;
  EXPECT_EQ(perCategory["shoes"], 2);
  EXPECT_EQ(perCategory["shirts"], 2);
  EXPECT_EQ(perCategory["hats"], 2);
  EXPECT_EQ(perCategory["misc"], 2);
  EXPECT_EQ(perCategory["anchors"], 2);
  EXPECT_EQ(results[0].id, "b2");  // the successor of the most recent session item leads
}

TEST_F(BusinessRules, PinsComeFirstInOrderUnlessExcluded) {
  Request r = base();
  r.k = 4;
  r.cart = {"f2"};
  r.filter.pin = {"f1", "not-in-model", "f2", "b0", "f1"};
  auto results = rec_->recommend(r);
  EXPECT_EQ(ids(results), (std::vector<std::string>{"f1", "not-in-model", "b0", "c0"}));
  EXPECT_EQ(results[0].reason, ReasonCode::Pinned);
  EXPECT_EQ(results[1].reason, ReasonCode::Pinned);
  EXPECT_EQ(results[2].reason, ReasonCode::Pinned);
  EXPECT_EQ(results[3].reason, ReasonCode::Viewed);
}

TEST_F(BusinessRules, PinsRespectCategoryFilters) {
  Request r = base();
  r.filter.categories = {"shoes"};
  r.filter.pin = {"c0", "b1"};
  // c0 is pinned but filtered out; b1 is pinned; then the scored b0; then shoes by popularity.
  EXPECT_EQ(run(r), (std::vector<std::string>{"b1", "b0", "b2"}));
}

TEST_F(BusinessRules, BoostsReorderScoredCandidates) {
  Request r = base();
  r.filter.boostItems = {{"d0", 100.0}};
  EXPECT_EQ(run(r), (std::vector<std::string>{"d0", "b0", "c0"}));
  r.filter.boostItems.clear();
  r.filter.boostCategories = {{"shirts", 10.0}};
  EXPECT_EQ(run(r), (std::vector<std::string>{"c0", "b0", "d0"}));
  r.filter.boostCategories = {{"shirts", -5.0}};  // invalid factors are ignored
  EXPECT_EQ(run(r), (std::vector<std::string>{"b0", "c0", "d0"}));
}

TEST_F(BusinessRules, PopularMethodHonoursBoosts) {
  Request r;
  r.method = Method::Popular;
  r.k = 2;
  auto plain = run(r);
  r.filter.boostItems = {{"d9", 1000.0}};
  auto boosted = run(r);
  EXPECT_EQ(boosted[0], "d9");
  EXPECT_EQ(boosted[1], plain[0]);
}

TEST_F(BusinessRules, CartContextAnchorsOnCartItemsAndSaysBoughtTogether) {
  Request r;
  r.context = Context::Cart;
  r.cart = {"a4"};
  r.k = 2;
  auto results = rec_->recommend(r);
  ASSERT_EQ(ids(results), (std::vector<std::string>{"b4", "c4"}));
  EXPECT_EQ(results[0].reason, ReasonCode::BoughtTogether);
  EXPECT_EQ(results[0].reasonText(), "bought together with a4");
}

TEST_F(BusinessRules, KIsClampedAndZeroGivesNothing) {
  Request r = base();
  r.k = 0;
  EXPECT_TRUE(run(r).empty());
  r.k = -3;
  EXPECT_TRUE(run(r).empty());
  r.k = 100000;
  // Clamped to ScoringConfig::maxK = 100; the model holds exactly 100 items, one of which is
  // the product on screen (excluded).
  EXPECT_EQ(run(r).size(), 99u);
  ScoringConfig small;
  small.maxK = 5;
  Recommender limited(rec_->model(), small);
  EXPECT_EQ(ids(limited.recommend(r)).size(), 5u);
}

TEST_F(BusinessRules, ResultsNeverRepeatAnItem) {
  Request r = base();
  r.k = 100;
  r.filter.pin = {"b0", "f3"};
  auto got = run(r);
  std::set<std::string> unique(got.begin(), got.end());
  EXPECT_EQ(unique.size(), got.size());
}

}  // namespace
}  // namespace engage::recommend
