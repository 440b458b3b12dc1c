// The checks both recommendation targets apply to every recommend() answer.
#pragma once

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "base/json_access.h"
#include "engage/recommend.h"
#include "fuzz_support.h"

namespace engage::fuzz {

// At most k results (after the documented clamp), no id twice, finite non-negative scores, valid
// JSON at the boundary, and the same answer when asked again (scoring is deterministic).
inline void checkRecommendations(recommend::Recommender& recommender, const recommend::Request& request) {
  const std::vector<recommend::Recommendation> first = recommender.recommend(request);
  const int maxK = recommender.config().maxK;
  const size_t k = static_cast<size_t>(request.k < 0 ? 0 : request.k > maxK ? maxK : request.k);
  require(first.size() <= k, "at most k recommendations");
  std::set<std::string> ids;
  for (const auto& r : first) {
    require(ids.insert(r.id).second, "no item is recommended twice");
    require(std::isfinite(r.score) && r.score >= 0, "scores are finite and non-negative");
  }
  require(detail::parseJson(recommend::recommendationsToJson(first)).has_value(),
          "recommendations serialise to valid JSON");
  const std::vector<recommend::Recommendation> second = recommender.recommend(request);
  require(second.size() == first.size(), "recommend() is deterministic (count)");
  for (size_t i = 0; i < first.size(); ++i)
    require(second[i].id == first[i].id && second[i].score == first[i].score,
            "recommend() is deterministic (ranking)");
}

}  // namespace engage::fuzz
