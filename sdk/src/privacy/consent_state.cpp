// The visitor's consent: which categories may be sent, whether anything may be stored, and the stamp
// every event carries. Rules (docs/PRIVACY.md): opt-in holds everything but `necessary` until a
// decision; opt-out sends everything until one; GPC masks marketing; the decision is written to the
// store only once made, only when storage is permitted and never in cookieless mode.
#include "base/json_access.h"
#include "engage/privacy.h"
#include "privacy/consent_record.h"
#include "privacy/consent_signals.h"

namespace engage {

using detail::Json;

ConsentState::ConsentState(ConsentConfig config, KeyValueStore* store, std::string keyPrefix)
    : config_(std::move(config)), store_(store), prefix_(std::move(keyPrefix)) {
  changed();
}

void ConsentState::configure(ConsentConfig config, std::string keyPrefix) {
  config_ = std::move(config);
  prefix_ = std::move(keyPrefix);
  changed();
}

void ConsentState::load(int64_t nowMs) {
  if (!store_ || config_.cookieless) return;
  auto text = store_->get(storeKey());
  if (!text) return;
  auto stored = detail::decodeStoredDecision(*text);
  const bool expired = stored && config_.decisionMaxAgeMs > 0 &&
                       nowMs - stored->decidedAtMs > config_.decisionMaxAgeMs;
  if (!stored || expired || !stored->storage) {
    // Deleting is the only store operation here: a stale or foreign record must not linger.
    store_->remove(storeKey());
    recordStored_ = false;
    return;
  }
  recordStored_ = true;
  granted_ = stored->granted;
  source_ = stored->source;
  storage_ = stored->storage;
  decidedAtMs_ = stored->decidedAtMs;
  decided_ = true;
  changed();
}

void ConsentState::setGpc(bool on) {
  gpc_ = on;
  changed();
}

ConsentResult ConsentState::decide(ConsentCategories granted, ConsentSource source, int64_t nowMs,
                                   bool storage) {
  granted.set(ConsentCategory::Necessary, true);
  // A CMP re-reports the same choice on every page load: keep the original decision time.
  if (decided_ && granted == granted_ && source == source_ && storage == storage_) return {};
  granted_ = granted;
  source_ = source;
  storage_ = storage;
  decided_ = true;
  decidedAtMs_ = nowMs;
  persist();
  changed();
  return {};
}

ConsentResult ConsentState::applyUserChoice(const Json& choice, int64_t nowMs) {
  if (!choice.is_object()) return {ConsentStatus::Invalid, "a consent choice must be an object"};
  // Categories the choice does not mention keep their effective value: while GPC is on, an
  // unmentioned marketing stays denied (GPC is the visitor's answer for it) unless already granted.
  ConsentCategories next = effective();
  if (decided_) next.set(ConsentCategory::Marketing, granted_.has(ConsentCategory::Marketing));
  if (const Json* all = detail::member(choice, "all")) {
    if (!all->is_boolean()) return {ConsentStatus::Invalid, "all must be a boolean"};
    next = all->get<bool>() ? ConsentCategories::all() : ConsentCategories::necessaryOnly();
  }
  for (auto it = choice.begin(); it != choice.end(); ++it) {
    if (it.key() == "all") continue;
    auto category = categoryFromName(it.key());
    if (!category) return {ConsentStatus::Invalid, "unknown consent category " + it.key()};
    if (!it.value().is_boolean()) return {ConsentStatus::Invalid, it.key() + " must be a boolean"};
    if (*category != ConsentCategory::Necessary) next.set(*category, it.value().get<bool>());
  }
  return decide(next, ConsentSource::User, nowMs);
}

ConsentResult ConsentState::applyConsentMode(const Json& signals, int64_t nowMs) {
  ConsentResult merged = detail::mergeConsentMode(signals, consentMode_);
  if (merged.status != ConsentStatus::Applied) return merged;
  const bool unsetGranted = config_.model == ConsentModel::OptOut;
  return decide(detail::categoriesFromConsentMode(consentMode_, unsetGranted),
                ConsentSource::ConsentMode, nowMs);
}

ConsentResult ConsentState::applyTcf(const Json& tcData, int64_t nowMs) {
  detail::TcfMapping mapped = detail::categoriesFromTcf(tcData, config_);
  if (mapped.result.status != ConsentStatus::Applied) return mapped.result;
  return decide(mapped.granted, ConsentSource::Tcf, nowMs, mapped.storage);
}

void ConsentState::forget() {
  granted_ = ConsentCategories();
  source_ = ConsentSource::Default;
  decided_ = false;
  storage_ = true;
  decidedAtMs_ = 0;
  for (int8_t& s : consentMode_) s = -1;
  if (store_ && recordStored_) store_->remove(storeKey());
  recordStored_ = false;
  changed();
}

ConsentCategories ConsentState::effective() const {
  ConsentCategories c = decided_ ? granted_
                        : config_.model == ConsentModel::OptOut ? ConsentCategories::all()
                                                                 : ConsentCategories::necessaryOnly();
  if (gpcMasksMarketing()) c.set(ConsentCategory::Marketing, false);
  c.set(ConsentCategory::Necessary, true);
  return c;
}

ConsentDecision ConsentState::decision() const {
  ConsentDecision d;
  d.model = config_.model;
  d.granted = effective();
  d.source = !decided_ && gpcMasksMarketing() ? ConsentSource::Gpc : source_;
  d.decided = decided_;
  d.gpc = gpc_;
  d.storage = storage_;
  d.decidedAtMs = decided_ ? decidedAtMs_ : 0;
  return d;
}

Disposition ConsentState::disposition(ConsentCategory c) const {
  if (effective().has(c)) return Disposition::Send;
  const bool waiting = config_.model == ConsentModel::OptIn && !decided_;
  // Marketing under GPC can never become sendable by a decision: drop rather than hold it.
  if (waiting && !(c == ConsentCategory::Marketing && gpcMasksMarketing())) return Disposition::Hold;
  return Disposition::Drop;
}

bool ConsentState::mayPersist() const {
  if (config_.cookieless || !storage_) return false;
  if (!decided_ && config_.model == ConsentModel::OptIn) return false;
  // Only `necessary` left: identifiers serve no permitted purpose.
  return effective() != ConsentCategories::necessaryOnly();
}

ConsentCategory ConsentState::categoryOf(const Json& event) const {
  if (detail::stringOr(event, "type", "") != "track") return ConsentCategory::Analytics;
  const Json* name = detail::member(event, "event");
  if (!name || !name->is_string()) return ConsentCategory::Analytics;
  for (const auto& [eventName, category] : config_.eventCategories)
    if (*name == eventName) return category;
  return ConsentCategory::Analytics;
}

void ConsentState::changed() { stamp_ = detail::consentStamp(decision()); }

void ConsentState::persist() {
  if (!store_) return;
  if (!config_.cookieless && storage_) {
    detail::StoredDecision record{granted_, source_, storage_, decidedAtMs_};
    recordStored_ = store_->set(storeKey(), detail::encodeStoredDecision(record)) || recordStored_;
  } else if (recordStored_) {
    store_->remove(storeKey());
    recordStored_ = false;
  }
}

}  // namespace engage
