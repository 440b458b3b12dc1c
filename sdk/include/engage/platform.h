// The side effects the core may have, each behind an injected interface. The core itself has no
// threads, timers, I/O, clock reads or randomness: the browser adapters (sdk/bindings), the native
// tools, the collector and the test fakes (tests/core/support) implement these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace engage {

// Two clocks: wall time for timestamps, monotonic time for durations and timeouts.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t wallMs() = 0;       // Unix epoch milliseconds.
  virtual int64_t monotonicMs() = 0;  // Never goes backwards; origin is arbitrary.
};

// A string key-value store (localStorage, IndexedDB, a native bridge, memory).
class KeyValueStore {
 public:
  virtual ~KeyValueStore() = default;
  virtual std::optional<std::string> get(const std::string& key) = 0;
  // Returns false when the value was not stored (quota exceeded, storage disabled).
  virtual bool set(const std::string& key, const std::string& value) = 0;
  virtual void remove(const std::string& key) = 0;
};

// One batch ready for the wire. The core gives it an id; the result comes back later through
// Engine::onSendResult(id, ...).
struct OutgoingBatch {
  std::string id;
  std::string url;
  std::string contentType = "application/json";
  std::string body;
  int eventCount = 0;
  bool beacon = false;  // page hide: send with sendBeacon / fetch keepalive; no result will come
  bool gzip = false;    // the destination accepts Content-Encoding: gzip
};

// Fire-and-forget sending: send() must not block and must not call back into the core synchronously.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual void send(const OutgoingBatch& batch) = 0;
};

// Randomness for ids and jitter only; never for experiment assignment (that is a pure hash).
class Random {
 public:
  virtual ~Random() = default;
  virtual uint32_t nextU32() = 0;
};

enum class LogLevel { Debug = 0, Info = 1, Warn = 2, Error = 3 };

class Logger {
 public:
  virtual ~Logger() = default;
  virtual void log(LogLevel level, const std::string& message) = 0;
};

// Everything with a side effect, handed to the core in one piece. The pointees outlive the core.
struct Platform {
  Clock* clock;
  KeyValueStore* store;
  Transport* transport;
  Random* random;
  Logger* logger;
};

}  // namespace engage
