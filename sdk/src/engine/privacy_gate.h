// Consent and redaction between the event builder and delivery (docs/PRIVACY.md). Every accepted
// command is redacted before it becomes an event; the page context is redacted and stamped with the
// consent decision once per change; each event is then sent, held in memory until the visitor
// decides, or dropped, by its consent category. Storage is the device's only while consent allows
// it; otherwise the core works on a memory store.
#pragma once

#include <string>
#include <vector>

#include "base/json_access.h"
#include "base/memory_store.h"
#include "engage/privacy.h"

namespace engage::detail {

class PrivacyGate {
 public:
  PrivacyGate(KeyValueStore* deviceStore);

  // Applies configure({consent:{...}, redaction:{...}}); returns an error message or "".
  std::string configure(const Json& config, const std::string& storagePrefix, int64_t nowMs);

  // Redacts the PII in a command's fields (event name, properties, traits, ids) in place.
  void redactCommand(Json& command) const;
  // The page context as it goes on events: redacted, with context.consent.
  Json prepareContext(const Json& raw) const;

  Disposition route(const std::string& type, const Json& command) const;
  // Holds an event until the decision; false when the buffer is full (dropped, counted).
  bool hold(std::string text, const std::string& type, const Json& command);

  // Applies a consent op: consent {choice}, consentMode {signals}, tcf {tcData}, gpc {on}.
  // Returns the result and fills `released` with held events that may now be sent.
  ConsentResult apply(const std::string& op, const Json& command, int64_t nowMs,
                      std::vector<std::string>& released);

  // The store the core may write to now: the device's, or memory.
  KeyValueStore* store();
  bool mayPersist() const { return consent_.mayPersist(); }
  Json stateJson() const;

 private:
  KeyValueStore* device_;
  MemoryKeyValueStore memory_;
  PrivacyConfig config_;
  ConsentState consent_;
  ConsentBuffer buffer_;
  Redactor redactor_;
  size_t droppedByConsent_ = 0;
};

}  // namespace engage::detail
