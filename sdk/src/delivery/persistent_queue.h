// One tab's queue of events for one destination, written through to the KeyValueStore so that what
// the core accepted survives a reload, a crash or the tab being closed. Events accepted in one engine
// call are written together as one segment (one storage write per call, not per event):
//   N + "meta"      {"next":S,"segs":[[id,count,[removed indices...]],...]}
//   N + "s" + id    "<wallMs>|<event json>\n<wallMs>|<event json>..."
// A segment's key is removed when all its events were acknowledged or dropped. When storage refuses
// a write the events still live in memory for this page and the failure is counted per event.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>

#include "base/json_access.h"
#include "engage/platform.h"

namespace engage::detail {

struct QueuedEvent {
  uint64_t segment = 0;   // 0 = not stored (storage refused it)
  uint32_t index = 0;     // position in its segment
  int64_t wallMs = 0;     // when it was accepted (for the maximum age)
  int64_t readyMs = 0;    // monotonic time it entered the queue (for the flush interval)
  std::string json;
};

class PersistentQueue {
 public:
  PersistentQueue(KeyValueStore* store, std::string ns);

  // Reads what storage holds under the namespace (previous page load, or a dead tab's queue).
  // Whatever this class could not have written is skipped, never trusted: a segment listed twice
  // or with id 0, removed indices beyond a segment's lines, and lines that are not
  // "<wallMs>|<JSON object>" with |wallMs| <= 9e15 (they count as removed, so the record still goes
  // once every readable event in it is erased). tests/fuzz/stored_queue_fuzz.cpp checks this.
  void load(int64_t nowMonoMs);
  // Appends; the event is written at the next commit().
  void push(std::string json, int64_t wallMs, int64_t nowMonoMs);
  // Appends events adopted from another queue (they keep their order and wall time).
  void adopt(std::deque<QueuedEvent>&& events, int64_t nowMonoMs);
  // Removes an event for good (acknowledged or dropped).
  void erase(const QueuedEvent& event);
  // Forgets everything under the namespace (after another queue adopted it).
  void clearStorage();
  // Writes the events pushed since the last commit as one segment, and the meta record if it
  // changed. Called once per engine call.
  void commit();

  std::deque<QueuedEvent>& items() { return items_; }
  const std::deque<QueuedEvent>& items() const { return items_; }
  size_t bytes() const { return bytes_; }
  uint64_t storageFailures() const { return storageFailures_; }

 private:
  struct Segment {
    uint32_t count = 0;
    std::set<uint32_t> removed;
  };
  std::string segmentKey(uint64_t id) const { return ns_ + "s" + std::to_string(id); }
  void loadSegment(uint64_t id, const Json& seg, int64_t nowMonoMs);
  void writeMeta();

  KeyValueStore* store_;
  std::string ns_;
  std::deque<QueuedEvent> items_;  // in order; the batcher takes from the front
  size_t unsaved_ = 0;             // the last unsaved_ items await commit()
  size_t bytes_ = 0;
  uint64_t nextSegment_ = 1;
  std::map<uint64_t, Segment> segments_;
  bool metaDirty_ = false;
  uint64_t storageFailures_ = 0;
};

}  // namespace engage::detail
