#include "privacy/consent_signals.h"

#include <string>

namespace engage::detail {

const char* const kConsentModeSignalNames[kConsentModeSignalCount] = {
    "ad_storage",            "analytics_storage",       "ad_user_data",    "ad_personalization",
    "functionality_storage", "personalization_storage", "security_storage"};

ConsentResult mergeConsentMode(const Json& signals, ConsentModeSignals& state) {
  if (!signals.is_object()) return {ConsentStatus::Invalid, "consent mode signals must be an object"};
  int8_t next[kConsentModeSignalCount];
  bool any = false;
  for (int i = 0; i < kConsentModeSignalCount; ++i) {
    next[i] = state[i];
    const Json* v = member(signals, kConsentModeSignalNames[i]);
    if (!v) continue;
    if (!v->is_string() || (*v != "granted" && *v != "denied"))
      return {ConsentStatus::Invalid,
              std::string(kConsentModeSignalNames[i]) + " must be 'granted' or 'denied'"};
    next[i] = *v == "granted" ? 1 : 0;
    any = true;
  }
  if (!any) return {ConsentStatus::Ignored, "no Consent Mode signal in the payload"};
  for (int i = 0; i < kConsentModeSignalCount; ++i) state[i] = next[i];
  return {};
}

ConsentCategories categoriesFromConsentMode(const ConsentModeSignals& state, bool unsetGranted) {
  auto granted = [&](int signal) { return state[signal] < 0 ? unsetGranted : state[signal] == 1; };
  ConsentCategories c = ConsentCategories::necessaryOnly();
  c.set(ConsentCategory::Analytics, granted(kAnalyticsStorage));
  // Consent Mode has no experiments signal: an A/B test measures the site's own content.
  c.set(ConsentCategory::Experiments, granted(kAnalyticsStorage));
  c.set(ConsentCategory::Personalisation, granted(kPersonalizationStorage));
  c.set(ConsentCategory::Marketing,
        granted(kAdStorage) && granted(kAdUserData) && granted(kAdPersonalization));
  return c;
}

namespace {

// tcData.<section>.consents["<n>"] === true. __tcfapi passes objects keyed by the number.
bool consented(const Json& tcData, const char* section, int n) {
  const Json* s = member(tcData, section);
  const Json* consents = s ? member(*s, "consents") : nullptr;
  const Json* v = consents ? member(*consents, std::to_string(n)) : nullptr;
  return v && v->is_boolean() && v->get<bool>();
}

bool hasConsentsObject(const Json& tcData, const char* section) {
  const Json* s = member(tcData, section);
  const Json* consents = s ? member(*s, "consents") : nullptr;
  return consents && consents->is_object();
}

}  // namespace

TcfMapping categoriesFromTcf(const Json& tcData, const ConsentConfig& config) {
  TcfMapping m;
  if (!tcData.is_object()) {
    m.result = {ConsentStatus::Invalid, "tcData must be an object"};
    return m;
  }
  const Json* applies = member(tcData, "gdprApplies");
  if (applies && applies->is_boolean() && !applies->get<bool>()) {
    m.result = {ConsentStatus::Ignored, "gdprApplies is false: the configured model stands"};
    return m;
  }
  const std::string status = stringOr(tcData, "eventStatus", "");
  if (status == "cmpuishown" || stringOr(tcData, "cmpStatus", "") == "error") {
    m.result = {ConsentStatus::Ignored, "the CMP has no decision yet"};
    return m;
  }
  if (!hasConsentsObject(tcData, "purpose")) {
    m.result = {ConsentStatus::Invalid, "tcData.purpose.consents must be an object"};
    return m;
  }
  auto p = [&](int n) { return consented(tcData, "purpose", n); };
  const bool vendorOk = config.tcfVendorId <= 0 || consented(tcData, "vendor", config.tcfVendorId);
  const bool analytics = vendorOk && p(8) && p(9);
  m.granted = ConsentCategories::necessaryOnly();
  m.granted.set(ConsentCategory::Analytics, analytics);
  m.granted.set(ConsentCategory::Personalisation, vendorOk && p(5) && p(6));
  m.granted.set(ConsentCategory::Marketing, vendorOk && p(3) && p(4));
  m.granted.set(ConsentCategory::Experiments,
                config.tcfExperimentsFromPurpose10 ? vendorOk && p(10) : analytics);
  m.storage = vendorOk && p(1);
  return m;
}

}  // namespace engage::detail
