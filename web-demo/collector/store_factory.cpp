#include "store_factory.h"

#include "clickhouse_event_store.h"
#include "sqlite_event_store.h"

namespace engage::collector {

std::unique_ptr<EventStore> openStore(const CollectorConfig& config, std::string* error) {
  if (config.engine == StoreEngine::ClickHouse) return ClickHouseEventStore::open(config.clickhouse, error);
  return SqliteEventStore::open(config.sqlite, error);
}

std::string describeStore(const CollectorConfig& config) {
  if (config.engine == StoreEngine::ClickHouse) {
    return "ClickHouse " + config.clickhouse.url + " " + config.clickhouse.database + "." + config.clickhouse.table;
  }
  return "SQLite " + config.sqlite.path;
}

}  // namespace engage::collector
