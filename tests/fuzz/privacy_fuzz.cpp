// Privacy inputs (engage/privacy.h): the strings and JSON the redactor scans (URLs, titles,
// properties), consent signals from the page (engage.consent.set choices, Consent Mode v2 updates,
// IAB TCF tcData), the "consent"/"redaction" configuration, and the stored consent record.
// The input is used as raw text (redactString, the stored record) and, when it parses, as JSON for
// every other entry point.
// Invariants checked on every input:
//   - redaction with the default rules is idempotent: redacting its own output changes nothing
//     and counts no replacement (for a string, a JSON value and a whole event, marketing granted
//     or not);
//   - a configuration parsePrivacyConfig accepts serialises (privacyConfigToJson) to one it accepts
//     again, with the same JSON;
//   - a stored record that decodes re-encodes to a record that decodes to the same decision;
//   - consent outcomes stay consistent: necessary is always granted, and a status Invalid signal
//     leaves the decision unchanged.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/json_access.h"
#include "engage/privacy.h"
#include "fuzz_support.h"
#include "privacy/consent_record.h"

namespace {

using engage::ConsentCategory;
using engage::detail::Json;
using engage::fuzz::require;

constexpr int64_t kNow = 1'767'225'600'000;

const engage::Redactor& defaultRedactor() {
  static const engage::Redactor redactor;
  return redactor;
}

void checkStringRedaction(std::string_view text) {
  for (bool marketing : {false, true}) {
    const std::string once = defaultRedactor().redactString(text, marketing);
    require(defaultRedactor().redactString(once, marketing) == once, "redactString is idempotent");
  }
}

void checkValueRedaction(const Json& value) {
  for (bool marketing : {false, true}) {
    Json once = value;
    defaultRedactor().redactValue(once, marketing);
    Json twice = once;
    require(defaultRedactor().redactValue(twice, marketing) == 0 && twice == once,
            "redactValue is idempotent");
    if (!value.is_object()) continue;
    Json event = value;
    defaultRedactor().redactEvent(event, marketing);
    Json again = event;
    require(defaultRedactor().redactEvent(again, marketing) == 0 && again == event,
            "redactEvent is idempotent");
  }
}

void checkConfig(const Json& json) {
  auto parsed = engage::parsePrivacyConfig(json, engage::PrivacyConfig{});
  if (!parsed.error.empty()) return;
  const Json out = engage::privacyConfigToJson(parsed.config);
  auto again = engage::parsePrivacyConfig(out, engage::PrivacyConfig{});
  require(again.error.empty(), "a serialised configuration parses");
  require(engage::privacyConfigToJson(again.config) == out, "configuration round-trips");
  // The configured redactor must survive the same input (no idempotency: markers are free text).
  engage::Redactor custom(parsed.config.redaction);
  Json copy = json;
  custom.redactEvent(copy, false);
}

bool sameDecision(const engage::ConsentDecision& a, const engage::ConsentDecision& b) {
  return a.granted == b.granted && a.source == b.source && a.decided == b.decided &&
         a.storage == b.storage && a.decidedAtMs == b.decidedAtMs && a.model == b.model;
}

void checkConsentSignals(const Json& json) {
  for (auto model : {engage::ConsentModel::OptIn, engage::ConsentModel::OptOut}) {
    engage::ConsentConfig config;
    config.model = model;
    config.tcfVendorId = 755;
    engage::fuzz::FuzzStore store;
    engage::ConsentState consent(config, &store, "e.");
    consent.setGpc(true);
    for (int kind = 0; kind < 3; ++kind) {
      const engage::ConsentDecision before = consent.decision();
      engage::ConsentResult r = kind == 0   ? consent.applyUserChoice(json, kNow)
                                : kind == 1 ? consent.applyConsentMode(json, kNow)
                                            : consent.applyTcf(json, kNow);
      if (r.status == engage::ConsentStatus::Invalid)
        require(sameDecision(before, consent.decision()), "an invalid signal changes nothing");
      require(consent.decision().granted.has(ConsentCategory::Necessary), "necessary is granted");
      require(!consent.maySend(ConsentCategory::Marketing) || !consent.decision().gpc,
              "GPC denies marketing");
      require(engage::detail::parseJson(engage::detail::dumpJson(consent.stamp())).has_value(),
              "the consent stamp is valid JSON");
      // What a buffered event becomes once consent settles.
      engage::ConsentBuffer buffer(4, 1 << 16);
      buffer.hold(engage::detail::dumpJson(json), consent.categoryOf(json));
      buffer.settle(consent);
    }
    // The next page load reads what was stored.
    engage::ConsentState reloaded(config, &store, "e.");
    reloaded.load(kNow + 1000);
  }
}

void checkStoredRecord(const std::string& text) {
  auto decoded = engage::detail::decodeStoredDecision(text);
  if (decoded) {
    auto again = engage::detail::decodeStoredDecision(engage::detail::encodeStoredDecision(*decoded));
    require(again && again->granted == decoded->granted && again->source == decoded->source &&
                again->storage == decoded->storage && again->decidedAtMs == decoded->decidedAtMs,
            "a stored decision round-trips");
  }
  engage::fuzz::FuzzStore store;
  store.data["e.consent"] = text;
  engage::ConsentState consent(engage::ConsentConfig{}, &store, "e.");
  consent.load(kNow);
  require(consent.decision().granted.has(ConsentCategory::Necessary), "necessary is granted");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  checkStringRedaction(text);
  checkStoredRecord(text);
  auto json = engage::detail::parseJson(text);
  if (!json) return 0;
  checkValueRedaction(*json);
  checkConfig(*json);
  checkConsentSignals(*json);
  return 0;
}
