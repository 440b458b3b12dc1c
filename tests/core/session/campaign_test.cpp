#include "session/campaign.h"

#include <gtest/gtest.h>

namespace engage::detail {
namespace {

Json eventWithPage(Json page, Json campaign = nullptr) {
  Json context = {{"page", page}};
  if (!campaign.is_null()) context["campaign"] = campaign;
  return {{"type", "page"}, {"context", context}};
}

TEST(Campaign, FromContextCampaign) {
  CampaignInfo c = campaignOf(eventWithPage({{"url", "https://s.example/"}}, {{"source", "g"}, {"name", "x"}}));
  EXPECT_EQ(c.key, "g||x|||");
  EXPECT_EQ(c.campaign, (Json{{"source", "g"}, {"name", "x"}}));
  EXPECT_EQ(c.externalHost, "");
}

TEST(Campaign, FromUtmParametersOfSearchOrUrl) {
  CampaignInfo fromSearch = campaignOf(eventWithPage({{"search", "?a=1&utm_source=mail&utm_term=red+shoes%21"}}));
  EXPECT_EQ(fromSearch.campaign["source"], "mail");
  EXPECT_EQ(fromSearch.campaign["term"], "red shoes!");
  CampaignInfo fromUrl = campaignOf(eventWithPage({{"url", "https://s.example/p?utm_campaign=c1#top"}}));
  EXPECT_EQ(fromUrl.campaign["name"], "c1");
  EXPECT_EQ(campaignOf(eventWithPage({{"url", "https://s.example/p"}})).key, "");
  EXPECT_EQ(campaignOf(Json{{"type", "track"}}).key, "");
}

TEST(Campaign, ExternalReferrerHost) {
  Json campaign = {{"source", "g"}};
  CampaignInfo external = campaignOf(
      eventWithPage({{"url", "https://s.example/"}, {"referrer", "https://User@Social.Example:443/x"}}, campaign));
  EXPECT_EQ(external.externalHost, "social.example");
  EXPECT_EQ(external.referrer, "https://User@Social.Example:443/x");
  CampaignInfo internal =
      campaignOf(eventWithPage({{"url", "https://s.example/"}, {"referrer", "https://s.example/a"}}, campaign));
  EXPECT_EQ(internal.externalHost, "");
}

TEST(Campaign, ChangeRule) {
  CampaignInfo none;
  EXPECT_FALSE(changesCampaign(none, "a|", ""));
  CampaignInfo a;
  a.key = "a|";
  EXPECT_FALSE(changesCampaign(a, "a|", ""));
  EXPECT_TRUE(changesCampaign(a, "b|", ""));
  EXPECT_TRUE(changesCampaign(a, "", ""));
  a.externalHost = "x.example";
  EXPECT_TRUE(changesCampaign(a, "a|", ""));
  EXPECT_FALSE(changesCampaign(a, "a|", "x.example"));
}

TEST(Campaign, UrlHostAndQueryParam) {
  EXPECT_EQ(urlHost("https://A.example/p?q"), "a.example");
  EXPECT_EQ(urlHost("/relative"), "");
  EXPECT_EQ(queryParam("?x=1&y=%zz", "y"), "%zz");
  EXPECT_EQ(queryParam("x=1&y=2", "y"), "2");
  EXPECT_EQ(queryParam("?flag&y=2", "flag"), "");
}

}  // namespace
}  // namespace engage::detail
