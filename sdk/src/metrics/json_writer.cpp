#include "metrics/json_writer.h"

#include <charconv>
#include <cmath>

namespace engage::detail {
namespace {

bool needsEscape(std::string_view s) {
  for (char c : s) {
    if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) return true;
  }
  return false;
}

void appendEscaped(std::vector<char>& out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out.push_back('"');
  if (!needsEscape(s)) {
    out.insert(out.end(), s.begin(), s.end());
    out.push_back('"');
    return;
  }
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20) {
      for (char e : {'\\', 'u', '0', '0', kHex[u >> 4], kHex[u & 15]}) out.push_back(e);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

}  // namespace

void JsonWriter::separate() {
  if (afterKey_) {
    afterKey_ = false;
    return;
  }
  if (hasMember_.empty()) return;
  if (hasMember_.back()) put(',');
  hasMember_.back() = true;
}

JsonWriter& JsonWriter::beginObject() {
  separate();
  put('{');
  hasMember_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::endObject() {
  put('}');
  if (!hasMember_.empty()) hasMember_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::beginArray() {
  separate();
  put('[');
  hasMember_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::endArray() {
  put(']');
  if (!hasMember_.empty()) hasMember_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  put('"');
  put(name);
  put("\":");
  afterKey_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(int64_t v) {
  separate();
  char buf[24];
  char* end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  put(std::string_view(buf, static_cast<size_t>(end - buf)));
  return *this;
}

JsonWriter& JsonWriter::value(double v) {
  if (!std::isfinite(v)) return null();
  separate();
  // nlohmann's own shortest round-trip formatting (Grisu2), as dump() prints it: the standard
  // floating-point std::to_chars is missing from Emscripten 3.1.6's libc++, and snprintf plus a
  // strtod check costs several times more.
  char buf[64];
  char* end = nlohmann::detail::to_chars(buf, buf + sizeof buf, v);
  put(std::string_view(buf, static_cast<size_t>(end - buf)));
  return *this;
}

JsonWriter& JsonWriter::value(bool v) {
  separate();
  put(v ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view v) {
  separate();
  appendEscaped(out_, v);
  return *this;
}

JsonWriter& JsonWriter::value(const Json& v) {
  separate();
  put(dumpJson(v));
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  put("null");
  return *this;
}

}  // namespace engage::detail
