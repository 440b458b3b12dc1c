#include "privacy/name_set.h"

#include <cstring>

namespace engage::detail {

namespace {

constexpr size_t kMaxNameLength = 64;  // longer denylist entries are ignored
constexpr uint64_t kFnvOffset = 1469598103934665603ull, kFnvPrime = 1099511628211ull;

constexpr bool skipped(char c) { return c == '_' || c == '-' || c == '.' || c == ' '; }
constexpr char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// Each byte's normalised form, 0 for the skipped separators (one lookup per character).
struct FoldTable {
  char to[256] = {};
  constexpr FoldTable() {
    for (int c = 0; c < 256; ++c) {
      const char ch = static_cast<char>(c);
      to[c] = skipped(ch) ? '\0' : lower(ch);
    }
  }
};
constexpr FoldTable kFold;

// Normalises into `out` (capacity kMaxNameLength) and hashes; false when too long.
bool normaliseAndHash(std::string_view name, char* out, size_t& length, uint64_t& hash) {
  length = 0;
  hash = kFnvOffset;
  for (char raw : name) {
    const char c = kFold.to[static_cast<unsigned char>(raw)];
    if (c == '\0') continue;  // a separator (a NUL byte, never in a listed name, is dropped too)
    if (length == kMaxNameLength) return false;
    out[length++] = c;
    hash = (hash ^ static_cast<unsigned char>(c)) * kFnvPrime;
  }
  return true;
}

}  // namespace

std::string normaliseName(std::string_view name) {
  std::string out;
  for (char c : name)
    if (!skipped(c)) out.push_back(lower(c));
  return out;
}

NameSet::NameSet(const std::vector<std::string>& names) {
  for (const std::string& raw : names) {
    char buf[kMaxNameLength];
    size_t length;
    uint64_t hash;
    if (!normaliseAndHash(raw, buf, length, hash) || length == 0) continue;
    names_.emplace_back(buf, length);
    hashes_.push_back(hash);
    filter_ |= 1ull << (hash % 64);
    if (length > maxLength_) maxLength_ = length;
  }
}

bool NameSet::contains(std::string_view rawName) const {
  if (names_.empty() || rawName.size() > 4 * kMaxNameLength) return false;
  char buf[kMaxNameLength];
  size_t length;
  uint64_t hash;
  if (!normaliseAndHash(rawName, buf, length, hash) || length > maxLength_) return false;
  if (!(filter_ & (1ull << (hash % 64)))) return false;
  for (size_t i = 0; i < hashes_.size(); ++i)
    if (hashes_[i] == hash && names_[i].size() == length &&
        std::memcmp(names_[i].data(), buf, length) == 0)
      return true;
  return false;
}

}  // namespace engage::detail
