// The command line of engage-collector:
//   engage-collector [--host 127.0.0.1] [--port 8080] [--db ./engage.db] [--root .] [--write-key K]...
//                    [--store sqlite|clickhouse] [--clickhouse-url URL] [--clickhouse-database NAME]
//                    [--clickhouse-user NAME]
// Each flag also takes the --flag=value form. --port 0 picks a free port.
#pragma once

#include <string>
#include <vector>

#include "collector_config.h"

namespace engage::collector {

struct CliResult {
  bool ok = false;
  bool help = false;  // --help / -h: print usage() and exit 0
  std::string error;  // when !ok
};

// Fills config.server, config.engine, config.sqlite, config.clickhouse and config.auth from args (argv without the program name).
CliResult parseCli(const std::vector<std::string>& args, CollectorConfig& config);

std::string usage();

}  // namespace engage::collector
