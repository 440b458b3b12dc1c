#include "base/json_access.h"

#include <cmath>

namespace engage::detail {

std::optional<Json> parseJson(std::string_view text) {
  Json parsed = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

const Json* member(const Json& j, std::string_view key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

std::string stringOr(const Json& j, std::string_view key, const std::string& fallback) {
  const Json* m = member(j, key);
  return m && m->is_string() ? m->get_ref<const std::string&>() : fallback;
}

double numberOr(const Json& j, std::string_view key, double fallback) {
  const Json* m = member(j, key);
  return m && m->is_number() ? m->get<double>() : fallback;
}

int64_t integerOr(const Json& j, std::string_view key, int64_t fallback) {
  const Json* m = member(j, key);
  if (!m || !m->is_number()) return fallback;
  double v = m->get<double>();
  if (!std::isfinite(v) || v > 9.0e15 || v < -9.0e15) return fallback;
  return static_cast<int64_t>(v);
}

bool boolOr(const Json& j, std::string_view key, bool fallback) {
  const Json* m = member(j, key);
  return m && m->is_boolean() ? m->get<bool>() : fallback;
}

std::string jsonString(const std::string& s) {
  // Fast path: printable ASCII without quotes or backslashes needs no escaping and is valid UTF-8.
  for (unsigned char c : s) {
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return dumpJson(Json(s));
  }
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  out += s;
  out += '"';
  return out;
}

std::string dumpJson(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace engage::detail
