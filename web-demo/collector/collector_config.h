// Every default and limit of the reference collector, in one place. The command line
// (cli_options.h) fills the server part; the request limits are fixed defaults a test may lower.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace engage::collector {

// Limits applied to POST /v1/batch before anything is stored.
struct BatchLimits {
  // Largest accepted body, after any Content-Encoding was undone (413 payload_too_large).
  std::size_t maxBodyBytes = 1024 * 1024;
  // Events per batch: 1..maxEvents (400 invalid_batch). With 1 MiB bodies, 1000 leaves ~1 KiB
  // per event; the SDK's own batches are far smaller.
  std::size_t maxEvents = 1000;
  // messageId is the de-duplication key: a non-empty string of at most this many characters.
  std::size_t maxMessageIdLength = 128;
};

// Paging of GET /v1/events.
struct QueryLimits {
  int defaultEvents = 50;  // when ?limit= is absent
  int maxEvents = 1000;    // larger ?limit= values are clamped to this
};

// The analysis routes (/v1/metrics, /v1/experiments).
struct AnalysisLimits {
  // Points of a /v1/metrics time series: an explicit range needing more is refused (400); an open
  // range keeps its latest buckets. 400 covers a year of days or two weeks of hours.
  int maxSeriesBuckets = 400;
};

// The SQLite engine.
struct SqliteOptions {
  std::string path = "./engage.db";
  // synchronous=NORMAL in WAL mode survives a crash of the collector (not of the machine's power)
  // and keeps inserts cheap; set FULL to fsync every batch.
  bool fullSync = false;
  // How long a writer waits for a lock held by another process (e.g. a test reading the file).
  int busyTimeoutMs = 5000;
};

// The ClickHouse engine (clickhouse_event_store.h), spoken to over its HTTP interface.
struct ClickHouseOptions {
  std::string url = "http://127.0.0.1:8123";  // ClickHouse's HTTP interface
  std::string database = "engage";            // created if missing; letters, digits and '_' only
  std::string table = "events";               // created if missing; letters, digits and '_' only
  std::string user;                           // empty: ClickHouse's `default` user without password
  std::string password;
  int connectTimeoutMs = 2000;
  int queryTimeoutMs = 30000;                 // per call; a read of the whole table streams within it
};

// Which engine keeps the events: SQLite (embedded, the default) or ClickHouse (a server, for sites
// that outgrow one machine).
enum class StoreEngine { Sqlite, ClickHouse };

// Which batches are accepted (write_key.h).
struct AuthOptions {
  // Accepted write keys: Engage/Segment `writeKey` in the body or as the HTTP Basic auth user, PostHog
  // `api_key`. Empty (the default, for the demo): every batch is accepted whatever key it carries.
  std::vector<std::string> writeKeys;
};

struct ServerOptions {
  std::string host = "127.0.0.1";  // loopback only unless asked otherwise
  int port = 8080;                 // 0 = let the kernel pick a free port (it is printed)
  std::string root = ".";          // repo root: web-demo/shop, web-demo/dashboard and js/dist under it
  int readTimeoutSec = 5;
  int writeTimeoutSec = 5;
};

struct CollectorConfig {
  ServerOptions server;
  StoreEngine engine = StoreEngine::Sqlite;
  SqliteOptions sqlite;
  ClickHouseOptions clickhouse;
  BatchLimits batch;
  QueryLimits query;
  AuthOptions auth;
  AnalysisLimits analysis;
};

}  // namespace engage::collector
