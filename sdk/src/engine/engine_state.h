// The engine's state and its ops, one file of ops per concept (ops_*.cpp); engine.cpp routes
// commands to them. Internal to the engine concept.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/json_access.h"
#include "delivery/delivery.h"
#include "engage/engagement.h"
#include "engage/engine.h"
#include "engine/engine_config.h"
#include "engine/experiment_host.h"
#include "engine/privacy_gate.h"
#include "engine/recommend_host.h"
#include "event/event_builder.h"
#include "identity/identity_store.h"

namespace engage {

using detail::Json;

namespace detail {
inline Json ok() { return Json{{"ok", true}}; }
inline Json error(const std::string& code, const std::string& message) {
  return Json{{"ok", false}, {"error", {{"code", code}, {"message", message}}}};
}
}  // namespace detail

struct Engine::State {
  explicit State(Platform p)
      : platform(p),
        identity(*p.store, *p.random, *p.logger, config.storagePrefix),
        delivery(p),
        privacy(p.store) {}

  using Handler = Json (State::*)(Json&);
  Json dispatch(Json& command);

  // ops_capture.cpp: configure, events, identity.
  Json configure(Json& cmd);
  // emittedSessionId >= 0: an event Engagement emitted (stamped with it, not fed back to it).
  Json capture(const std::string& type, Json& cmd, int64_t emittedSessionId = -1);
  Json track(Json& cmd) { return capture("track", cmd); }
  Json page(Json& cmd) { return capture("page", cmd); }
  Json identify(Json& cmd) { return capture("identify", cmd); }
  Json group(Json& cmd) { return capture("group", cmd); }
  Json alias(Json& cmd) { return capture("alias", cmd); }
  Json context(Json& cmd);
  Json reset(Json&);
  Json state(Json&);
  // Sends, holds or drops one built event as consent says.
  Json route(Disposition disposition, const std::string& type, const Json& cmd, std::string text,
             int64_t wallMs);

  // ops_delivery.cpp
  Json flush(Json&);
  Json pageHide(Json&);
  Json pageShow(Json&);
  Json online(Json& cmd);
  Json adopt(Json& cmd);
  Json deliveryStats(Json&);

  // ops_experiment.cpp: features, attributes, feature, experiment (feature flags and A/B tests).
  Json features(Json& cmd);
  Json attributes(Json& cmd);
  Json feature(Json& cmd);
  Json experiment(Json& cmd);
  // Aligns the evaluator with the page URL, the visitor's ids, consent and the store in use.
  void syncExperiments();
  // Emits `Experiment Viewed` for a first exposure, through capture() and route().
  Json logExposure(const ExperimentResult& result, const Json& experiment);

  // ops_recommend.cpp: recommendationsModel, recommend, recommendationsState.
  Json recommendationsModel(Json& cmd);
  Json recommend(Json& cmd);
  Json recommendationsState(Json&);
  // Aligns recommendations with the personalisation consent and the store the gate allows.
  void syncRecommendations();

  // ops_privacy.cpp
  Json consent(Json& cmd);
  Json consentState(Json&);
  // After consent changed: the context's stamp, where ids and queues may live.
  void consentChanged();
  void renderContext() { pageContext.render(privacy.prepareContext(pageContext.raw())); }

  // ops_engagement.cpp: activity, metrics, events (sessions, engaged time, cart; issue 3).
  Json activity(Json& cmd);
  Json metrics(Json&);
  Json events(Json&);
  std::string configureEngagement(const Json& rawConfig);  // "" or the config error
  void moveEngagement();  // after consent moved the store
  // Feeds a sent event to Engagement, captures what it emitted; returns the sessionId to stamp.
  int64_t noteEvent(const std::string& type, const Json& cmd, int64_t wallMs);
  void emitEngagement(const std::vector<Emitted>& emitted);
  Json withEmitted(Json result);  // adds this call's emitted events as result.emitted
  int64_t tickEngagement();       // Engagement::tick; its next wake-up (-1 = none)

  Platform platform;
  detail::EngineConfig config;
  detail::IdentityStore identity;
  detail::Delivery delivery;
  detail::PrivacyGate privacy;
  detail::PageContext pageContext;
  detail::ExperimentHost experiments;
  detail::RecommendHost recommendations;
  std::string tabId;
  bool configured = false;
  EngagementConfig engagementConfig;
  std::unique_ptr<Engagement> engagement;
  KeyValueStore* engagementStore = nullptr;
  Json emittedNow = Json::array();      // emitted during the current command
  Json recentEmitted = Json::array();   // not yet drained by the events op
  static constexpr size_t kRecentEmittedMax = 20;
};

}  // namespace engage
