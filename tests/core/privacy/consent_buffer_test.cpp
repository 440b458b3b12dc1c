#include <gtest/gtest.h>

#include "base/json_access.h"
#include "engage/privacy.h"
#include "support/fakes.h"

namespace engage {
namespace {

using detail::Json;
using C = ConsentCategory;

constexpr int64_t kNow = 1'767'225'600'000;

std::string eventText(const char* name, const Json& stamp) {
  Json e = {{"type", "track"}, {"event", name}, {"properties", Json::object()},
            {"context", {{"consent", stamp}}}};
  return detail::dumpJson(e);
}

class ConsentBufferTest : public ::testing::Test {
 protected:
  ConsentBufferTest() : consent(config(), &store, "engage."), buffer(500, 1 << 20) {}
  static ConsentConfig config() {
    ConsentConfig c;
    c.model = ConsentModel::OptIn;
    return c;
  }
  testing::MemoryStore store;
  ConsentState consent;
  ConsentBuffer buffer;
};

TEST_F(ConsentBufferTest, BoundedByCount) {
  buffer.setLimits(3, 1 << 20);
  for (int i = 0; i < 5; ++i) buffer.hold(eventText("e", consent.stamp()), C::Analytics);
  EXPECT_EQ(buffer.size(), 3u);
  EXPECT_EQ(buffer.dropped(), 2u);
}

TEST_F(ConsentBufferTest, BoundedByBytesKeepingTheEarliest) {
  std::string first = eventText("first", consent.stamp());
  buffer.setLimits(100, first.size() * 2 + 1);
  EXPECT_TRUE(buffer.hold(first, C::Analytics));
  EXPECT_TRUE(buffer.hold(eventText("secnd", consent.stamp()), C::Analytics));
  EXPECT_FALSE(buffer.hold(eventText("third", consent.stamp()), C::Analytics));
  EXPECT_EQ(buffer.bytes(), first.size() * 2);
  EXPECT_EQ(buffer.dropped(), 1u);
  EXPECT_FALSE(buffer.hold(std::string(first.size() * 3, 'x'), C::Analytics)) << "larger than the cap";
  consent.applyUserChoice({{"analytics", true}}, kNow);
  auto settled = buffer.settle(consent);
  ASSERT_EQ(settled.released.size(), 2u);
  EXPECT_EQ(detail::parseJson(settled.released[0])->at("event"), "first");
}

TEST_F(ConsentBufferTest, NothingMovesWhileUndecided) {
  buffer.hold(eventText("a", consent.stamp()), C::Analytics);
  auto settled = buffer.settle(consent);
  EXPECT_TRUE(settled.released.empty());
  EXPECT_EQ(settled.discarded, 0u);
  EXPECT_EQ(buffer.size(), 1u);
  EXPECT_TRUE(store.data.empty());
}

TEST_F(ConsentBufferTest, DecisionReleasesGrantedAndDiscardsDenied) {
  buffer.hold(eventText("Page", consent.stamp()), C::Analytics);
  buffer.hold(eventText("Experiment Viewed", consent.stamp()), C::Experiments);
  buffer.hold(eventText("Product Added", consent.stamp()), C::Analytics);
  buffer.hold(eventText("Ad", consent.stamp()), C::Marketing);
  consent.applyUserChoice({{"analytics", true}}, kNow);
  auto settled = buffer.settle(consent);
  ASSERT_EQ(settled.released.size(), 2u);
  EXPECT_EQ(settled.discarded, 2u);
  EXPECT_EQ(buffer.size(), 0u);
  EXPECT_EQ(buffer.bytes(), 0u);
  EXPECT_EQ(buffer.discarded(), 2u);
  Json first = *detail::parseJson(settled.released[0]);
  EXPECT_EQ(first["event"], "Page");
  EXPECT_EQ(first["context"]["consent"]["decided"], true) << "restamped with the decision";
  EXPECT_EQ(first["context"]["consent"]["granted"], Json::array({"necessary", "analytics"}));
  EXPECT_EQ(detail::parseJson(settled.released[1])->at("event"), "Product Added");
}

TEST_F(ConsentBufferTest, DeclineDiscardsEverything) {
  for (int i = 0; i < 10; ++i) buffer.hold(eventText("e", consent.stamp()), C::Analytics);
  consent.applyUserChoice({{"all", false}}, kNow);
  auto settled = buffer.settle(consent);
  EXPECT_TRUE(settled.released.empty());
  EXPECT_EQ(settled.discarded, 10u);
  EXPECT_EQ(buffer.size(), 0u);
}

TEST_F(ConsentBufferTest, ClearCountsAsDiscarded) {
  buffer.hold(eventText("e", consent.stamp()), C::Analytics);
  buffer.clear();
  EXPECT_EQ(buffer.size(), 0u);
  EXPECT_EQ(buffer.discarded(), 1u);
}

}  // namespace
}  // namespace engage
