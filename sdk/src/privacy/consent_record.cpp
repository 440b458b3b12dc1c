#include "privacy/consent_record.h"

#include "base/ids.h"

namespace engage {

namespace {
constexpr const char* kCategoryNames[kConsentCategoryCount] = {
    "necessary", "analytics", "personalisation", "experiments", "marketing"};
constexpr const char* kSourceNames[] = {"default", "user", "gpc", "consent-mode", "tcf"};
constexpr int kStoredVersion = 1;
}  // namespace

const char* categoryName(ConsentCategory c) { return kCategoryNames[static_cast<int>(c)]; }

std::optional<ConsentCategory> categoryFromName(std::string_view name) {
  for (size_t i = 0; i < kConsentCategoryCount; ++i)
    if (name == kCategoryNames[i]) return static_cast<ConsentCategory>(i);
  if (name == "personalization") return ConsentCategory::Personalisation;
  return std::nullopt;
}

const char* modelName(ConsentModel m) { return m == ConsentModel::OptIn ? "opt-in" : "opt-out"; }

const char* sourceName(ConsentSource s) { return kSourceNames[static_cast<int>(s)]; }

namespace detail {

namespace {

std::optional<ConsentSource> sourceFromName(const std::string& name) {
  for (size_t i = 0; i < sizeof(kSourceNames) / sizeof(kSourceNames[0]); ++i)
    if (name == kSourceNames[i]) return static_cast<ConsentSource>(i);
  return std::nullopt;
}

}  // namespace

Json categoriesToJson(ConsentCategories c) {
  Json names = Json::array();
  for (size_t i = 0; i < kConsentCategoryCount; ++i)
    if (c.has(static_cast<ConsentCategory>(i))) names.push_back(kCategoryNames[i]);
  return names;
}

Json consentStamp(const ConsentDecision& d) {
  Json stamp = Json::object();
  stamp["model"] = modelName(d.model);
  stamp["decided"] = d.decided;
  stamp["source"] = sourceName(d.source);
  stamp["granted"] = categoriesToJson(d.granted);
  stamp["gpc"] = d.gpc;
  stamp["timestamp"] = d.decided ? Json(isoTimestamp(d.decidedAtMs)) : Json();
  return stamp;
}

std::string encodeStoredDecision(const StoredDecision& d) {
  Json record = {{"v", kStoredVersion},
                 {"granted", categoriesToJson(d.granted)},
                 {"source", sourceName(d.source)},
                 {"storage", d.storage},
                 {"ts", d.decidedAtMs}};
  return dumpJson(record);
}

std::optional<StoredDecision> decodeStoredDecision(const std::string& text) {
  auto parsed = parseJson(text);
  if (!parsed || integerOr(*parsed, "v", 0) != kStoredVersion) return std::nullopt;
  const Json* granted = member(*parsed, "granted");
  const Json* ts = member(*parsed, "ts");
  if (!granted || !granted->is_array() || !ts || !ts->is_number()) return std::nullopt;
  StoredDecision d;
  for (const Json& name : *granted) {
    if (!name.is_string()) return std::nullopt;
    auto c = categoryFromName(name.get_ref<const std::string&>());
    if (!c) return std::nullopt;
    d.granted.set(*c, true);
  }
  d.granted.set(ConsentCategory::Necessary, true);
  auto source = sourceFromName(stringOr(*parsed, "source", ""));
  if (!source || *source == ConsentSource::Default || *source == ConsentSource::Gpc)
    return std::nullopt;
  d.source = *source;
  d.storage = boolOr(*parsed, "storage", true);
  d.decidedAtMs = integerOr(*parsed, "ts", 0);
  return d;
}

}  // namespace detail
}  // namespace engage
