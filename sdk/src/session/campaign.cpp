#include "session/campaign.h"

#include <array>
#include <cctype>

namespace engage::detail {
namespace {

struct CampaignField {
  const char* field;  // context.campaign member
  const char* utm;    // query parameter
};

constexpr std::array<CampaignField, 5> kFields{{{"source", "utm_source"},
                                                 {"medium", "utm_medium"},
                                                 {"name", "utm_campaign"},
                                                 {"term", "utm_term"},
                                                 {"content", "utm_content"}}};

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percentDecode(std::string_view raw) {
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '+') {
      out += ' ';
    } else if (raw[i] == '%' && i + 2 < raw.size() && hexValue(raw[i + 1]) >= 0 && hexValue(raw[i + 2]) >= 0) {
      out += static_cast<char>(hexValue(raw[i + 1]) * 16 + hexValue(raw[i + 2]));
      i += 2;
    } else {
      out += raw[i];
    }
  }
  return out;
}

// Campaign fields from context.campaign, else from the page's query string.
Json campaignFields(const Json& context) {
  Json fields = Json::object();
  const Json* given = member(context, "campaign");
  for (const CampaignField& f : kFields) {
    std::string v = given ? stringOr(*given, f.field, "") : "";
    if (!v.empty()) fields[f.field] = v;
  }
  if (!fields.empty()) return fields;
  const Json* page = member(context, "page");
  if (!page) return fields;
  std::string query = stringOr(*page, "search", "");
  if (query.empty()) query = stringOr(*page, "url", "");
  for (const CampaignField& f : kFields) {
    std::string v = queryParam(query, f.utm);
    if (!v.empty()) fields[f.field] = v;
  }
  return fields;
}

}  // namespace

std::string urlHost(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  size_t at = rest.rfind('@');
  if (at != std::string_view::npos) rest = rest.substr(at + 1);
  rest = rest.substr(0, rest.find(':'));
  std::string host(rest);
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return host;
}

std::string queryParam(std::string_view urlOrQuery, std::string_view name) {
  size_t start = urlOrQuery.find('?');
  if (start == std::string_view::npos && urlOrQuery.find("://") != std::string_view::npos) return "";
  std::string_view query = start == std::string_view::npos ? urlOrQuery : urlOrQuery.substr(start + 1);
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    size_t eq = pair.find('=');
    if (pair.substr(0, eq) == name && eq != std::string_view::npos) return percentDecode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    query = query.substr(amp + 1);
  }
  return "";
}

CampaignInfo campaignOf(const Json& event) {
  CampaignInfo info;
  const Json* context = member(event, "context");
  if (!context) return info;
  const Json* page = member(*context, "page");
  info.referrer = page ? stringOr(*page, "referrer", "") : "";
  Json fields = campaignFields(*context);
  if (fields.empty()) return info;
  info.campaign = fields;
  for (const CampaignField& f : kFields) info.key += stringOr(fields, f.field, "") + "|";
  std::string refHost = urlHost(info.referrer);
  std::string pageHost = page ? urlHost(stringOr(*page, "url", "")) : "";
  if (refHost != pageHost) info.externalHost = refHost;
  return info;
}

bool changesCampaign(const CampaignInfo& incoming, const std::string& sessionKey, const std::string& sessionHost) {
  if (incoming.key.empty()) return false;
  if (incoming.key != sessionKey) return true;
  return !incoming.externalHost.empty() && incoming.externalHost != sessionHost;
}

}  // namespace engage::detail
