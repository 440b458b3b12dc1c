#include <gtest/gtest.h>

#include "base/json_access.h"
#include "engage/privacy.h"
#include "privacy/consent_signals.h"
#include "support/fakes.h"

namespace engage {
namespace {

using detail::Json;
using C = ConsentCategory;

constexpr int64_t kNow = 1'767'225'600'000;

Json consentMode(const char* ad, const char* analytics, const char* userData, const char* adPers,
                 const char* pers) {
  return {{"ad_storage", ad},         {"analytics_storage", analytics},
          {"ad_user_data", userData}, {"ad_personalization", adPers},
          {"personalization_storage", pers}, {"functionality_storage", "granted"},
          {"security_storage", "granted"}};
}

// tcData as __tcfapi('addEventListener') passes it, with the given purposes consented.
Json tcData(std::initializer_list<int> purposes, const char* status = "useractioncomplete") {
  Json consents = Json::object();
  for (int p = 1; p <= 11; ++p) consents[std::to_string(p)] = false;
  for (int p : purposes) consents[std::to_string(p)] = true;
  return {{"tcString", "CPx..."}, {"gdprApplies", true}, {"eventStatus", status},
          {"cmpStatus", "loaded"}, {"listenerId", 1},
          {"purpose", {{"consents", consents}, {"legitimateInterests", Json::object()}}},
          {"vendor", {{"consents", {{"755", true}}}}}};
}

TEST(ConsentMode, AllGrantedAndAllDenied) {
  ConsentState consent(ConsentConfig{}, nullptr, "engage.");
  auto r = consent.applyConsentMode(consentMode("denied", "denied", "denied", "denied", "denied"), kNow);
  ASSERT_EQ(r.status, ConsentStatus::Applied);
  EXPECT_TRUE(consent.decided());
  for (C c : {C::Analytics, C::Personalisation, C::Experiments, C::Marketing})
    EXPECT_FALSE(consent.maySend(c)) << categoryName(c);
  EXPECT_EQ(consent.stamp()["source"], "consent-mode");
  consent.applyConsentMode(consentMode("granted", "granted", "granted", "granted", "granted"), kNow);
  for (C c : {C::Analytics, C::Personalisation, C::Experiments, C::Marketing})
    EXPECT_TRUE(consent.maySend(c)) << categoryName(c);
}

TEST(ConsentMode, MarketingNeedsAllThreeAdSignals) {
  ConsentState consent(ConsentConfig{}, nullptr, "engage.");
  consent.applyConsentMode(consentMode("granted", "granted", "denied", "granted", "denied"), kNow);
  EXPECT_FALSE(consent.maySend(C::Marketing));
  EXPECT_FALSE(consent.maySend(C::Personalisation));
  EXPECT_TRUE(consent.maySend(C::Analytics));
  EXPECT_TRUE(consent.maySend(C::Experiments)) << "experiments follow analytics_storage";
  consent.applyConsentMode({{"ad_user_data", "granted"}}, kNow);  // an update merges
  EXPECT_TRUE(consent.maySend(C::Marketing));
}

TEST(ConsentMode, UnsetSignalsFollowTheModel) {
  ConsentConfig in;
  in.model = ConsentModel::OptIn;
  ConsentState optIn(in, nullptr, "engage.");
  optIn.applyConsentMode({{"analytics_storage", "granted"}}, kNow);
  EXPECT_TRUE(optIn.maySend(C::Analytics));
  EXPECT_FALSE(optIn.maySend(C::Marketing));
  EXPECT_FALSE(optIn.maySend(C::Personalisation));

  ConsentState optOut(ConsentConfig{}, nullptr, "engage.");
  optOut.applyConsentMode({{"analytics_storage", "denied"}}, kNow);
  EXPECT_FALSE(optOut.maySend(C::Analytics));
  EXPECT_TRUE(optOut.maySend(C::Marketing));
}

TEST(ConsentMode, InvalidPayloadsChangeNothing) {
  ConsentState consent(ConsentConfig{}, nullptr, "engage.");
  consent.applyConsentMode({{"analytics_storage", "granted"}}, kNow);
  EXPECT_EQ(consent.applyConsentMode({{"analytics_storage", "denied"}, {"ad_storage", true}}, kNow)
                .status, ConsentStatus::Invalid);
  EXPECT_TRUE(consent.maySend(C::Analytics)) << "a rejected payload is not half-applied";
  EXPECT_EQ(consent.applyConsentMode(Json::array(), kNow).status, ConsentStatus::Invalid);
  EXPECT_EQ(consent.applyConsentMode({{"wait_for_update", 500}}, kNow).status, ConsentStatus::Ignored);
}

TEST(Tcf, PurposesMapToCategories) {
  ConsentConfig in;
  in.model = ConsentModel::OptIn;
  ConsentState consent(in, nullptr, "engage.");
  ASSERT_EQ(consent.applyTcf(tcData({1, 8, 9}), kNow).status, ConsentStatus::Applied);
  EXPECT_TRUE(consent.maySend(C::Analytics));
  EXPECT_FALSE(consent.maySend(C::Experiments));
  EXPECT_FALSE(consent.maySend(C::Personalisation));
  EXPECT_FALSE(consent.maySend(C::Marketing));
  EXPECT_TRUE(consent.mayPersist());
  EXPECT_EQ(consent.stamp()["source"], "tcf");

  consent.applyTcf(tcData({1, 3, 4, 5, 6, 8, 9, 10}), kNow);
  for (C c : {C::Analytics, C::Personalisation, C::Experiments, C::Marketing})
    EXPECT_TRUE(consent.maySend(c)) << categoryName(c);

  consent.applyTcf(tcData({1, 3, 5, 8}), kNow);  // halves of pairs are not enough
  for (C c : {C::Analytics, C::Personalisation, C::Marketing}) EXPECT_FALSE(consent.maySend(c));
}

TEST(Tcf, PurposeOneGovernsStorageOnly) {
  testing::MemoryStore store;
  ConsentConfig in;
  in.model = ConsentModel::OptIn;
  ConsentState consent(in, &store, "engage.");
  consent.applyTcf(tcData({8, 9}), kNow);
  EXPECT_TRUE(consent.maySend(C::Analytics));
  EXPECT_FALSE(consent.mayPersist());
  EXPECT_TRUE(store.data.empty()) << "no purpose 1: not even the decision is stored";
  consent.applyTcf(tcData({1, 8, 9}), kNow);
  EXPECT_TRUE(consent.mayPersist());
  EXPECT_EQ(store.data.count("engage.consent"), 1u);
  consent.applyTcf(tcData({8, 9}), kNow);
  EXPECT_TRUE(store.data.empty()) << "purpose 1 withdrawn: the stored record is removed";
}

TEST(Tcf, NoDecisionYetOrNotApplicable) {
  ConsentConfig in;
  in.model = ConsentModel::OptIn;
  ConsentState consent(in, nullptr, "engage.");
  EXPECT_EQ(consent.applyTcf(tcData({1, 8, 9}, "cmpuishown"), kNow).status, ConsentStatus::Ignored);
  Json notApplicable = tcData({1, 8, 9});
  notApplicable["gdprApplies"] = false;
  EXPECT_EQ(consent.applyTcf(notApplicable, kNow).status, ConsentStatus::Ignored);
  EXPECT_EQ(consent.applyTcf({{"gdprApplies", true}}, kNow).status, ConsentStatus::Invalid);
  EXPECT_EQ(consent.applyTcf(Json("x"), kNow).status, ConsentStatus::Invalid);
  EXPECT_FALSE(consent.decided());
  EXPECT_EQ(consent.applyTcf(tcData({1, 8, 9}, "tcloaded"), kNow).status, ConsentStatus::Applied);
}

TEST(Tcf, VendorConsentAndPurposeTenOptions) {
  ConsentConfig config;
  config.model = ConsentModel::OptIn;
  config.tcfVendorId = 755;
  ConsentState withVendor(config, nullptr, "engage.");
  withVendor.applyTcf(tcData({1, 8, 9}), kNow);
  EXPECT_TRUE(withVendor.maySend(C::Analytics));
  config.tcfVendorId = 42;  // not in vendor.consents
  ConsentState otherVendor(config, nullptr, "engage.");
  otherVendor.applyTcf(tcData({1, 8, 9}), kNow);
  EXPECT_FALSE(otherVendor.maySend(C::Analytics));

  config.tcfVendorId = 0;
  config.tcfExperimentsFromPurpose10 = false;
  ConsentState viaAnalytics(config, nullptr, "engage.");
  viaAnalytics.applyTcf(tcData({1, 8, 9}), kNow);
  EXPECT_TRUE(viaAnalytics.maySend(C::Experiments));
}

}  // namespace
}  // namespace engage
