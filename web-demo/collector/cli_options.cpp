#include "cli_options.h"

#include <cstdlib>

namespace engage::collector {
namespace {

bool parsePort(const std::string& text, int& port) {
  if (text.empty() || text.size() > 5 || text.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  port = std::atoi(text.c_str());
  return port <= 65535;
}

CliResult failure(const std::string& error) {
  CliResult result;
  result.error = error;
  return result;
}

}  // namespace

std::string usage() {
  return "usage: engage-collector [--host 127.0.0.1] [--port 8080] [--db ./engage.db] [--root .]\n"
         "                        [--write-key KEY ...] [--store sqlite|clickhouse]\n"
         "                        [--clickhouse-url http://127.0.0.1:8123] [--clickhouse-database engage]\n"
         "                        [--clickhouse-user NAME]\n"
         "  --host  address to listen on (default 127.0.0.1)\n"
         "  --port  port to listen on; 0 picks a free one (default 8080)\n"
         "  --store where events are kept: sqlite (default) or clickhouse\n"
         "  --db    SQLite database file, created if missing (default ./engage.db)\n"
         "  --clickhouse-url       ClickHouse's HTTP interface (default http://127.0.0.1:8123)\n"
         "  --clickhouse-database  database, created if missing (default engage; table `events`)\n"
         "  --clickhouse-user      user (default: ClickHouse's `default`); the password is read from\n"
         "                         the environment variable ENGAGE_CLICKHOUSE_PASSWORD\n"
         "  --root  repo root: serves web-demo/shop at /, web-demo/dashboard at /dashboard/,\n"
         "          js/dist at /dist/ (default .)\n"
         "  --write-key  accept only batches carrying this key (body writeKey, HTTP Basic user or\n"
         "          PostHog api_key); repeat for several keys (default: accept every batch)\n";
}

CliResult parseCli(const std::vector<std::string>& args, CollectorConfig& config) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    if (flag == "--help" || flag == "-h") {
      CliResult result;
      result.ok = result.help = true;
      return result;
    }
    std::string value;
    std::size_t eq = flag.find('=');
    if (flag.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return failure("missing value for " + flag);
    }
    if (flag == "--host") {
      config.server.host = value;
    } else if (flag == "--port") {
      if (!parsePort(value, config.server.port)) return failure("--port must be 0..65535, got '" + value + "'");
    } else if (flag == "--db") {
      config.sqlite.path = value;
    } else if (flag == "--root") {
      config.server.root = value;
    } else if (flag == "--store") {
      if (value != "sqlite" && value != "clickhouse") return failure("--store must be sqlite or clickhouse, got '" + value + "'");
      config.engine = value == "clickhouse" ? StoreEngine::ClickHouse : StoreEngine::Sqlite;
    } else if (flag == "--clickhouse-url") {
      if (value.rfind("http://", 0) != 0 && value.rfind("https://", 0) != 0) {
        return failure("--clickhouse-url must start with http:// or https://, got '" + value + "'");
      }
      config.clickhouse.url = value;
    } else if (flag == "--clickhouse-database") {
      config.clickhouse.database = value;
    } else if (flag == "--clickhouse-user") {
      config.clickhouse.user = value;
    } else if (flag == "--write-key") {
      config.auth.writeKeys.push_back(value);
    } else {
      return failure("unknown option " + flag);
    }
    if (value.empty()) return failure(flag + " needs a value");
  }
  CliResult result;
  result.ok = true;
  return result;
}

}  // namespace engage::collector
