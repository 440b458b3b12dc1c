// Every size, budget and timing of delivery, with its documented default.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "delivery/wire_format.h"

namespace engage {

// One backend. Events go to every destination; each keeps its own queue, order and retries.
struct Destination {
  std::string url = "/v1/batch";
  detail::WireFormat format = detail::WireFormat::Engage;
  std::string writeKey;
  bool gzip = false;  // ask the page to gzip bodies (CompressionStream) for this backend
};

struct DeliveryConfig {
  std::vector<Destination> destinations{Destination{}};
  size_t maxBatchEvents = 100;             // a batch goes out when it holds this many events ...
  size_t maxBatchBytes = 60 * 1024;        // ... or this many bytes (under the 64 KiB keepalive budget)
  int64_t flushIntervalMs = 1000;          // ... or when its oldest event has waited this long
  size_t maxQueueEvents = 1000;            // per destination; beyond it the oldest are dropped
  size_t maxQueueBytes = 1024 * 1024;      // per destination; likewise (localStorage holds ~5 MB)
  int64_t maxEventAgeMs = 7LL * 24 * 3600 * 1000;  // older undelivered events are dropped
  int64_t retryBaseMs = 1000;              // first retry delay; doubles each attempt, with jitter
  int64_t retryMaxMs = 60 * 1000;          // cap of one retry delay
  size_t unloadBudgetBytes = 60 * 1024;    // what pagehide may hand to sendBeacon/keepalive in all
  int64_t heartbeatMs = 10 * 1000;         // how often a tab refreshes its registry record
  int64_t tabStaleMs = 3 * 60 * 1000;      // without Web Locks: a tab silent this long is dead
};

}  // namespace engage
