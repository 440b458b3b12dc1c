// Who the visitor is: an anonymousId created once and persisted, and the userId set by identify.
// Both are written through the KeyValueStore so a reload (and other tabs) see the same visitor. When
// storage fails the ids live in memory for this page and the failure is reported once.
#pragma once

#include <string>

#include "engage/platform.h"

namespace engage::detail {

class IdentityStore {
 public:
  IdentityStore(KeyValueStore& store, Random& random, Logger& logger, std::string keyPrefix);

  // Moves the ids to another store (consent allowed or withdrew device storage): they are written
  // there and removed from the previous one.
  void moveTo(KeyValueStore& store);
  // Where the ids live; takes effect at the next load().
  void setPrefix(std::string keyPrefix) { prefix_ = std::move(keyPrefix); }
  // Reads the persisted ids, creating and persisting an anonymousId if there is none.
  void load();
  const std::string& anonymousId() const { return anonymousId_; }
  const std::string& userId() const { return userId_; }
  void setUserId(const std::string& userId);
  // Forgets the user and starts a new anonymous visitor (logout).
  void reset();

 private:
  void persist(const std::string& key, const std::string& value);

  KeyValueStore* store_;
  Random& random_;
  Logger& logger_;
  std::string prefix_;
  std::string anonymousId_;
  std::string userId_;
  bool warnedStorage_ = false;
};

}  // namespace engage::detail
