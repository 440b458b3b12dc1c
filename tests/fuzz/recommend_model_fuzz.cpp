// Recommendation model files (engage/recommend.h): the binary model a site publishes and the page
// downloads. Byte 0 of the input chooses the loader: bit 0 set = Model::load (checksum enforced,
// as the SDK loads), clear = detail::readModel with the checksum skipped, so mutations reach the
// section parsers instead of stopping at the CRC. The rest is the file. Every model that loads is
// scored with each method and a request built from its own items.
// Invariants checked on every model that loads: see recommend_check.h (at most k, no duplicates,
// finite scores, valid JSON, deterministic).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "engage/recommend.h"
#include "fuzz_support.h"
#include "recommend/model_data.h"
#include "recommend/model_format.h"
#include "recommend_check.h"

namespace {

namespace rec = engage::recommend;

std::optional<rec::Model> loadModel(const uint8_t* data, size_t size) {
  if (size == 0) return std::nullopt;
  if (data[0] & 1) {
    rec::LoadResult loaded = rec::Model::load(data + 1, size - 1);
    engage::fuzz::require(loaded.ok() || !loaded.error.code.empty(), "a refused model names why");
    return loaded.model;
  }
  auto m = std::make_shared<rec::detail::ModelData>();
  if (!rec::detail::readModel(data + 1, size - 1, *m, /*verifyChecksum=*/false).ok) return std::nullopt;
  return rec::Model(m);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::optional<rec::Model> model = loadModel(data, size);
  if (!model) return 0;
  const size_t items = model->itemCount();
  std::string first = items > 0 ? std::string(model->idAt(0)) : "x";
  std::string last = items > 0 ? std::string(model->idAt(static_cast<uint32_t>(items - 1))) : "y";
  std::string category = items > 0 ? std::string(model->categoryAt(0)) : "";
  rec::Recommender recommender(*model);
  for (rec::Method method : {rec::Method::Engage, rec::Method::VSTAN, rec::Method::STAN,
                             rec::Method::VSKNN, rec::Method::SequentialRules, rec::Method::Popular}) {
    rec::Request r;
    r.method = method;
    r.context = rec::Context::Product;
    r.item = first;
    r.session = {last, first, "unknown"};
    r.history = {{first, 1'767'225'600'000, 2.0}, {last, 1'767'000'000'000, 1.0}};
    r.cart = {last};
    r.nowMs = 1'767'300'000'000;
    r.filter.maxPerCategory = 2;
    r.filter.pin = {"unknown", last};
    if (!category.empty()) r.filter.boostCategories[category] = 1.5;
    engage::fuzz::checkRecommendations(recommender, r);
    r.context = rec::Context::Home;
    r.k = 3;
    r.filter = {};
    engage::fuzz::checkRecommendations(recommender, r);
  }
  return 0;
}
