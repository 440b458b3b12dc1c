// The campaign an event arrived with: context.campaign (utm_* parsed by the JS layer), else the utm_*
// parameters of context.page.search / context.page.url. Its identity decides campaign-change splits.
#pragma once

#include <string>
#include <string_view>

#include "base/json_access.h"

namespace engage::detail {

struct CampaignInfo {
  // "" when the event carries no campaign (an internal navigation): that never splits a session.
  // Otherwise source|medium|name|term|content.
  std::string key;
  Json campaign;             // {"source","medium","name","term","content"} (present fields) or null
  std::string referrer;      // context.page.referrer as given
  std::string externalHost;  // the referrer's host when it differs from the page's host, else ""
};

CampaignInfo campaignOf(const Json& event);

// Whether `incoming` ends a session whose campaign is `sessionKey` and whose external referrer host
// is `sessionHost`: it carries a campaign, and either the campaign differs or it arrives from a new
// external referrer.
bool changesCampaign(const CampaignInfo& incoming, const std::string& sessionKey, const std::string& sessionHost);

// Lower-cased host of an absolute URL ("" when there is none).
std::string urlHost(std::string_view url);

// The value of `name` in a query string ("?a=1&b=2" or a whole URL), '+' and %XX decoded; "" if absent.
std::string queryParam(std::string_view urlOrQuery, std::string_view name);

}  // namespace engage::detail
