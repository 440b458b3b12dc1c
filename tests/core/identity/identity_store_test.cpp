#include "identity/identity_store.h"

#include <gtest/gtest.h>

#include "support/fakes.h"

namespace engage::detail {
namespace {

TEST(IdentityStore, CreatesAndPersistsAnonymousId) {
  testing::FakePlatform fake;
  IdentityStore first(fake.store, fake.random, fake.logger, "engage.");
  first.load();
  ASSERT_EQ(first.anonymousId().size(), 36u);
  EXPECT_EQ(fake.store.data["engage.anonymousId"], first.anonymousId());

  IdentityStore afterReload(fake.store, fake.random, fake.logger, "engage.");
  afterReload.load();
  EXPECT_EQ(afterReload.anonymousId(), first.anonymousId());
}

TEST(IdentityStore, UserIdPersistsAndResetForgetsIt) {
  testing::FakePlatform fake;
  IdentityStore ids(fake.store, fake.random, fake.logger, "engage.");
  ids.load();
  std::string anon = ids.anonymousId();
  ids.setUserId("u-1");
  IdentityStore reloaded(fake.store, fake.random, fake.logger, "engage.");
  reloaded.load();
  EXPECT_EQ(reloaded.userId(), "u-1");
  reloaded.reset();
  EXPECT_TRUE(reloaded.userId().empty());
  EXPECT_NE(reloaded.anonymousId(), anon);
  EXPECT_EQ(fake.store.data.count("engage.userId"), 0u);
}

TEST(IdentityStore, FullStorageKeepsIdInMemoryAndWarnsOnce) {
  testing::FakePlatform fake;
  fake.store.full = true;
  IdentityStore ids(fake.store, fake.random, fake.logger, "engage.");
  ids.load();
  ids.setUserId("u");
  EXPECT_EQ(ids.anonymousId().size(), 36u);
  EXPECT_EQ(fake.logger.lines.size(), 1u);
}

}  // namespace
}  // namespace engage::detail
