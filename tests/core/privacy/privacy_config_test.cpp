#include <gtest/gtest.h>

#include "base/json_access.h"
#include "engage/privacy.h"

namespace engage {
namespace {

using detail::Json;

TEST(PrivacyConfig, DefaultsAsDocumented) {
  PrivacyConfig d;
  EXPECT_EQ(d.consent.model, ConsentModel::OptOut);
  EXPECT_TRUE(d.consent.honourGpc);
  EXPECT_FALSE(d.consent.cookieless);
  EXPECT_EQ(d.consent.pendingMaxEvents, 500u);
  EXPECT_EQ(d.consent.pendingMaxBytes, 1024u * 1024u);
  EXPECT_EQ(d.redaction.clickIds, ClickIdPolicy::UnlessMarketing);
  EXPECT_EQ(d.redaction.minSecretLength, 32u);
}

TEST(PrivacyConfig, ParsesEveryFieldAndRoundTrips) {
  Json j = Json::parse(R"({"consent": {"model": "opt-in", "honourGpc": false, "cookieless": true,
      "pendingMaxEvents": 10, "pendingMaxBytes": 2048, "decisionMaxAgeMs": 1000, "storageKey": "c",
      "eventCategories": {"Ad Clicked": "marketing"}, "tcfExperimentsFromPurpose10": false,
      "tcfVendorId": 755},
    "redaction": {"enabled": true, "emails": false, "cardNumbers": false, "tokens": false,
      "urlSecrets": false, "minSecretLength": 40, "minBearerLength": 12, "clickIds": "keep",
      "queryParamDenylist": ["q"], "extraQueryParams": ["x"], "clickIdParams": ["gclid"],
      "propertyDenylist": ["a"], "extraProperties": ["b"], "deniedMarker": "*",
      "emailMarker": "E", "cardMarker": "C", "tokenMarker": "T"}})");
  auto parsed = parsePrivacyConfig(j, PrivacyConfig{});
  ASSERT_EQ(parsed.error, "");
  const PrivacyConfig& c = parsed.config;
  EXPECT_EQ(c.consent.model, ConsentModel::OptIn);
  EXPECT_FALSE(c.consent.honourGpc);
  EXPECT_TRUE(c.consent.cookieless);
  EXPECT_EQ(c.consent.pendingMaxEvents, 10u);
  EXPECT_EQ(c.consent.eventCategories.size(), 1u);
  EXPECT_EQ(c.consent.eventCategories[0].second, ConsentCategory::Marketing);
  EXPECT_EQ(c.consent.tcfVendorId, 755);
  EXPECT_EQ(c.redaction.clickIds, ClickIdPolicy::Keep);
  EXPECT_EQ(c.redaction.queryParamDenylist, (std::vector<std::string>{"q", "x"}));
  EXPECT_EQ(c.redaction.propertyDenylist, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(c.redaction.tokenMarker, "T");
  Json out = privacyConfigToJson(c);
  auto again = parsePrivacyConfig(out, PrivacyConfig{});
  ASSERT_EQ(again.error, "");
  EXPECT_EQ(privacyConfigToJson(again.config), out);
}

TEST(PrivacyConfig, ExtraListsAppendToDefaults) {
  auto parsed = parsePrivacyConfig(Json::parse(R"({"redaction": {"extraQueryParams": ["promo"]}})"),
                                   PrivacyConfig{});
  const auto& list = parsed.config.redaction.queryParamDenylist;
  EXPECT_EQ(list.size(), RedactionConfig{}.queryParamDenylist.size() + 1);
  EXPECT_EQ(list.back(), "promo");
}

TEST(PrivacyConfig, WrongTypesAreNamedAndNothingIsApplied) {
  for (const char* bad : {R"({"consent": {"model": "maybe"}})", R"({"consent": {"honourGpc": 1}})",
                          R"({"consent": {"pendingMaxEvents": -1}})", R"({"consent": 3})",
                          R"({"consent": {"eventCategories": {"x": "ads"}}})",
                          R"({"redaction": {"queryParamDenylist": [1]}})",
                          R"({"redaction": {"clickIds": true}})", R"({"redaction": []})"}) {
    auto parsed = parsePrivacyConfig(Json::parse(bad), PrivacyConfig{});
    EXPECT_NE(parsed.error, "") << bad;
    EXPECT_EQ(privacyConfigToJson(parsed.config), privacyConfigToJson(PrivacyConfig{})) << bad;
  }
  EXPECT_NE(parsePrivacyConfig(Json(1), PrivacyConfig{}).error, "");
  EXPECT_EQ(parsePrivacyConfig(Json::object(), PrivacyConfig{}).error, "");
}

TEST(PrivacyConfig, SecretLengthHasAFloor) {
  auto parsed = parsePrivacyConfig(Json::parse(R"({"redaction": {"minSecretLength": 2}})"), PrivacyConfig{});
  EXPECT_EQ(parsed.config.redaction.minSecretLength, 8u);
}

}  // namespace
}  // namespace engage
