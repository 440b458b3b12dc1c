#include "engine/privacy_gate.h"

namespace engage::detail {

PrivacyGate::PrivacyGate(KeyValueStore* deviceStore)
    : device_(deviceStore),
      consent_(config_.consent, deviceStore, "engage."),
      buffer_(config_.consent.pendingMaxEvents, config_.consent.pendingMaxBytes),
      redactor_(config_.redaction) {}

std::string PrivacyGate::configure(const Json& config, const std::string& storagePrefix,
                                   int64_t nowMs) {
  auto parsed = parsePrivacyConfig(config, config_);
  if (!parsed.error.empty()) return parsed.error;
  config_ = parsed.config;
  consent_.configure(config_.consent, storagePrefix);
  consent_.load(nowMs);
  buffer_.setLimits(config_.consent.pendingMaxEvents, config_.consent.pendingMaxBytes);
  redactor_ = Redactor(config_.redaction);
  return "";
}

void PrivacyGate::redactCommand(Json& command) const {
  redactor_.redactEvent(command, consent_.maySend(ConsentCategory::Marketing));
}

Json PrivacyGate::prepareContext(const Json& raw) const {
  Json context = raw.is_object() ? raw : Json::object();
  Json wrapper = {{"context", std::move(context)}};
  redactor_.redactEvent(wrapper, consent_.maySend(ConsentCategory::Marketing));
  wrapper["context"]["consent"] = consent_.stamp();
  return std::move(wrapper["context"]);
}

namespace {
Json categoryProbe(const std::string& type, const Json& command) {
  Json probe = {{"type", type}};
  if (const Json* name = member(command, "event")) probe["event"] = *name;
  return probe;
}
}  // namespace

Disposition PrivacyGate::route(const std::string& type, const Json& command) const {
  return consent_.disposition(consent_.categoryOf(categoryProbe(type, command)));
}

bool PrivacyGate::hold(std::string text, const std::string& type, const Json& command) {
  return buffer_.hold(std::move(text), consent_.categoryOf(categoryProbe(type, command)));
}

ConsentResult PrivacyGate::apply(const std::string& op, const Json& command, int64_t nowMs,
                                 std::vector<std::string>& released) {
  ConsentResult result;
  if (op == "consent") {
    const Json* choice = member(command, "choice");
    result = consent_.applyUserChoice(choice ? *choice : Json(), nowMs);
  } else if (op == "consentMode") {
    const Json* signals = member(command, "signals");
    result = consent_.applyConsentMode(signals ? *signals : Json(), nowMs);
  } else if (op == "tcf") {
    const Json* tcData = member(command, "tcData");
    result = consent_.applyTcf(tcData ? *tcData : Json(), nowMs);
  } else if (op == "gpc") {
    consent_.setGpc(boolOr(command, "on", false));
  } else if (op == "consentForget") {
    consent_.forget();
  }
  auto settled = buffer_.settle(consent_);
  released = std::move(settled.released);
  return result;
}

KeyValueStore* PrivacyGate::store() {
  return consent_.mayPersist() && device_ ? device_ : &memory_;
}

Json PrivacyGate::stateJson() const {
  Json out = consent_.stamp();
  out["mayPersist"] = consent_.mayPersist();
  out["held"] = buffer_.size();
  out["heldBytes"] = buffer_.bytes();
  out["droppedWhileHeld"] = buffer_.dropped();
  out["discarded"] = buffer_.discarded();
  return out;
}

}  // namespace engage::detail
