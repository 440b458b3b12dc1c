#include <gtest/gtest.h>

#include "base/json_access.h"
#include "engage/privacy.h"
#include "support/fakes.h"

namespace engage {
namespace {

using detail::Json;
using C = ConsentCategory;

constexpr int64_t kNow = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

ConsentConfig optIn() {
  ConsentConfig c;
  c.model = ConsentModel::OptIn;
  return c;
}

TEST(ConsentState, OptInHoldsEverythingButNecessaryUntilDecided) {
  testing::MemoryStore store;
  ConsentState consent(optIn(), &store, "engage.");
  consent.load(kNow);
  EXPECT_FALSE(consent.decided());
  EXPECT_EQ(consent.disposition(C::Necessary), Disposition::Send);
  for (C c : {C::Analytics, C::Personalisation, C::Experiments, C::Marketing})
    EXPECT_EQ(consent.disposition(c), Disposition::Hold) << categoryName(c);
  EXPECT_FALSE(consent.mayPersist());
  EXPECT_TRUE(store.data.empty());

  ASSERT_EQ(consent.applyUserChoice({{"analytics", true}}, kNow).status, ConsentStatus::Applied);
  EXPECT_TRUE(consent.decided());
  EXPECT_TRUE(consent.maySend(C::Analytics));
  EXPECT_EQ(consent.disposition(C::Marketing), Disposition::Drop);
  EXPECT_EQ(consent.disposition(C::Personalisation), Disposition::Drop);
  EXPECT_TRUE(consent.mayPersist());
  EXPECT_EQ(store.data.count("engage.consent"), 1u);
}

TEST(ConsentState, OptOutSendsEverythingUntilDeclined) {
  testing::MemoryStore store;
  ConsentState consent(ConsentConfig{}, &store, "engage.");
  for (C c : {C::Analytics, C::Personalisation, C::Experiments, C::Marketing})
    EXPECT_TRUE(consent.maySend(c));
  EXPECT_TRUE(consent.mayPersist());
  consent.applyUserChoice({{"marketing", false}}, kNow);
  EXPECT_TRUE(consent.maySend(C::Analytics));
  EXPECT_TRUE(consent.maySend(C::Experiments));
  EXPECT_EQ(consent.disposition(C::Marketing), Disposition::Drop);
  consent.applyUserChoice({{"all", false}}, kNow + 1);
  EXPECT_EQ(consent.disposition(C::Analytics), Disposition::Drop);
  EXPECT_TRUE(consent.maySend(C::Necessary));
  EXPECT_FALSE(consent.mayPersist()) << "only necessary left: identifiers serve no purpose";
  // The decline itself is remembered so the visitor is not asked again.
  EXPECT_EQ(store.data.count("engage.consent"), 1u);
}

TEST(ConsentState, DecisionCanBeChangedBothWays) {
  ConsentState consent(optIn(), nullptr, "engage.");
  consent.applyUserChoice({{"all", false}}, kNow);
  EXPECT_FALSE(consent.maySend(C::Analytics));
  consent.applyUserChoice({{"all", true}, {"marketing", false}}, kNow + 5);
  EXPECT_TRUE(consent.maySend(C::Analytics));
  EXPECT_TRUE(consent.maySend(C::Personalisation));
  EXPECT_FALSE(consent.maySend(C::Marketing));
  EXPECT_EQ(consent.decision().decidedAtMs, kNow + 5);
}

TEST(ConsentState, InvalidChoicesChangeNothing) {
  ConsentState consent(optIn(), nullptr, "engage.");
  EXPECT_EQ(consent.applyUserChoice(Json(3), kNow).status, ConsentStatus::Invalid);
  EXPECT_EQ(consent.applyUserChoice({{"analytic", true}}, kNow).status, ConsentStatus::Invalid);
  EXPECT_EQ(consent.applyUserChoice({{"analytics", "yes"}}, kNow).status, ConsentStatus::Invalid);
  EXPECT_EQ(consent.applyUserChoice({{"all", 1}}, kNow).status, ConsentStatus::Invalid);
  EXPECT_FALSE(consent.decided());
  // "necessary" cannot be switched off; "personalization" is accepted as a spelling.
  consent.applyUserChoice({{"necessary", false}, {"personalization", true}}, kNow);
  EXPECT_TRUE(consent.maySend(C::Necessary));
  EXPECT_TRUE(consent.maySend(C::Personalisation));
}

TEST(ConsentState, GpcDeniesMarketingByDefault) {
  ConsentState consent(ConsentConfig{}, nullptr, "engage.");
  consent.setGpc(true);
  EXPECT_EQ(consent.disposition(C::Marketing), Disposition::Drop);
  EXPECT_TRUE(consent.maySend(C::Analytics));
  EXPECT_EQ(consent.stamp()["source"], "gpc");
  EXPECT_EQ(consent.stamp()["gpc"], true);
  // A choice that does not mention marketing keeps it denied, and an explicit grant is still masked.
  consent.applyUserChoice({{"analytics", true}}, kNow);
  EXPECT_FALSE(consent.maySend(C::Marketing));
  consent.applyUserChoice({{"marketing", true}}, kNow);
  EXPECT_FALSE(consent.maySend(C::Marketing));
  consent.setGpc(false);
  EXPECT_TRUE(consent.maySend(C::Marketing));
}

TEST(ConsentState, GpcInOptInDropsMarketingInsteadOfHolding) {
  ConsentState consent(optIn(), nullptr, "engage.");
  consent.setGpc(true);
  EXPECT_EQ(consent.disposition(C::Marketing), Disposition::Drop);
  EXPECT_EQ(consent.disposition(C::Analytics), Disposition::Hold);
}

TEST(ConsentState, GpcCanBeIgnoredByConfig) {
  ConsentConfig config;
  config.honourGpc = false;
  ConsentState consent(config, nullptr, "engage.");
  consent.setGpc(true);
  EXPECT_TRUE(consent.maySend(C::Marketing));
  EXPECT_EQ(consent.stamp()["gpc"], true);
  EXPECT_EQ(consent.stamp()["source"], "default");
}

TEST(ConsentState, StampShape) {
  ConsentState consent(optIn(), nullptr, "engage.");
  EXPECT_EQ(consent.stamp(), Json::parse(R"({"model":"opt-in","decided":false,"source":"default",
      "granted":["necessary"],"gpc":false,"timestamp":null})"));
  consent.applyUserChoice({{"analytics", true}, {"experiments", true}}, kNow + 123);
  EXPECT_EQ(consent.stamp(), Json::parse(R"({"model":"opt-in","decided":true,"source":"user",
      "granted":["necessary","analytics","experiments"],"gpc":false,
      "timestamp":"2026-01-01T00:00:00.123Z"})"));
}

TEST(ConsentState, NothingIsWrittenInOptInBeforeConsent) {
  testing::MemoryStore store;
  ConsentState consent(optIn(), &store, "engage.");
  consent.load(kNow);
  consent.setGpc(true);
  EXPECT_EQ(consent.applyConsentMode({{"region", Json::array({"DE"})}}, kNow).status,
            ConsentStatus::Ignored);
  EXPECT_EQ(consent.applyTcf({{"gdprApplies", true}, {"eventStatus", "cmpuishown"}}, kNow).status,
            ConsentStatus::Ignored);
  EXPECT_FALSE(consent.mayPersist());
  EXPECT_TRUE(store.data.empty());
  EXPECT_EQ(store.failedWrites, 0);
}

TEST(ConsentState, DecisionSurvivesReload) {
  testing::MemoryStore store;
  {
    ConsentState consent(optIn(), &store, "engage.");
    consent.applyUserChoice({{"analytics", true}, {"personalisation", true}}, kNow);
  }
  ConsentState reloaded(optIn(), &store, "engage.");
  reloaded.load(kNow + 1000);
  EXPECT_TRUE(reloaded.decided());
  EXPECT_TRUE(reloaded.maySend(C::Personalisation));
  EXPECT_FALSE(reloaded.maySend(C::Marketing));
  EXPECT_EQ(reloaded.stamp()["source"], "user");
  EXPECT_EQ(reloaded.decision().decidedAtMs, kNow);
}

TEST(ConsentState, ExpiredOrForeignRecordsAreRemovedNotTrusted) {
  testing::MemoryStore store;
  {
    ConsentState consent(optIn(), &store, "engage.");
    consent.applyUserChoice({{"all", true}}, kNow);
  }
  ConsentState later(optIn(), &store, "engage.");
  later.load(kNow + ConsentConfig{}.decisionMaxAgeMs + 1);
  EXPECT_FALSE(later.decided());
  EXPECT_TRUE(store.data.empty());

  for (const char* bad : {"{nope", R"({"v":2,"granted":["analytics"],"source":"user","ts":1})",
                          R"({"v":1,"granted":["everything"],"source":"user","ts":1})",
                          R"({"v":1,"granted":["analytics"],"source":"default","ts":1})"}) {
    store.data["engage.consent"] = bad;
    ConsentState consent(optIn(), &store, "engage.");
    consent.load(kNow);
    EXPECT_FALSE(consent.decided()) << bad;
    EXPECT_TRUE(store.data.empty()) << bad;
  }
}

TEST(ConsentState, CookielessNeverPersistsOrReads) {
  testing::MemoryStore store;
  store.data["engage.consent"] =
      R"({"v":1,"granted":["necessary","analytics"],"source":"user","storage":true,"ts":1767225600000})";
  ConsentConfig config = optIn();
  config.cookieless = true;
  ConsentState consent(config, &store, "engage.");
  consent.load(kNow);
  EXPECT_FALSE(consent.decided());
  consent.applyUserChoice({{"all", true}}, kNow);
  EXPECT_TRUE(consent.maySend(C::Analytics));
  EXPECT_FALSE(consent.mayPersist());
  EXPECT_EQ(store.data.size(), 1u);  // the pre-existing record, untouched
  EXPECT_EQ(store.data["engage.consent"].find("\"ts\":1767225600000") != std::string::npos, true);
}

TEST(ConsentState, ForgetReturnsToUndecidedAndRemovesTheRecord) {
  testing::MemoryStore store;
  ConsentState consent(optIn(), &store, "engage.");
  consent.applyUserChoice({{"all", true}}, kNow);
  ASSERT_FALSE(store.data.empty());
  consent.forget();
  EXPECT_FALSE(consent.decided());
  EXPECT_EQ(consent.disposition(C::Analytics), Disposition::Hold);
  EXPECT_TRUE(store.data.empty());
}

TEST(ConsentState, RepeatedIdenticalDecisionKeepsItsTime) {
  testing::MemoryStore store;
  ConsentState consent(optIn(), &store, "engage.");
  consent.applyUserChoice({{"analytics", true}}, kNow);
  consent.applyUserChoice({{"analytics", true}}, kNow + 50);
  EXPECT_EQ(consent.decision().decidedAtMs, kNow);
}

TEST(ConsentState, CategoryOfEvents) {
  ConsentState consent(ConsentConfig{}, nullptr, "engage.");
  EXPECT_EQ(consent.categoryOf({{"type", "track"}, {"event", "Experiment Viewed"}}), C::Experiments);
  EXPECT_EQ(consent.categoryOf({{"type", "track"}, {"event", "Product Added"}}), C::Analytics);
  EXPECT_EQ(consent.categoryOf({{"type", "page"}}), C::Analytics);
  EXPECT_EQ(consent.categoryOf({{"type", "identify"}}), C::Analytics);
  EXPECT_EQ(consent.categoryOf(Json(7)), C::Analytics);
}

}  // namespace
}  // namespace engage
