#include "identity/identity_store.h"

#include "base/ids.h"

namespace engage::detail {

IdentityStore::IdentityStore(KeyValueStore& store, Random& random, Logger& logger,
                             std::string keyPrefix)
    : store_(&store), random_(random), logger_(logger), prefix_(std::move(keyPrefix)) {}

void IdentityStore::load() {
  auto anon = store_->get(prefix_ + "anonymousId");
  // A stored id is trusted only if it looks like one we could have written.
  if (anon && !anon->empty() && anon->size() <= 128) {
    anonymousId_ = *anon;
  } else {
    if (anonymousId_.empty()) anonymousId_ = newUuid(random_);
    persist("anonymousId", anonymousId_);
  }
  auto user = store_->get(prefix_ + "userId");
  if (user && user->size() <= 256) userId_ = *user;
}

void IdentityStore::moveTo(KeyValueStore& store) {
  if (&store == store_) return;
  store_->remove(prefix_ + "anonymousId");
  store_->remove(prefix_ + "userId");
  store_ = &store;
  if (!anonymousId_.empty()) persist("anonymousId", anonymousId_);
  if (!userId_.empty()) persist("userId", userId_);
}

void IdentityStore::setUserId(const std::string& userId) {
  if (userId == userId_) return;
  userId_ = userId;
  if (userId.empty())
    store_->remove(prefix_ + "userId");
  else
    persist("userId", userId);
}

void IdentityStore::reset() {
  userId_.clear();
  store_->remove(prefix_ + "userId");
  anonymousId_ = newUuid(random_);
  persist("anonymousId", anonymousId_);
}

void IdentityStore::persist(const std::string& key, const std::string& value) {
  if (store_->set(prefix_ + key, value) || warnedStorage_) return;
  warnedStorage_ = true;
  logger_.log(LogLevel::Warn, "engage: storage is unavailable; the visitor id lives in memory only");
}

}  // namespace engage::detail
