// On-device recommendations: recommendationsModel {bytes: base64} loads the site's model,
// recommend {context, item, k, filter, ...} scores it with what this device knows about the visitor
// (RecommendHost), recommendationsState reports it. Consent: the personalisation category.
#include "engine/engine_state.h"
#include "recommend/json_io.h"

namespace engage {

void Engine::State::syncRecommendations() {
  bool personalised = false;
  const Json granted = privacy.stateJson()["granted"];
  if (granted.is_array())
    for (const Json& name : granted)
      if (name == "personalisation") personalised = true;
  recommendations.sync(privacy.store(), config.storagePrefix, personalised);
}

Json Engine::State::recommendationsModel(Json& cmd) {
  const Json* bytes = detail::member(cmd, "bytes");
  if (!bytes || !bytes->is_string())
    return detail::error("invalid_model", "recommendationsModel needs bytes as a base64 string");
  std::string decoded;
  if (!detail::decodeBase64(bytes->get_ref<const std::string&>(), decoded))
    return detail::error("invalid_model", "bytes is not valid base64");
  if (std::string e = recommendations.load(decoded); !e.empty())
    return detail::error("invalid_model", e);
  Json result = detail::ok();
  result["items"] = recommendations.itemCount();
  return result;
}

Json Engine::State::recommend(Json& cmd) {
  if (!recommendations.loaded()) {
    Json result = detail::ok();
    result["items"] = Json::array();
    result["loaded"] = false;
    return result;
  }
  recommend::RequestParse parsed = recommend::detail::requestFromJsonValue(cmd, {});
  if (!parsed.request) return detail::error("invalid_request", parsed.error);
  // A slot shows what the visitor has not just seen, unless the page asks otherwise.
  const Json* filter = detail::member(cmd, "filter");
  if (!filter || !detail::member(*filter, "excludeSession")) parsed.request->filter.excludeSession = true;
  Json result = detail::ok();
  result["items"] = recommend::detail::recommendationsToJsonValue(
      recommendations.recommend(std::move(*parsed.request), platform.clock->wallMs()));
  return result;
}

Json Engine::State::recommendationsState(Json&) {
  Json result = detail::ok();
  result["recommendations"] = recommendations.stateJson();
  return result;
}

}  // namespace engage
