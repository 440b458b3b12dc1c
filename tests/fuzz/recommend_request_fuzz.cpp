// Recommendation requests: the JSON the page hands to the recommend op (requestFromJson), scored
// against a fixed, valid model built at start-up from generated sessions with categories.
// Invariants: requestFromJson gives a request or an error message, never both or neither; every
// request it gives is answered within the checks of recommend_check.h.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engage/recommend.h"
#include "fuzz_support.h"
#include "recommend_check.h"

namespace {

namespace rec = engage::recommend;

// 40 items in 4 categories; sessions walk i -> i+1 -> i+3 (mod 40) so rules, neighbours and
// popularity all have something to say. Item ids are "p0".."p39", categories "c0".."c3".
rec::Recommender& recommender() {
  static rec::Recommender instance = [] {
    std::vector<rec::TrainingSession> sessions;
    std::map<std::string, std::string> categories;
    for (int i = 0; i < 40; ++i) categories["p" + std::to_string(i)] = "c" + std::to_string(i % 4);
    for (int s = 0; s < 400; ++s) {
      const int a = (s * 7) % 40;
      sessions.push_back({{"p" + std::to_string(a), "p" + std::to_string((a + 1) % 40),
                           "p" + std::to_string((a + 3) % 40)},
                          1'767'225'600'000 + s * 60'000LL});
    }
    const std::vector<uint8_t> bytes = rec::buildModel(sessions, categories);
    rec::LoadResult loaded = rec::Model::load(bytes.data(), bytes.size());
    engage::fuzz::require(loaded.ok(), "the built-in model loads");
    return rec::Recommender(*loaded.model);
  }();
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  rec::RequestParse parsed = rec::requestFromJson(json);
  engage::fuzz::require(parsed.request.has_value() != !parsed.error.empty(),
                        "a request or an error, never both or neither");
  if (parsed.request) engage::fuzz::checkRecommendations(recommender(), *parsed.request);
  return 0;
}
