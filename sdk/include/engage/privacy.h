// Consent and PII redaction (issue 7): pure, synchronous, never throws. The engine owns one
// ConsentState, one ConsentBuffer and one Redactor and runs them on every event. Every rule and
// default is documented in docs/PRIVACY.md.
//
// Contract with the engine, per accepted event (after buildEvent, before queueing):
//   1. event["context"]["consent"] = consent.stamp();
//   2. redactor.redactEvent(event, consent.maySend(ConsentCategory::Marketing));
//   3. switch (consent.disposition(consent.categoryOf(event))):
//        Send -> batcher.enqueue(text); Hold -> buffer.hold(text, category); Drop -> discard.
// After every consent change (set, GPC, Consent Mode, TCF, load): buffer.settle(consent) and enqueue
// what it releases. Write identifiers and state to the KeyValueStore only while consent.mayPersist().
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engage/platform.h"

namespace engage {

namespace detail {
struct RedactionTables;
}  // namespace detail

enum class ConsentModel : uint8_t {
  OptIn,   // nothing stored, nothing sent before the visitor decides
  OptOut,  // everything allowed until the visitor declines
};

// `Necessary` is always granted; the other four are the visitor's choice.
enum class ConsentCategory : uint8_t { Necessary, Analytics, Personalisation, Experiments, Marketing };
inline constexpr size_t kConsentCategoryCount = 5;

// Where the current decision came from.
enum class ConsentSource : uint8_t { Default, User, Gpc, ConsentMode, Tcf };

// What the engine does with an event of some category right now.
enum class Disposition : uint8_t { Send, Hold, Drop };

// A set of categories (one bit per ConsentCategory).
class ConsentCategories {
 public:
  constexpr ConsentCategories() = default;
  static constexpr ConsentCategories all() { return ConsentCategories(0x1F); }
  static constexpr ConsentCategories necessaryOnly() { return ConsentCategories(0x01); }
  constexpr bool has(ConsentCategory c) const { return (bits_ >> static_cast<int>(c)) & 1u; }
  void set(ConsentCategory c, bool on) {
    const uint8_t bit = static_cast<uint8_t>(1u << static_cast<int>(c));
    bits_ = on ? static_cast<uint8_t>(bits_ | bit) : static_cast<uint8_t>(bits_ & ~bit);
  }
  constexpr uint8_t bits() const { return bits_; }
  constexpr bool operator==(ConsentCategories o) const { return bits_ == o.bits_; }
  constexpr bool operator!=(ConsentCategories o) const { return bits_ != o.bits_; }

 private:
  explicit constexpr ConsentCategories(uint8_t bits) : bits_(bits) {}
  uint8_t bits_ = 0;
};

const char* categoryName(ConsentCategory c);  // "necessary", "analytics", "personalisation", ...
// Accepts both spellings "personalisation" / "personalization".
std::optional<ConsentCategory> categoryFromName(std::string_view name);
const char* modelName(ConsentModel m);    // "opt-in" | "opt-out"
const char* sourceName(ConsentSource s);  // "default" | "user" | "gpc" | "consent-mode" | "tcf"

// Every consent default and limit (docs/PRIVACY.md explains each).
struct ConsentConfig {
  ConsentModel model = ConsentModel::OptOut;
  bool honourGpc = true;         // Global Privacy Control on => marketing denied
  bool cookieless = false;       // no persistent identifiers and no stored decision at all
  size_t pendingMaxEvents = 500;      // opt-in events held in memory before the decision
  size_t pendingMaxBytes = 1u << 20;  // ... and their serialised bytes (1 MiB); overflow is dropped
  int64_t decisionMaxAgeMs = 395LL * 24 * 60 * 60 * 1000;  // a stored decision expires (13 months)
  std::string storageKey = "consent";  // stored under the engine's storagePrefix
  // Track events whose category is not analytics (every other event type is analytics).
  std::vector<std::pair<std::string, ConsentCategory>> eventCategories = {
      {"Experiment Viewed", ConsentCategory::Experiments}};
  // TCF: experiments need purpose 10 "develop and improve services" (true) or follow analytics (false).
  bool tcfExperimentsFromPurpose10 = true;
  int tcfVendorId = 0;  // > 0: also require tcData.vendor.consents[tcfVendorId]
};

// The decision in effect (GPC applied, necessary always granted).
struct ConsentDecision {
  ConsentModel model = ConsentModel::OptOut;
  ConsentCategories granted;
  ConsentSource source = ConsentSource::Default;
  bool decided = false;   // the visitor (or their CMP) has chosen
  bool gpc = false;       // the browser sent Global Privacy Control
  bool storage = true;    // device storage permitted by the decision (TCF purpose 1)
  int64_t decidedAtMs = 0;  // wall ms of the decision; 0 while undecided
};

enum class ConsentStatus : uint8_t { Applied, Ignored, Invalid };
struct ConsentResult {
  ConsentStatus status = ConsentStatus::Applied;
  std::string message;  // why it was ignored or invalid
};

class ConsentState {
 public:
  // `store` may be null (nothing is persisted then). `keyPrefix` is the engine's storagePrefix.
  ConsentState(ConsentConfig config, KeyValueStore* store, std::string keyPrefix);

  // Replaces the configuration; the decision is kept (call load() to read a stored one).
  void configure(ConsentConfig config, std::string keyPrefix);
  // Reads a stored decision (never writes; an expired or unreadable record is removed).
  void load(int64_t nowMs);
  // navigator.globalPrivacyControl, reported on every page load; never stored.
  void setGpc(bool on);

  ConsentResult decide(ConsentCategories granted, ConsentSource source, int64_t nowMs,
                       bool storage = true);
  // engage.consent.set({analytics: true, marketing: false, ...}) or {all: true|false}.
  ConsentResult applyUserChoice(const nlohmann::json& choice, int64_t nowMs);
  // The payload of gtag('consent', 'update', {...}) (Consent Mode v2). Not the 'default' command.
  ConsentResult applyConsentMode(const nlohmann::json& signals, int64_t nowMs);
  // The tcData object __tcfapi('addEventListener', 2, cb) passes to cb (IAB TCF v2.2).
  ConsentResult applyTcf(const nlohmann::json& tcData, int64_t nowMs);
  // Back to undecided; the stored record is removed.
  void forget();

  ConsentDecision decision() const;
  bool decided() const { return decided_; }
  bool cookieless() const { return config_.cookieless; }
  Disposition disposition(ConsentCategory c) const;
  bool maySend(ConsentCategory c) const { return disposition(c) == Disposition::Send; }
  // May the engine write identifiers and state (anonymousId, session, cart ...) to storage?
  bool mayPersist() const;
  ConsentCategory categoryOf(const nlohmann::json& event) const;
  // The JSON stamped on every event as context.consent (rebuilt on every change).
  const nlohmann::json& stamp() const { return stamp_; }
  const ConsentConfig& config() const { return config_; }

 private:
  ConsentCategories effective() const;
  bool gpcMasksMarketing() const { return gpc_ && config_.honourGpc; }
  void changed();
  void persist();
  std::string storeKey() const { return prefix_ + config_.storageKey; }

  ConsentConfig config_;
  KeyValueStore* store_;
  std::string prefix_;
  ConsentCategories granted_;  // the visitor's choice, before GPC
  ConsentSource source_ = ConsentSource::Default;
  bool decided_ = false;
  bool gpc_ = false;
  bool storage_ = true;
  bool recordStored_ = false;  // a record exists in the store (loaded or written by us)
  int64_t decidedAtMs_ = 0;
  int8_t consentMode_[7] = {-1, -1, -1, -1, -1, -1, -1};  // last Consent Mode signals (-1 unset)
  nlohmann::json stamp_;
};

// Opt-in events waiting, in memory only, for the decision. Bounded by count and bytes: an event that
// does not fit is dropped (the earliest events, e.g. the landing page view, are the ones kept).
class ConsentBuffer {
 public:
  ConsentBuffer(size_t maxEvents, size_t maxBytes) : maxEvents_(maxEvents), maxBytes_(maxBytes) {}
  void setLimits(size_t maxEvents, size_t maxBytes);
  // `text` is the serialised event. Returns false when it was dropped for overflow.
  bool hold(std::string text, ConsentCategory category);
  struct Settled {
    std::vector<std::string> released;  // in arrival order, context.consent restamped
    size_t discarded = 0;
  };
  // Releases what consent now says to Send, discards what it says to Drop, keeps what is on Hold.
  Settled settle(const ConsentState& consent);
  void clear();  // discards everything held (counted in discarded())
  size_t size() const { return held_.size(); }
  size_t bytes() const { return bytes_; }
  size_t dropped() const { return dropped_; }      // overflow, since construction
  size_t discarded() const { return discarded_; }  // denied on a decision, since construction

 private:
  struct Held {
    std::string text;
    ConsentCategory category;
  };
  size_t maxEvents_, maxBytes_;
  std::vector<Held> held_;
  size_t bytes_ = 0, dropped_ = 0, discarded_ = 0;
};

// Ad click ids (gclid, fbclid ...) in URLs: kept, always redacted, or redacted unless marketing is
// granted (the default).
enum class ClickIdPolicy : uint8_t { Keep, Redact, UnlessMarketing };

struct RedactionConfig {
  bool enabled = true;
  bool emails = true;       // local@domain.tld, also with %40
  bool cardNumbers = true;  // 13-19 digits, spaces/dashes allowed, Luhn-valid, network prefix 2-6
  bool tokens = true;       // "Bearer x" / "Basic x", JWTs (eyJ...), URL userinfo
  bool urlSecrets = true;   // long hex/base64 values of URL params and path segments
  size_t minSecretLength = 32;
  size_t minBearerLength = 8;
  ClickIdPolicy clickIds = ClickIdPolicy::UnlessMarketing;
  // Names are compared case-insensitively ignoring '_', '-', '.' and spaces ("e-mail" == "EMail").
  std::vector<std::string> queryParamDenylist = {
      "email", "e-mail", "token", "access_token", "id_token", "refresh_token", "password", "pass",
      "pwd", "secret", "client_secret", "auth", "code", "session", "sessionid", "ssn", "api_key"};
  std::vector<std::string> clickIdParams = {"gclid", "fbclid",  "msclkid",   "dclid", "wbraid",
                                            "gbraid", "ttclid", "li_fat_id", "twclid"};
  std::vector<std::string> propertyDenylist = {
      "password", "passwd", "pwd", "secret", "client_secret", "token", "access_token",
      "refresh_token", "id_token", "api_key", "authorization", "ssn", "credit_card", "card_number",
      "cc_number", "cvv", "cvc", "iban", "email"};
  std::string deniedMarker = "[redacted]";  // value of a denylisted param or property
  std::string emailMarker = "[redacted:email]";
  std::string cardMarker = "[redacted:card]";
  std::string tokenMarker = "[redacted:token]";
};

class Redactor {
 public:
  explicit Redactor(RedactionConfig config = {});
  // Redacts one event in place: URLs, titles, names and every string (and object key) in
  // properties, traits and context, recursively. Returns the number of replacements.
  size_t redactEvent(nlohmann::json& event, bool marketingGranted = false) const;
  // One value, recursively (any JSON).
  size_t redactValue(nlohmann::json& value, bool marketingGranted = false) const;
  // A string: URL-shaped strings get URL rules, other text the inline rules plus URL rules for
  // embedded http(s) URLs.
  std::string redactString(std::string_view s, bool marketingGranted = false) const;
  const RedactionConfig& config() const { return config_; }

 private:
  RedactionConfig config_;
  std::shared_ptr<const detail::RedactionTables> tables_;  // denylists and rules, prepared once
};

struct PrivacyConfig {
  ConsentConfig consent;
  RedactionConfig redaction;
};
struct PrivacyConfigResult {
  PrivacyConfig config;
  std::string error;  // empty when valid
};
// Reads the members "consent" and "redaction" of `json` (e.g. the engine's configure object) over
// `base`. Unknown fields are ignored; a field of the wrong type is an error naming it.
PrivacyConfigResult parsePrivacyConfig(const nlohmann::json& json, const PrivacyConfig& base);
nlohmann::json privacyConfigToJson(const PrivacyConfig& config);

}  // namespace engage
