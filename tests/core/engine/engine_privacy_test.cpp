// Consent and redaction as the engine applies them to every event (docs/PRIVACY.md).
#include <gtest/gtest.h>

#include "base/json_access.h"
#include "engage/engine.h"
#include "support/fakes.h"

namespace engage {
namespace {

using detail::Json;
using detail::parseJson;

class EnginePrivacyTest : public ::testing::Test {
 protected:
  EnginePrivacyTest() : engine(fake.platform()) {}
  Json runOne(const Json& command) { return (*parseJson(engine.run(Json::array({command}).dump())))[0]; }
  std::vector<Json> sent() {
    std::vector<Json> out;
    for (const auto& b : fake.transport.sent) {
      Json body = *parseJson(b.body);
      for (const auto& e : body["batch"]) out.push_back(e);
    }
    return out;
  }
  testing::FakePlatform fake;
  Engine engine;
};

TEST_F(EnginePrivacyTest, OptInStoresAndSendsNothingUntilConsentThenSendsWhatWaited) {
  ASSERT_TRUE(runOne({{"op", "configure"}, {"config", {{"consent", {{"model", "opt-in"}}}}}})["ok"]);
  runOne({{"op", "context"}, {"context", {{"page", {{"url", "https://shop.example/"}}}}}});
  Json held = runOne({{"op", "track"}, {"event", "Early"}});
  EXPECT_EQ(held["held"], true);
  runOne({{"op", "identify"}, {"userId", "u-1"}});
  runOne({{"op", "flush"}});
  engine.tick();
  EXPECT_TRUE(fake.store.data.empty()) << "nothing written before consent";
  EXPECT_TRUE(fake.transport.sent.empty()) << "nothing sent before consent";

  Json granted = runOne({{"op", "consent"}, {"choice", {{"all", true}}}});
  ASSERT_TRUE(granted["ok"]) << granted;
  EXPECT_EQ(granted["released"], 2);
  runOne({{"op", "flush"}});
  auto events = sent();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["event"], "Early");
  EXPECT_EQ(events[0]["context"]["consent"]["decided"], true) << "restamped with the decision";
  EXPECT_FALSE(fake.store.data.empty()) << "ids and queue may be stored now";
  EXPECT_TRUE(fake.store.data.count("engage.anonymousId"));
}

TEST_F(EnginePrivacyTest, DecliningDiscardsWhatWaited) {
  runOne({{"op", "configure"}, {"config", {{"consent", {{"model", "opt-in"}}}}}});
  runOne({{"op", "track"}, {"event", "Early"}});
  Json declined = runOne({{"op", "consent"}, {"choice", {{"all", false}}}});
  EXPECT_EQ(declined["released"], 0);
  EXPECT_EQ(declined["consent"]["discarded"], 1);
  runOne({{"op", "track"}, {"event", "Later"}});
  runOne({{"op", "flush"}});
  EXPECT_TRUE(fake.transport.sent.empty());
  EXPECT_EQ(fake.store.data.count("engage.anonymousId"), 0u);
}

TEST_F(EnginePrivacyTest, GpcDeniesMarketingOnTheStamp) {
  runOne({{"op", "configure"}, {"config", Json::object()}});
  runOne({{"op", "gpc"}, {"on", true}});
  runOne({{"op", "track"}, {"event", "A"}});
  runOne({{"op", "flush"}});
  auto events = sent();
  ASSERT_EQ(events.size(), 1u);
  const Json& consent = events[0]["context"]["consent"];
  EXPECT_EQ(consent["gpc"], true) << consent;
  bool marketing = true;
  if (consent.contains("categories") && consent["categories"].is_object())
    marketing = consent["categories"].value("marketing", true);
  else if (consent.contains("granted") && consent["granted"].is_array())
    marketing = std::find(consent["granted"].begin(), consent["granted"].end(), "marketing") != consent["granted"].end();
  EXPECT_FALSE(marketing) << consent;
}

TEST_F(EnginePrivacyTest, PiiInPropertiesUrlsAndTitlesNeverLeaves) {
  runOne({{"op", "configure"}, {"config", Json::object()}});
  runOne({{"op", "context"},
          {"context",
           {{"page",
             {{"url", "https://shop.example/account?email=ada%40example.com&token=abcdef0123456789abcdef0123456789"},
              {"title", "Orders of ada@example.com"}}}}}});
  runOne({{"op", "track"},
          {"event", "Order Completed"},
          {"properties",
           {{"note", "card 4111 1111 1111 1111 please"},
            {"contact", "mail me at ada@example.com"},
            {"order_id", "4111111111111112"},
            {"auth", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"}}}});
  runOne({{"op", "flush"}});
  ASSERT_EQ(fake.transport.sent.size(), 1u);
  const std::string& body = fake.transport.sent[0].body;
  EXPECT_EQ(body.find("ada@example.com"), std::string::npos) << body;
  EXPECT_EQ(body.find("ada%40example.com"), std::string::npos) << body;
  EXPECT_EQ(body.find("4111 1111 1111 1111"), std::string::npos) << body;
  EXPECT_EQ(body.find("eyJhbGciOiJIUzI1NiJ9"), std::string::npos) << body;
  EXPECT_EQ(body.find("abcdef0123456789abcdef0123456789"), std::string::npos) << body;
  EXPECT_NE(body.find("4111111111111112"), std::string::npos) << "a Luhn-invalid order id survives";
}

}  // namespace
}  // namespace engage
