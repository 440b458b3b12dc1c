// One tab's queue of events for one destination, written through to the KeyValueStore so that what
// the core accepted survives a reload, a crash or the tab being closed. Layout under namespace N:
//   N + "meta"      {"head":H,"tail":T}  the range of sequence numbers that may hold events
//   N + <seq>       "<wallMs>|<event json>"
// Keys in [head, tail) may be missing (dropped events); loading skips them. When storage refuses a
// write the event still lives in memory for this page and the failure is counted.
#pragma once

#include <cstdint>
#include <deque>
#include <string>

#include "engage/platform.h"

namespace engage::detail {

struct QueuedEvent {
  uint64_t seq = 0;
  int64_t wallMs = 0;     // when it was accepted (for the maximum age)
  int64_t readyMs = 0;    // monotonic time it entered the queue (for the flush interval)
  std::string json;
};

class PersistentQueue {
 public:
  PersistentQueue(KeyValueStore* store, std::string ns);

  // Reads what storage holds under the namespace (previous page load, or a dead tab's queue).
  void load(int64_t nowMonoMs);
  // Appends and writes through; returns false when storage refused the write.
  bool push(std::string json, int64_t wallMs, int64_t nowMonoMs);
  // Appends events adopted from another queue (they keep their order and wall time).
  void adopt(std::deque<QueuedEvent>&& events, int64_t nowMonoMs);
  // Removes events for good (acknowledged or dropped): from memory and from storage.
  void erase(const QueuedEvent& event);
  // Forgets everything under the namespace (after another queue adopted it).
  void clearStorage();
  // Writes the meta record if it changed; called once per engine call, not per event.
  void flushMeta();

  std::deque<QueuedEvent>& items() { return items_; }
  const std::deque<QueuedEvent>& items() const { return items_; }
  size_t bytes() const { return bytes_; }
  uint64_t storageFailures() const { return storageFailures_; }
  const std::string& ns() const { return ns_; }

 private:
  std::string key(uint64_t seq) const { return ns_ + std::to_string(seq); }
  void recomputeHead();

  KeyValueStore* store_;
  std::string ns_;
  std::deque<QueuedEvent> items_;  // in order; the batcher takes from the front
  size_t bytes_ = 0;
  uint64_t head_ = 0, tail_ = 0;
  bool metaDirty_ = false;
  uint64_t storageFailures_ = 0;
};

}  // namespace engage::detail
