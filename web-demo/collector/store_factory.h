// Opens the EventStore the configuration selects: SQLite (the default) or ClickHouse.
#pragma once

#include <memory>
#include <string>

#include "collector_config.h"
#include "event_store.h"

namespace engage::collector {

// nullptr and *error when the store cannot be opened (a file that cannot be created, a ClickHouse
// server that does not answer or refuses the schema).
std::unique_ptr<EventStore> openStore(const CollectorConfig& config, std::string* error);

// "SQLite ./engage.db" or "ClickHouse http://127.0.0.1:8123 engage.events", for messages.
std::string describeStore(const CollectorConfig& config);

}  // namespace engage::collector
