// Every size, budget and timing of delivery, with its documented default.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace engage {

struct DeliveryConfig {
  std::string endpoint = "/v1/batch";    // where batches are POSTed
  std::string writeKey;                  // sent in each batch body
  size_t maxBatchEvents = 20;            // a batch goes out when it holds this many events ...
  size_t maxBatchBytes = 60 * 1024;      // ... or this many bytes (under the 64 KiB keepalive budget)
  int64_t flushIntervalMs = 1000;        // ... or when its oldest event has waited this long
  size_t maxQueueEvents = 10000;         // beyond this the oldest events are dropped (counted)
  int64_t retryBaseMs = 1000;            // first retry delay; doubles each attempt, with jitter
  int64_t retryMaxMs = 60 * 1000;        // cap of one retry delay
};

}  // namespace engage
