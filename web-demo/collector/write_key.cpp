#include "write_key.h"

#include <algorithm>
#include <cctype>

namespace engage::collector {
namespace {

// The 6-bit value of a base64 character (RFC 4648 alphabet), or -1.
int base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Decodes standard base64 with optional '=' padding; false on any other character.
bool decodeBase64(std::string_view in, std::string& out) {
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    int v = base64Value(c);
    if (v < 0) return false;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return bits < 6;  // a lone trailing character cannot encode a byte
}

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

std::string basicAuthUser(std::string_view authorization) {
  if (!startsWithNoCase(authorization, "basic ")) return "";
  std::string_view encoded = authorization.substr(6);
  while (!encoded.empty() && encoded.front() == ' ') encoded.remove_prefix(1);
  while (!encoded.empty() && encoded.back() == ' ') encoded.remove_suffix(1);
  std::string decoded;
  if (!decodeBase64(encoded, decoded)) return "";
  return decoded.substr(0, decoded.find(':'));
}

bool writeKeyAccepted(const AuthOptions& auth, const std::string& bodyKey, const std::string& basicUser) {
  if (auth.writeKeys.empty()) return true;
  auto known = [&](const std::string& key) {
    return !key.empty() && std::find(auth.writeKeys.begin(), auth.writeKeys.end(), key) != auth.writeKeys.end();
  };
  return known(bodyKey) || known(basicUser);
}

}  // namespace engage::collector
