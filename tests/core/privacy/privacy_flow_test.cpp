// The engine contract of engage/privacy.h, played through end to end without the engine: stamp,
// redact, dispose, hold, settle. This is the sequence sdk/src/engine is expected to run per event.
#include <gtest/gtest.h>

#include "base/json_access.h"
#include "engage/privacy.h"
#include "support/fakes.h"

namespace engage {
namespace {

using detail::Json;

constexpr int64_t kNow = 1'767'225'600'000;

class PrivacyFlow : public ::testing::Test {
 protected:
  explicit PrivacyFlow(ConsentModel model = ConsentModel::OptIn)
      : consent(config(model), &store, "engage."), buffer(500, 1 << 20) {}
  static ConsentConfig config(ConsentModel model) {
    ConsentConfig c;
    c.model = model;
    return c;
  }

  // What the engine does with one built event.
  void accept(Json event) {
    event["context"]["consent"] = consent.stamp();
    redactor.redactEvent(event, consent.maySend(ConsentCategory::Marketing));
    const ConsentCategory category = consent.categoryOf(event);
    std::string text = detail::dumpJson(event);
    switch (consent.disposition(category)) {
      case Disposition::Send: sent.push_back(std::move(text)); break;
      case Disposition::Hold: buffer.hold(std::move(text), category); break;
      case Disposition::Drop: ++dropped; break;
    }
  }
  // What the engine does after every consent change.
  void settle() {
    for (std::string& text : buffer.settle(consent).released) sent.push_back(std::move(text));
  }

  static Json page(const char* url) {
    return {{"type", "page"}, {"properties", {{"url", url}}},
            {"context", {{"page", {{"url", url}, {"title", "Checkout"}}}}}};
  }
  static Json track(const char* name) {
    return {{"type", "track"}, {"event", name}, {"properties", Json::object()}};
  }

  testing::MemoryStore store;
  ConsentState consent;
  ConsentBuffer buffer;
  Redactor redactor;
  std::vector<std::string> sent;
  int dropped = 0;
};

TEST_F(PrivacyFlow, OptInSendsAndStoresNothingUntilConsentThenReleases) {
  consent.load(kNow);
  accept(page("https://shop.example/checkout?email=jane%40example.com&gclid=abc"));
  accept(track("Product Added"));
  accept(track("Experiment Viewed"));
  EXPECT_TRUE(sent.empty());
  EXPECT_TRUE(store.data.empty());
  EXPECT_EQ(buffer.size(), 3u);

  consent.applyUserChoice({{"analytics", true}}, kNow + 1000);
  settle();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(buffer.discarded(), 1u) << "the experiment exposure was not consented";
  Json first = *detail::parseJson(sent[0]);
  EXPECT_EQ(first["properties"]["url"],
            "https://shop.example/checkout?email=[redacted]&gclid=[redacted]");
  EXPECT_EQ(first["context"]["consent"]["decided"], true);
  EXPECT_EQ(sent[0].find("jane"), std::string::npos);
  EXPECT_EQ(store.data.size(), 1u) << "only now is the decision stored";

  accept(track("Cart Viewed"));
  EXPECT_EQ(sent.size(), 3u) << "after consent, granted events go straight out";
  accept(track("Experiment Viewed"));
  EXPECT_EQ(dropped, 1);
}

TEST_F(PrivacyFlow, DecliningDiscardsTheBuffer) {
  for (int i = 0; i < 5; ++i) accept(track("Product Viewed"));
  consent.applyUserChoice({{"all", false}}, kNow);
  settle();
  EXPECT_TRUE(sent.empty());
  EXPECT_EQ(buffer.discarded(), 5u);
  accept(track("Product Viewed"));
  EXPECT_TRUE(sent.empty());
  EXPECT_FALSE(consent.mayPersist());
}

TEST_F(PrivacyFlow, ConsentFromTcfReleasesLikeAUserChoice) {
  accept(track("Product Viewed"));
  Json consents = Json::object();
  for (int p : {1, 8, 9}) consents[std::to_string(p)] = true;
  consent.applyTcf({{"gdprApplies", true}, {"eventStatus", "useractioncomplete"},
                    {"purpose", {{"consents", consents}}}}, kNow);
  settle();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ((*detail::parseJson(sent[0]))["context"]["consent"]["source"], "tcf");
}

}  // namespace
}  // namespace engage
