// A denylist of parameter or property names, matched case-insensitively ignoring '_', '-', '.' and
// spaces ("E-Mail", "e_mail" and "email" are one name). Lookups run for every key of every event, so
// a name is normalised and hashed in one pass and most names are rejected by a 64-bit filter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace engage::detail {

std::string normaliseName(std::string_view name);

class NameSet {
 public:
  NameSet() = default;
  explicit NameSet(const std::vector<std::string>& names);
  bool contains(std::string_view rawName) const;
  bool empty() const { return names_.empty(); }

 private:
  std::vector<std::string> names_;  // normalised
  std::vector<uint64_t> hashes_;    // FNV-1a of each normalised name
  uint64_t filter_ = 0;             // bit (hash % 64) of every name
  size_t maxLength_ = 0;
};

}  // namespace engage::detail
