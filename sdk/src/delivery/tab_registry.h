// Which tabs of this origin have a queue, so that a tab that dies (closed, crashed, navigated away)
// leaves its queue to another tab, and no two tabs ever send the same queue. One record in storage:
//   <prefix>tabs   {"<tabId>": {"seen": wallMs, "released": bool}, ...}
// A tab is alive while it is in the `live` set the page reports (Web Locks: each tab holds a lock
// named after its id) or, where Web Locks are missing, while its heartbeat is younger than staleMs.
// A released tab (pagehide) is dead at once.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/json_access.h"
#include "engage/platform.h"

namespace engage::detail {

class TabRegistry {
 public:
  TabRegistry(KeyValueStore* store, std::string key, std::string tabId);

  const std::string& tabId() const { return tabId_; }
  // Records this tab as alive now.
  void heartbeat(int64_t wallMs);
  // Marks this tab's queue as free for the next page load or another tab to take (pagehide).
  void release(int64_t wallMs);
  // True when another tab took this tab's queue (its record is gone).
  bool wasAdopted();
  // Tabs whose queues this tab should adopt now; removes their records (so no other tab takes them).
  std::vector<std::string> claimDead(int64_t wallMs, int64_t staleMs,
                                     const std::optional<std::set<std::string>>& live);

 private:
  Json read();
  void write(const Json& tabs);

  KeyValueStore* store_;
  std::string key_;
  std::string tabId_;
};

}  // namespace engage::detail
