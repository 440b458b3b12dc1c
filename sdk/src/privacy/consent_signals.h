// Consent signals from other systems, mapped to Engage categories: Google Consent Mode v2 and the
// IAB TCF v2.2 tcData object. The mappings are pure functions; docs/PRIVACY.md tabulates them.
#pragma once

#include <cstdint>

#include "base/json_access.h"
#include "engage/privacy.h"

namespace engage::detail {

// Consent Mode v2 signal types, in this fixed order.
enum ConsentModeSignal : int {
  kAdStorage, kAnalyticsStorage, kAdUserData, kAdPersonalization,
  kFunctionalityStorage, kPersonalizationStorage, kSecurityStorage, kConsentModeSignalCount
};
extern const char* const kConsentModeSignalNames[kConsentModeSignalCount];

// A signal's state: -1 never set, 0 denied, 1 granted.
using ConsentModeSignals = int8_t[kConsentModeSignalCount];

// Merges an update payload into `state`. Keys absent from the payload keep their state; unknown
// keys (wait_for_update, region ...) are ignored. A known key whose value is not "granted" or
// "denied" makes the whole payload Invalid and leaves `state` untouched; a payload with no known key
// is Ignored.
ConsentResult mergeConsentMode(const Json& signals, ConsentModeSignals& state);

// Categories from merged signals; a signal never set counts as `unsetGranted`.
ConsentCategories categoriesFromConsentMode(const ConsentModeSignals& state, bool unsetGranted);

struct TcfMapping {
  ConsentResult result;        // Applied only when tcData carries a decision
  ConsentCategories granted;   // valid when Applied
  bool storage = false;        // purpose 1: store and/or access information on a device
};
TcfMapping categoriesFromTcf(const Json& tcData, const ConsentConfig& config);

}  // namespace engage::detail
