// Delivery for the whole page: one Batcher per destination, this tab's record in the tab registry,
// adoption of dead tabs' queues, page hide and back/forward-cache resume, and online/offline.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/json_access.h"
#include "delivery/batcher.h"
#include "delivery/tab_registry.h"

namespace engage::detail {

class Delivery {
 public:
  explicit Delivery(Platform platform) : platform_(platform) {}

  // (Re)starts delivery: registers this tab, loads its queues and adopts dead tabs' queues.
  // `storagePrefix` namespaces every key; `persist` false keeps queues in memory only.
  void start(const DeliveryConfig& config, const std::string& storagePrefix,
             const std::string& tabId, KeyValueStore* store);

  void enqueue(const std::string& eventJson, int64_t wallMs);
  void pump(bool force);
  void tick();
  int64_t nextWakeupMs() const;
  void onResult(const std::string& batchId, int status, int64_t retryAfterMs);

  // Moves the queues to another store (consent allowed or withdrew device storage); what waits is
  // kept, and nothing stays behind in the previous store.
  void moveTo(KeyValueStore* store);

  // Adopts the queues of tabs not in `live` (Web Locks) or silent for tabStaleMs.
  int adoptDead(const std::optional<std::set<std::string>>& live);
  void pageHide();
  void pageShow();
  void setOnline(bool online);
  // Writes what changed (queue meta records) once per engine call.
  void persist();

  Json statsJson() const;

 private:
  std::string queueNamespace(size_t destination, const std::string& tabId) const;
  std::string tabId_;

  Platform platform_;
  DeliveryConfig config_;
  std::string prefix_;
  KeyValueStore* store_ = nullptr;
  std::unique_ptr<TabRegistry> registry_;
  std::vector<std::unique_ptr<Batcher>> batchers_;
  int64_t lastHeartbeatMs_ = 0;
  bool online_ = true;
  bool hidden_ = false;
};

}  // namespace engage::detail
