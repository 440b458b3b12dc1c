// The consent decision as JSON: the stamp put on every event (context.consent) and the record kept in
// the KeyValueStore. Both shapes are documented in docs/PRIVACY.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/json_access.h"
#include "engage/privacy.h"

namespace engage::detail {

// {"model","decided","source","granted":[names],"gpc","timestamp": ISO-8601 or null}
Json consentStamp(const ConsentDecision& d);

// What is stored: the visitor's choice before GPC (GPC is a per-page signal, never stored).
struct StoredDecision {
  ConsentCategories granted;
  ConsentSource source = ConsentSource::User;
  bool storage = true;
  int64_t decidedAtMs = 0;
};

// {"v":1,"granted":[names],"source":"user","storage":true,"ts":epochMs}
std::string encodeStoredDecision(const StoredDecision& d);
// nullopt for anything we could not have written (wrong version, wrong types, unknown names).
std::optional<StoredDecision> decodeStoredDecision(const std::string& text);

Json categoriesToJson(ConsentCategories c);  // ["necessary", "analytics", ...] in enum order

}  // namespace engage::detail
