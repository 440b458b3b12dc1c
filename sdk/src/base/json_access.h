// Safe reads of untrusted JSON. The wasm build has exception catching disabled, so the core never
// calls nlohmann accessors that throw on a type mismatch: it uses these instead, and parses with
// parseJson() (no exceptions; an invalid text gives std::nullopt).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace engage::detail {

using Json = nlohmann::json;

std::optional<Json> parseJson(std::string_view text);

// The member `key` of object `j` if j is an object holding it, else nullptr.
const Json* member(const Json& j, std::string_view key);

std::string stringOr(const Json& j, std::string_view key, const std::string& fallback);
double numberOr(const Json& j, std::string_view key, double fallback);
int64_t integerOr(const Json& j, std::string_view key, int64_t fallback);
bool boolOr(const Json& j, std::string_view key, bool fallback);

// `s` as a JSON string literal (quoted, escaped); invalid UTF-8 is replaced as dumpJson does.
std::string jsonString(const std::string& s);

// Serialises without throwing: invalid UTF-8 is replaced rather than rejected.
std::string dumpJson(const Json& j);

}  // namespace engage::detail
