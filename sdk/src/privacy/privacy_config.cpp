// configure({consent: {...}, redaction: {...}}): every field optional, defaults in privacy.h.
#include <type_traits>

#include "base/json_access.h"
#include "engage/privacy.h"

namespace engage {

using detail::Json;

namespace {

class Reader {
 public:
  explicit Reader(std::string& error) : error_(error) {}

  template <typename T>
  void read(const Json& obj, const char* key, T& out) {
    const Json* v = detail::member(obj, key);
    if (!v || v->is_null() || !error_.empty()) return;
    if constexpr (std::is_same_v<T, bool>) {
      if (v->is_boolean()) return void(out = v->get<bool>());
      fail(key, "a boolean");
    } else if constexpr (std::is_same_v<T, std::string>) {
      if (v->is_string()) return void(out = v->get<std::string>());
      fail(key, "a string");
    } else {
      if (v->is_number() && v->get<double>() >= 0 && v->get<double>() <= 9e15)
        return void(out = static_cast<T>(v->get<double>()));
      fail(key, "a non-negative number");
    }
  }

  void readNames(const Json& obj, const char* key, std::vector<std::string>& out, bool append) {
    const Json* v = detail::member(obj, key);
    if (!v || v->is_null() || !error_.empty()) return;
    if (!v->is_array()) return fail(key, "an array of strings");
    std::vector<std::string> names = append ? out : std::vector<std::string>();
    for (const Json& name : *v) {
      if (!name.is_string()) return fail(key, "an array of strings");
      names.push_back(name.get<std::string>());
    }
    out = std::move(names);
  }

  template <typename E>
  void readEnum(const Json& obj, const char* key, E& out,
                std::initializer_list<std::pair<const char*, E>> names) {
    std::string text;
    read(obj, key, text);
    if (text.empty() || !error_.empty()) return;
    for (const auto& [name, value] : names)
      if (text == name) return void(out = value);
    fail(key, "one of the documented names");
  }

  void readEventCategories(const Json& obj, ConsentConfig& c) {
    const Json* v = detail::member(obj, "eventCategories");
    if (!v || v->is_null() || !error_.empty()) return;
    if (!v->is_object()) return fail("eventCategories", "an object of event name: category");
    c.eventCategories.clear();
    for (auto it = v->begin(); it != v->end(); ++it) {
      auto category = it.value().is_string()
                          ? categoryFromName(it.value().get_ref<const std::string&>())
                          : std::nullopt;
      if (!category) return fail("eventCategories", "an object of event name: category");
      c.eventCategories.emplace_back(it.key(), *category);
    }
  }

 private:
  void fail(const char* key, const char* what) {
    if (error_.empty()) error_ = std::string(key) + " must be " + what;
  }
  std::string& error_;
};

void readConsent(Reader& r, const Json& j, ConsentConfig& c) {
  r.readEnum(j, "model", c.model, {{"opt-in", ConsentModel::OptIn}, {"opt-out", ConsentModel::OptOut}});
  r.read(j, "honourGpc", c.honourGpc);
  r.read(j, "cookieless", c.cookieless);
  r.read(j, "pendingMaxEvents", c.pendingMaxEvents);
  r.read(j, "pendingMaxBytes", c.pendingMaxBytes);
  r.read(j, "decisionMaxAgeMs", c.decisionMaxAgeMs);
  r.read(j, "storageKey", c.storageKey);
  r.readEventCategories(j, c);
  r.read(j, "tcfExperimentsFromPurpose10", c.tcfExperimentsFromPurpose10);
  r.read(j, "tcfVendorId", c.tcfVendorId);
}

void readRedaction(Reader& r, const Json& j, RedactionConfig& c) {
  r.read(j, "enabled", c.enabled);
  r.read(j, "emails", c.emails);
  r.read(j, "cardNumbers", c.cardNumbers);
  r.read(j, "tokens", c.tokens);
  r.read(j, "urlSecrets", c.urlSecrets);
  r.read(j, "minSecretLength", c.minSecretLength);
  r.read(j, "minBearerLength", c.minBearerLength);
  r.readEnum(j, "clickIds", c.clickIds,
             {{"keep", ClickIdPolicy::Keep}, {"redact", ClickIdPolicy::Redact},
              {"unless-marketing", ClickIdPolicy::UnlessMarketing}});
  r.readNames(j, "queryParamDenylist", c.queryParamDenylist, false);
  r.readNames(j, "extraQueryParams", c.queryParamDenylist, true);
  r.readNames(j, "clickIdParams", c.clickIdParams, false);
  r.readNames(j, "propertyDenylist", c.propertyDenylist, false);
  r.readNames(j, "extraProperties", c.propertyDenylist, true);
  r.read(j, "deniedMarker", c.deniedMarker);
  r.read(j, "emailMarker", c.emailMarker);
  r.read(j, "cardMarker", c.cardMarker);
  r.read(j, "tokenMarker", c.tokenMarker);
}

const char* clickIdPolicyName(ClickIdPolicy p) {
  return p == ClickIdPolicy::Keep ? "keep" : p == ClickIdPolicy::Redact ? "redact" : "unless-marketing";
}

}  // namespace

PrivacyConfigResult parsePrivacyConfig(const Json& json, const PrivacyConfig& base) {
  PrivacyConfigResult result{base, ""};
  if (!json.is_object()) return {base, "config must be an object"};
  Reader reader(result.error);
  const Json* consent = detail::member(json, "consent");
  const Json* redaction = detail::member(json, "redaction");
  if (consent && !consent->is_null() && !consent->is_object()) return {base, "consent must be an object"};
  if (redaction && !redaction->is_null() && !redaction->is_object())
    return {base, "redaction must be an object"};
  if (consent) readConsent(reader, *consent, result.config.consent);
  if (redaction) readRedaction(reader, *redaction, result.config.redaction);
  if (result.config.redaction.minSecretLength < 8) result.config.redaction.minSecretLength = 8;
  if (!result.error.empty()) result.config = base;
  return result;
}

Json privacyConfigToJson(const PrivacyConfig& config) {
  const ConsentConfig& c = config.consent;
  const RedactionConfig& r = config.redaction;
  Json categories = Json::object();
  for (const auto& [name, category] : c.eventCategories) categories[name] = categoryName(category);
  return {{"consent",
           {{"model", modelName(c.model)},
            {"honourGpc", c.honourGpc},
            {"cookieless", c.cookieless},
            {"pendingMaxEvents", c.pendingMaxEvents},
            {"pendingMaxBytes", c.pendingMaxBytes},
            {"decisionMaxAgeMs", c.decisionMaxAgeMs},
            {"storageKey", c.storageKey},
            {"eventCategories", categories},
            {"tcfExperimentsFromPurpose10", c.tcfExperimentsFromPurpose10},
            {"tcfVendorId", c.tcfVendorId}}},
          {"redaction",
           {{"enabled", r.enabled},
            {"emails", r.emails},
            {"cardNumbers", r.cardNumbers},
            {"tokens", r.tokens},
            {"urlSecrets", r.urlSecrets},
            {"minSecretLength", r.minSecretLength},
            {"minBearerLength", r.minBearerLength},
            {"clickIds", clickIdPolicyName(r.clickIds)},
            {"queryParamDenylist", r.queryParamDenylist},
            {"clickIdParams", r.clickIdParams},
            {"propertyDenylist", r.propertyDenylist},
            {"deniedMarker", r.deniedMarker},
            {"emailMarker", r.emailMarker},
            {"cardMarker", r.cardMarker},
            {"tokenMarker", r.tokenMarker}}}};
}

}  // namespace engage
