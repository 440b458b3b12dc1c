#include "cli_options.h"

#include <gtest/gtest.h>

namespace engage::collector {
namespace {

TEST(CliOptions, DefaultsWhenNoFlags) {
  CollectorConfig config;
  EXPECT_TRUE(parseCli({}, config).ok);
  EXPECT_EQ(config.server.host, "127.0.0.1");
  EXPECT_EQ(config.server.port, 8080);
  EXPECT_EQ(config.sqlite.path, "./engage.db");
  EXPECT_EQ(config.server.root, ".");
}

TEST(CliOptions, ReadsBothFlagForms) {
  CollectorConfig config;
  CliResult result = parseCli({"--host", "0.0.0.0", "--port=0", "--db", "/tmp/x.db", "--root=/repo"}, config);
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(config.server.host, "0.0.0.0");
  EXPECT_EQ(config.server.port, 0);
  EXPECT_EQ(config.sqlite.path, "/tmp/x.db");
  EXPECT_EQ(config.server.root, "/repo");
}

TEST(CliOptions, WriteKeysRepeat) {
  CollectorConfig config;
  EXPECT_TRUE(config.auth.writeKeys.empty());  // default: every batch accepted
  ASSERT_TRUE(parseCli({"--write-key", "k1", "--write-key=k2"}, config).ok);
  EXPECT_EQ(config.auth.writeKeys, (std::vector<std::string>{"k1", "k2"}));
  EXPECT_FALSE(parseCli({"--write-key="}, config).ok);
}

TEST(CliOptions, SelectsTheStore) {
  CollectorConfig config;
  EXPECT_EQ(config.engine, StoreEngine::Sqlite);  // the default
  ASSERT_TRUE(parseCli({"--store", "clickhouse", "--clickhouse-url=http://10.0.0.5:8123", "--clickhouse-database",
                        "shop", "--clickhouse-user", "writer"},
                       config)
                  .ok);
  EXPECT_EQ(config.engine, StoreEngine::ClickHouse);
  EXPECT_EQ(config.clickhouse.url, "http://10.0.0.5:8123");
  EXPECT_EQ(config.clickhouse.database, "shop");
  EXPECT_EQ(config.clickhouse.user, "writer");
  ASSERT_TRUE(parseCli({"--store", "sqlite"}, config).ok);
  EXPECT_EQ(config.engine, StoreEngine::Sqlite);
  EXPECT_FALSE(parseCli({"--store", "postgres"}, config).ok);
  EXPECT_FALSE(parseCli({"--clickhouse-url", "127.0.0.1:8123"}, config).ok);
}

TEST(CliOptions, RejectsBadInputWithAReason) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"--port", "65536"}, {"--port", "-1"}, {"--port", "http"},
                                             {"--port"}, {"--db="}, {"--verbose", "1"}, {"stray"}}) {
    CollectorConfig config;
    CliResult result = parseCli(args, config);
    EXPECT_FALSE(result.ok) << args[0];
    EXPECT_FALSE(result.error.empty()) << args[0];
  }
}

TEST(CliOptions, Help) {
  CollectorConfig config;
  CliResult result = parseCli({"--port", "1", "--help"}, config);
  EXPECT_TRUE(result.ok);
  EXPECT_TRUE(result.help);
  EXPECT_NE(usage().find("--root"), std::string::npos);
}

}  // namespace
}  // namespace engage::collector
