#include "delivery/delivery.h"

namespace engage::detail {

std::string Delivery::queueNamespace(size_t destination, const std::string& tabId) const {
  return prefix_ + "q." + std::to_string(destination) + "." + tabId + ".";
}

void Delivery::start(const DeliveryConfig& config, const std::string& storagePrefix,
                     const std::string& tabId, KeyValueStore* store) {
  config_ = config;
  prefix_ = storagePrefix;
  store_ = store;
  tabId_ = tabId;
  const int64_t now = platform_.clock->monotonicMs();
  Platform p = platform_;
  p.store = store;
  registry_ = std::make_unique<TabRegistry>(store, prefix_ + "tabs", tabId);
  batchers_.clear();
  for (size_t i = 0; i < config.destinations.size(); ++i) {
    batchers_.push_back(std::make_unique<Batcher>(config, config.destinations[i], p,
                                                  queueNamespace(i, tabId),
                                                  "d" + std::to_string(i) + "-"));
    batchers_.back()->load(now);
    batchers_.back()->setOnline(online_);
  }
  registry_->heartbeat(platform_.clock->wallMs());
  lastHeartbeatMs_ = now;
  adoptDead(std::nullopt);
}

void Delivery::moveTo(KeyValueStore* store) {
  if (store == store_ || !registry_) return;
  const int64_t now = platform_.clock->monotonicMs();
  std::vector<std::deque<QueuedEvent>> waiting;
  for (auto& b : batchers_) {
    waiting.push_back(b->queue().items());
    b->queue().clearStorage();
  }
  start(config_, prefix_, tabId_, store);
  for (size_t i = 0; i < batchers_.size() && i < waiting.size(); ++i)
    batchers_[i]->adopt(std::move(waiting[i]), now);
  persist();
}

int Delivery::adoptDead(const std::optional<std::set<std::string>>& live) {
  if (!registry_) return 0;
  const int64_t now = platform_.clock->monotonicMs();
  auto dead = registry_->claimDead(platform_.clock->wallMs(), config_.tabStaleMs, live);
  for (const auto& tab : dead) {
    for (size_t i = 0; i < batchers_.size(); ++i) {
      PersistentQueue orphan(store_, queueNamespace(i, tab));
      orphan.load(now);
      batchers_[i]->adopt(std::move(orphan.items()), now);
      orphan.clearStorage();
    }
  }
  persist();
  return static_cast<int>(dead.size());
}

void Delivery::enqueue(const std::string& eventJson, int64_t wallMs) {
  const int64_t now = platform_.clock->monotonicMs();
  for (auto& b : batchers_) b->enqueue(eventJson, wallMs, now);
}

void Delivery::pump(bool force) {
  const int64_t now = platform_.clock->monotonicMs();
  for (auto& b : batchers_) b->pump(now, force);
}

void Delivery::tick() {
  if (!registry_ || hidden_) return;
  const int64_t now = platform_.clock->monotonicMs();
  if (now - lastHeartbeatMs_ >= config_.heartbeatMs) {
    lastHeartbeatMs_ = now;
    if (registry_->wasAdopted()) {
      // Another tab decided this one was dead and took its queues: continue from what is left.
      for (auto& b : batchers_) b->load(now);
    }
    registry_->heartbeat(platform_.clock->wallMs());
    adoptDead(std::nullopt);
  }
  pump(false);
}

int64_t Delivery::nextWakeupMs() const {
  if (!registry_) return -1;
  const int64_t now = platform_.clock->monotonicMs();
  int64_t next = hidden_ ? -1 : std::max<int64_t>(0, lastHeartbeatMs_ + config_.heartbeatMs - now);
  for (const auto& b : batchers_) {
    int64_t w = b->nextWakeupMs(now);
    if (w >= 0 && (next < 0 || w < next)) next = w;
  }
  return next;
}

void Delivery::onResult(const std::string& batchId, int status, int64_t retryAfterMs) {
  const int64_t now = platform_.clock->monotonicMs();
  for (auto& b : batchers_)
    if (b->onResult(batchId, status, retryAfterMs, now)) break;
  persist();
}

void Delivery::pageHide() {
  if (!registry_) return;
  hidden_ = true;
  size_t budget = config_.unloadBudgetBytes;
  for (auto& b : batchers_) b->unload(budget);
  persist();
  registry_->release(platform_.clock->wallMs());
}

void Delivery::pageShow() {
  if (!registry_) return;
  hidden_ = false;
  const int64_t now = platform_.clock->monotonicMs();
  if (registry_->wasAdopted()) {
    for (auto& b : batchers_) b->load(now);  // a later load took the queue; keep what is left
  } else {
    for (auto& b : batchers_) b->resume();
  }
  registry_->heartbeat(platform_.clock->wallMs());
  lastHeartbeatMs_ = now;
}

void Delivery::setOnline(bool online) {
  online_ = online;
  for (auto& b : batchers_) b->setOnline(online);
}

void Delivery::persist() {
  for (auto& b : batchers_) b->persist();
}

Json Delivery::statsJson() const {
  Json out = {{"queued", 0}, {"inFlight", 0}, {"accepted", 0}, {"sent", 0}, {"retried", 0},
              {"batches", 0}, {"bytesSent", 0}, {"beaconed", 0}, {"storageFailures", 0},
              {"dropped", Json::object()}, {"online", online_}, {"destinations", Json::array()}};
  for (size_t i = 0; i < batchers_.size(); ++i) {
    const auto& b = *batchers_[i];
    const auto& s = b.stats();
    Json d = {{"url", config_.destinations[i].url},
              {"format", wireFormatName(config_.destinations[i].format)},
              {"queued", b.queued()}, {"inFlight", b.inFlight()}, {"accepted", s.accepted},
              {"sent", s.sent}, {"retried", s.retried}, {"batches", s.batches},
              {"bytesSent", s.bytesSent}, {"beaconed", s.beaconed},
              {"storageFailures", b.storageFailures()}, {"dropped", s.dropped}};
    for (const char* k : {"queued", "accepted", "sent", "retried", "batches", "bytesSent",
                          "beaconed", "storageFailures"})
      out[k] = out[k].get<uint64_t>() + d[k].get<uint64_t>();
    if (b.inFlight()) out["inFlight"] = out["inFlight"].get<uint64_t>() + 1;
    for (const auto& [reason, n] : s.dropped)
      out["dropped"][reason] = out["dropped"].value(reason, uint64_t{0}) + n;
    out["destinations"].push_back(std::move(d));
  }
  return out;
}

}  // namespace engage::detail
