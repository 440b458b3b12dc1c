#include "recommend_api.h"

#include <map>

#include "engage/recommend.h"

namespace engage::collector {

namespace {

// A deterministic history over the catalog: each session browses one category and strays once
// into the next, so "customers also viewed" pairs items of a category.
void addSeed(const RecommendApiConfig& config, std::vector<recommend::TrainingSession>& out,
             std::map<std::string, std::string>& categories, int64_t endMs) {
  const auto& catalog = config.seedCatalog;
  if (catalog.size() < 2) return;
  uint32_t state = 12345;
  auto next = [&state] { state = state * 1103515245u + 12345u; return (state >> 16) & 0x7FFF; };
  for (const auto& [id, category] : catalog) categories[id] = category;
  for (int s = 0; s < config.seedSessions; ++s) {
    const size_t first = next() % catalog.size();
    recommend::TrainingSession session;
    session.items.push_back(catalog[first].first);
    for (size_t j = 0; j < catalog.size(); ++j)
      if (j != first && catalog[j].second == catalog[first].second) session.items.push_back(catalog[j].first);
    session.items.push_back(catalog[(first + 1 + next() % (catalog.size() - 1)) % catalog.size()].first);
    session.endMs = endMs - static_cast<int64_t>(config.seedSessions - s) * 60000;
    out.push_back(std::move(session));
  }
}

}  // namespace

ApiResponse RecommendApi::rebuild() {
  std::lock_guard<std::mutex> lock(mutex_);
  return rebuildLocked();
}

ApiResponse RecommendApi::rebuildLocked() {
  std::vector<recommend::LogEvent> events;
  int64_t latestMs = 0;
  const bool read = store_.forEachVisitor({}, [&](const std::string&, const std::vector<StoredEvent>& visitorEvents) {
    for (const StoredEvent& e : visitorEvents) {
      if (e.type != "track") continue;
      recommend::parseEngageEvent(e.json, events);
      if (e.timestampMs > latestMs) latestMs = e.timestampMs;
    }
    return true;
  });
  if (!read) return errorResponse(500, "store_error", "the events could not be read");
  recommend::ProtocolConfig protocol;
  protocol.minItemSupport = config_.minItemSupport;
  std::vector<recommend::LogSession> sessions = recommend::groupSessions(std::move(events), protocol);
  recommend::filterSessions(sessions, protocol);
  std::vector<recommend::TrainingSession> training = recommend::toTrainingSessions(sessions);
  std::map<std::string, std::string> categories = recommend::catalogFromSessions(sessions);
  const size_t real = training.size();
  const bool seeded = real < config_.minSessionsBeforeSeed;
  if (seeded) addSeed(config_, training, categories, latestMs > 0 ? latestMs : 1767225600000);
  std::vector<uint8_t> bytes = recommend::buildModel(training, categories);
  model_.assign(bytes.begin(), bytes.end());
  auto loaded = recommend::Model::load(model_);
  ApiResponse response;
  response.body = "{\"ok\":true,\"bytes\":" + std::to_string(model_.size()) +
                  ",\"items\":" + std::to_string(loaded.ok() ? loaded.model->itemCount() : 0) +
                  ",\"sessions\":" + std::to_string(training.size()) +
                  ",\"realSessions\":" + std::to_string(real) + ",\"seeded\":" + (seeded ? "true" : "false") + "}";
  return response;
}

ApiResponse RecommendApi::model() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (model_.empty()) {
    ApiResponse built = rebuildLocked();
    if (built.status != 200) return built;
  }
  ApiResponse response;
  response.contentType = "application/octet-stream";
  response.body = model_;
  response.headers.push_back({"Cache-Control", "no-store"});
  return response;
}

}  // namespace engage::collector
