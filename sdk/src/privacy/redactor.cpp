// Walks an event and redacts PII: denylisted property names lose their values, every other string
// (and object key) goes through the URL or text scanners, integers that are card numbers are
// replaced. Engine-owned fields (ids, timestamps, context.library, context.consent) are not touched.
// Keys such as "__proto__", "constructor" and "prototype" are plain data here, walked like any other.
#include <array>
#include <string_view>

#include "base/json_access.h"
#include "engage/privacy.h"
#include "privacy/url_redact.h"

namespace engage {

using detail::Json;

namespace detail {

struct RedactionTables {
  explicit RedactionTables(const RedactionConfig& c)
      : scan(scanRulesFrom(c)),
        deniedParams(c.queryParamDenylist),
        clickIds(c.clickIdParams),
        deniedProperties(c.propertyDenylist) {}
  ScanRules scan;
  NameSet deniedParams, clickIds, deniedProperties;
};

}  // namespace detail

namespace {

// Deeper values are replaced whole: an event cannot legitimately nest this far (EventLimits caps
// nesting at 10) and recursion must stay bounded.
constexpr int kMaxDepth = 64;

// Passes over one string at most (see Pass::redacted): each pass only turns PII into markers, so
// with plain-text markers the second or third finds nothing; the bound covers markers that look
// like PII themselves (a configuration choice).
constexpr int kMaxPasses = 4;

// Top-level fields the engine writes itself: never PII, and rewriting them would break delivery.
constexpr std::array<std::string_view, 8> kEngineFields = {
    "type", "messageId", "anonymousId", "timestamp", "sentAt", "sessionId", "receivedAt",
    "originalTimestamp"};
constexpr std::array<std::string_view, 2> kEngineContextFields = {"library", "consent"};

template <size_t N>
bool isOneOf(std::string_view key, const std::array<std::string_view, N>& names) {
  for (std::string_view name : names)
    if (key == name) return true;
  return false;
}

// One redaction of one event or value: the rules with the click-id policy resolved.
class Pass {
 public:
  Pass(const RedactionConfig& config, const detail::RedactionTables& tables, bool marketingGranted)
      : config_(config), tables_(tables) {
    rules_.scan = tables.scan;
    rules_.deniedParams = &tables.deniedParams;
    const bool keepClickIds = config.clickIds == ClickIdPolicy::Keep ||
                              (config.clickIds == ClickIdPolicy::UnlessMarketing && marketingGranted);
    rules_.clickIds = keepClickIds ? nullptr : &tables.clickIds;
  }

  // The redacted form of s, or nothing when s holds no PII (or is already redacted). Redacting can
  // uncover more: "/p?x=4111 1111 1111 1111&token=abc" is free text (it holds spaces) until its
  // card number becomes a marker, and then a URL whose token must go too. So the result is redacted
  // again until nothing changes, which also makes redaction idempotent (tests/fuzz/privacy_fuzz.cpp).
  bool redacted(std::string_view s, std::string& out) const {
    if (!redactOnce(s, out)) return false;
    std::string next;
    for (int pass = 1; pass < kMaxPasses && redactOnce(out, next); ++pass) out.swap(next);
    return true;
  }

  bool redactOnce(std::string_view s, std::string& out) const {
    detail::Spans spans;
    if (detail::looksLikeUrl(s))
      detail::scanUrl(s, 0, s.size(), rules_, spans);
    else
      detail::scanText(s, rules_, spans);
    if (spans.empty()) return false;
    out = detail::applySpans(s, spans, config_);
    return out != s;
  }

  size_t deny(Json& value) const {
    if (value.is_null() || value == config_.deniedMarker) return 0;
    value = config_.deniedMarker;
    return 1;
  }

  size_t walk(Json& value, int depth) const {
    if (depth > kMaxDepth && (value.is_object() || value.is_array() || value.is_string()))
      return deny(value);
    if (value.is_string()) {
      std::string out;
      if (!redacted(value.get_ref<const std::string&>(), out)) return 0;
      value = std::move(out);
      return 1;
    }
    if (value.is_number_unsigned() || (value.is_number_integer() && value.get<int64_t>() > 0)) {
      if (!config_.cardNumbers || !detail::isCardNumber(value.get<uint64_t>())) return 0;
      value = config_.cardMarker;
      return 1;
    }
    if (value.is_array()) {
      size_t count = 0;
      for (Json& item : value) count += walk(item, depth + 1);
      return count;
    }
    return value.is_object() ? walkObject(value, depth) : 0;
  }

  size_t walkObject(Json& object, int depth) const {
    size_t count = 0;
    std::vector<std::pair<std::string, std::string>> renames;
    for (auto it = object.begin(); it != object.end(); ++it) {
      count += tables_.deniedProperties.contains(it.key()) ? deny(it.value())
                                                            : walk(it.value(), depth + 1);
      std::string key;
      if (redacted(it.key(), key)) renames.emplace_back(it.key(), std::move(key));
    }
    for (auto& [from, to] : renames) {
      object[to] = std::move(object[from]);
      object.erase(from);
      ++count;
    }
    return count;
  }

  size_t walkEvent(Json& event) const {
    size_t count = 0;
    for (auto it = event.begin(); it != event.end(); ++it) {
      if (isOneOf(it.key(), kEngineFields)) continue;
      if (it.key() != "context" || !it.value().is_object()) {
        count += walk(it.value(), 1);
        continue;
      }
      for (auto c = it.value().begin(); c != it.value().end(); ++c) {
        if (isOneOf(c.key(), kEngineContextFields)) continue;
        count += tables_.deniedProperties.contains(c.key()) ? deny(c.value()) : walk(c.value(), 2);
      }
    }
    return count;
  }

 private:
  const RedactionConfig& config_;
  const detail::RedactionTables& tables_;
  detail::UrlRules rules_;
};

}  // namespace

Redactor::Redactor(RedactionConfig config)
    : config_(std::move(config)), tables_(std::make_shared<detail::RedactionTables>(config_)) {}

std::string Redactor::redactString(std::string_view s, bool marketingGranted) const {
  std::string out;
  if (config_.enabled && Pass(config_, *tables_, marketingGranted).redacted(s, out)) return out;
  return std::string(s);
}

size_t Redactor::redactValue(Json& value, bool marketingGranted) const {
  return config_.enabled ? Pass(config_, *tables_, marketingGranted).walk(value, 0) : 0;
}

size_t Redactor::redactEvent(Json& event, bool marketingGranted) const {
  if (!config_.enabled) return 0;
  Pass pass(config_, *tables_, marketingGranted);
  return event.is_object() ? pass.walkEvent(event) : pass.walk(event, 0);
}

}  // namespace engage
