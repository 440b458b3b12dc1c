// Collector request bodies: what any client on the network may POST to /v1/batch (Engage and
// Segment bodies) and /batch/ (PostHog). The input is the body; it goes through parseBatch and
// CollectorApi::postBatch in both formats, into a real SQLite store (a temporary WAL database file
// per fuzzing process, recreated when it grows).
// Invariants checked on every input:
//   - every answer has a documented status and a JSON object body with a boolean "ok";
//   - 400 exactly when parseBatch reports an error; on 200, received = stored + duplicates = the
//     events parseBatch returned;
//   - posting the same body again stores nothing: every event is a duplicate (idempotency);
//   - GET /v1/events after a stored batch returns valid JSON holding the stored events.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "base/json_access.h"
#include "batch_parser.h"
#include "collector_api.h"
#include "fuzz_support.h"
#include "sqlite_event_store.h"

namespace {

using engage::detail::Json;
using engage::fuzz::require;
namespace collector = engage::collector;

constexpr size_t kRecreateAfterEvents = 50000;  // keeps the database (and each insert) small

struct Db {
  std::string dir;
  std::unique_ptr<collector::SqliteEventStore> store;
  size_t events = 0;
  int generation = 0;

  Db() {
    char pattern[] = "/tmp/engage-collector-fuzz-XXXXXX";
    require(mkdtemp(pattern) != nullptr, "a temporary directory");
    dir = pattern;
    open();
  }
  ~Db() { removeFiles(); rmdir(dir.c_str()); }
  std::string path() const { return dir + "/events-" + std::to_string(generation) + ".db"; }
  void removeFiles() {
    store.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) unlink((path() + suffix).c_str());
  }
  void open() {
    collector::SqliteOptions options;
    options.path = path();
    std::string error;
    store = collector::SqliteEventStore::open(options, &error);
    require(store != nullptr, "the SQLite store opens");
  }
  void recreateIfLarge() {
    if (events < kRecreateAfterEvents) return;
    removeFiles();
    ++generation;
    events = 0;
    open();
  }
};

Db& db() {
  static Db instance;
  return instance;
}

Json checkedBody(const collector::ApiResponse& r) {
  require(r.status == 200 || r.status == 400 || r.status == 401 || r.status == 413 ||
              r.status == 415 || r.status == 503,
          "a documented status");
  auto body = engage::detail::parseJson(r.body);
  require(body && body->is_object(), "the answer is a JSON object");
  const Json* ok = engage::detail::member(*body, "ok");
  require(ok && ok->is_boolean() && ok->get<bool>() == (r.status == 200), "ok matches the status");
  return *body;
}

void post(collector::BatchFormat format, std::string_view body) {
  engage::fuzz::FuzzClock clock;
  collector::BatchLimits limits;
  collector::CollectorApi api(*db().store, clock, limits);
  const collector::BatchRequest request{format, "application/json; charset=utf-8", "", body};
  collector::ParsedBatch parsed = collector::parseBatch(body, limits, clock.wallMs(), format);

  const collector::ApiResponse first = api.postBatch(request);
  const Json answer = checkedBody(first);
  require((first.status == 400) == parsed.error.has_value(), "400 exactly for a parse error");
  if (first.status != 200) return;
  const size_t received = answer.value("received", size_t{0});
  require(received == parsed.events.size(), "received counts the parsed events");
  require(received == answer.value("stored", size_t{0}) + answer.value("duplicates", size_t{0}),
          "received = stored + duplicates");
  db().events += received;

  const collector::ApiResponse again = api.postBatch(request);
  const Json second = checkedBody(again);
  require(again.status == 200 && second.value("stored", size_t{1}) == 0 &&
              second.value("duplicates", size_t{0}) == received,
          "a resent batch is all duplicates");

  const collector::ApiResponse events = api.getEvents({{"limit", std::to_string(received)}});
  require(events.status == 200, "GET /v1/events answers after a stored batch");
  auto listed = engage::detail::parseJson(events.body);
  const Json* array = listed ? engage::detail::member(*listed, "events") : nullptr;
  require(array && array->is_array() && array->size() <= received,
          "GET /v1/events returns valid JSON within its limit");
  for (const Json& e : *array) require(e.is_object(), "every stored event is a JSON object");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  db().recreateIfLarge();
  post(collector::BatchFormat::Engage, body);
  post(collector::BatchFormat::PostHog, body);
  return 0;
}
