// Stored delivery state: what a previous page load (or another script on the origin) left in the
// KeyValueStore - the per-tab queue records (persistent_queue.h) and the tab registry
// (tab_registry.h). The input is sections separated by a line "--":
//   section 0    the tab registry record           -> "e.tabs"
//   section 1    a queue's meta record             -> "e.q.<d>.T1.meta" and "e.q.<d>.T2.meta"
//   section i>1  that queue's segment i-1          -> "e.q.<d>.T1.s<i-1>" and "e.q.<d>.T2.s<i-1>"
// (d = 0 and 1: an Engage and a PostHog destination.) T1 is this tab; T2 is adopted when the
// registry says it is dead.
// Invariants checked on every input:
//   - PersistentQueue::load never yields one stored event twice, and bytes() is the sum of sizes;
//   - erasing one loaded event and committing keeps every other one stored (a reload finds them);
//   - erasing every loaded event and committing leaves no meta record when anything was loaded
//     (nothing is re-read forever; a record too broken to load anything from is left alone), and a
//     reload then finds nothing;
//   - every batch built from stored events is a JSON object whose "batch" holds eventCount events;
//   - once every batch was acknowledged, a reload has nothing queued;
//   - TabRegistry::claimDead never returns this tab and removes what it returns.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/json_access.h"
#include "delivery/delivery.h"
#include "delivery/persistent_queue.h"
#include "delivery/tab_registry.h"
#include "fuzz_support.h"

namespace {

using engage::detail::Json;
using engage::fuzz::require;

constexpr const char* kPrefix = "e.";

void fillStore(engage::fuzz::FuzzStore& store, std::string_view input) {
  auto sections = engage::fuzz::splitInput(input, "\n--\n");
  if (!sections.empty()) store.data[std::string(kPrefix) + "tabs"] = std::string(sections[0]);
  for (const char* tab : {"T1", "T2"}) {
    for (int d = 0; d < 2; ++d) {
      const std::string ns = std::string(kPrefix) + "q." + std::to_string(d) + "." + tab + ".";
      if (sections.size() > 1) store.data[ns + "meta"] = std::string(sections[1]);
      for (size_t i = 2; i < sections.size(); ++i)
        store.data[ns + "s" + std::to_string(i - 1)] = std::string(sections[i]);
    }
  }
}

void checkQueue(engage::fuzz::FuzzStore store) {  // a copy: this check consumes the queue
  const std::string ns = std::string(kPrefix) + "q.0.T1.";
  engage::detail::PersistentQueue queue(&store, ns);
  queue.load(1000);
  const bool loadedAny = !queue.items().empty();
  std::set<std::pair<uint64_t, uint32_t>> seen;
  size_t bytes = 0;
  for (const auto& e : queue.items()) {
    require(seen.insert({e.segment, e.index}).second, "a stored event is loaded once");
    bytes += e.json.size();
  }
  require(bytes == queue.bytes(), "bytes() is the sum of the loaded events");
  if (!queue.items().empty()) {
    std::vector<std::string> rest;
    for (size_t i = 1; i < queue.items().size(); ++i) rest.push_back(queue.items()[i].json);
    queue.erase(queue.items().front());
    queue.commit();
    engage::detail::PersistentQueue reloaded(&store, ns);
    reloaded.load(1000);
    std::vector<std::string> found;
    for (const auto& e : reloaded.items()) found.push_back(e.json);
    require(found == rest, "erasing one stored event keeps every other one stored");
  }
  while (!queue.items().empty()) queue.erase(queue.items().front());
  queue.commit();
  require(!loadedAny || !store.get(ns + "meta").has_value(), "an emptied queue leaves no meta record");
  queue.load(1000);
  require(queue.items().empty(), "an emptied queue reloads empty");
}

void checkRegistry(engage::fuzz::FuzzStore store) {
  engage::detail::TabRegistry registry(&store, std::string(kPrefix) + "tabs", "T1");
  const int64_t now = 1'767'225'600'000;
  registry.heartbeat(now);
  require(!registry.wasAdopted(), "a tab that just beat is not adopted");
  for (int pass = 0; pass < 2; ++pass) {
    std::optional<std::set<std::string>> live;
    if (pass == 1) live = std::set<std::string>{"T2"};
    for (const auto& id : registry.claimDead(now, 180000, live)) {
      require(id != "T1", "claimDead never returns this tab");
      auto record = engage::detail::parseJson(*store.get(std::string(kPrefix) + "tabs"));
      require(record && !engage::detail::member(*record, id), "a claimed tab leaves the registry");
    }
  }
  registry.release(now);
}

void checkBatch(const engage::OutgoingBatch& b) {
  auto body = engage::detail::parseJson(b.body);
  require(body.has_value() && body->is_object(), "a batch body is a JSON object");
  const Json* batch = engage::detail::member(*body, "batch");
  require(batch && batch->is_array() && batch->size() == static_cast<size_t>(b.eventCount),
          "a batch body holds eventCount events");
}

engage::DeliveryConfig deliveryConfig() {
  engage::DeliveryConfig config;
  config.destinations.resize(2);
  config.destinations[1].format = engage::detail::WireFormat::PostHog;
  config.maxBatchEvents = 7;
  config.maxBatchBytes = 4096;
  config.maxQueueEvents = 200;
  return config;
}

// Starts delivery on the stored state and acknowledges every batch until nothing waits.
void drain(engage::fuzz::FuzzPlatform& fake) {
  engage::detail::Delivery delivery(fake.platform());
  delivery.start(deliveryConfig(), kPrefix, "T1", &fake.store);
  for (int round = 0; round < 1000; ++round) {  // bounded: each round acknowledges a batch
    const size_t before = fake.transport.sent.size();
    delivery.pump(/*force=*/true);
    if (fake.transport.sent.size() == before) break;
    for (size_t i = before; i < fake.transport.sent.size(); ++i) {
      checkBatch(fake.transport.sent[i]);
      delivery.onResult(fake.transport.sent[i].id, 200, -1);
    }
  }
  delivery.persist();
  require(delivery.statsJson()["queued"].get<uint64_t>() == 0, "acknowledged queues drain");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  engage::fuzz::FuzzPlatform fake;
  fillStore(fake.store, input);
  checkQueue(fake.store);
  checkRegistry(fake.store);
  drain(fake);
  // The next page load must find nothing left to send.
  const size_t sent = fake.transport.sent.size();
  engage::detail::Delivery reload(fake.platform());
  reload.start(deliveryConfig(), kPrefix, "T1", &fake.store);
  reload.pump(/*force=*/true);
  require(fake.transport.sent.size() == sent, "a reload after a full drain sends nothing");
  return 0;
}
