// Cross-platform identity: the rankings (ids, reasons and the exact bits of every score) of a
// fixed generated model and fixed requests must equal tests/spec/recommend_golden.json, which
// was produced once natively. The native and the wasm suites both compare against it, so they
// produce identical rankings. Regenerate (natively, after an intended change) with
//   ENGAGE_UPDATE_GOLDEN=1 build/<dir>/bin/engage_tests_recommend --gtest_filter='Golden*'
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "base/json_access.h"
#include "recommend/byte_io.h"
#include "recommend/planted.h"
#include "support/fakes.h"

namespace engage::recommend {
namespace {

using engage::detail::Json;

const char* kGoldenPath = ENGAGE_SPEC_DIR "/recommend_golden.json";

std::vector<uint8_t> goldenModel() {
  testing::PlantedData data = testing::plantedGraph(20, 300, 2024);
  testing::Rng rng(77);
  for (auto& s : data.sessions) s.endMs = testing::kBaseMs - static_cast<int64_t>(rng.below(90 * 24)) * 3600000;
  std::map<std::string, std::string> catalog;
  for (int t = 0; t < 20; ++t) catalog[testing::strong(t)] = t % 2 ? "odd" : "even";
  for (int f = 0; f < 60; ++f) catalog["f" + std::to_string(f)] = "f" + std::to_string(f % 3);
  return buildModel(data.sessions, catalog);
}

std::vector<std::pair<std::string, Request>> goldenRequests() {
  std::vector<std::pair<std::string, Request>> out;
  auto add = [&](const std::string& name, Method method, std::vector<std::string> session) {
    Request r;
    r.method = method;
    r.session = std::move(session);
    r.k = 20;
    r.nowMs = testing::kBaseMs;
    out.emplace_back(name, r);
    return &out.back().second;
  };
  for (Method m : {Method::Popular, Method::SequentialRules, Method::VSKNN, Method::STAN, Method::VSTAN,
                   Method::Engage}) {
    add(std::string(methodName(m)) + "-mixed", m, {"f3", "a2", "f17", "a5", "f3"});
    add(std::string(methodName(m)) + "-noise", m, {"f1", "f2", "f4", "f8", "f16", "f32"});
  }
  Request* h = add("engage-history", Method::Engage, {"f9"});
  h->history = {{"a7", testing::kBaseMs - 3 * testing::kDayMs, 1.0}, {"a8", testing::kBaseMs - 40 * testing::kDayMs, 5.0}};
  Request* p = add("engage-product-rules", Method::Engage, {"a1", "f5"});
  p->context = Context::Product;
  p->item = "a3";
  p->filter.maxPerCategory = 2;
  p->filter.pin = {"f40"};
  p->filter.boostCategories = {{"odd", 3.0}};
  Request* c = add("engage-cart", Method::Engage, {"f6"});
  c->context = Context::Cart;
  c->cart = {"a4", "a9"};
  c->filter.excludeCategories = {"f0"};
  return out;
}

std::string bits(double v) {
  uint64_t u;
  std::memcpy(&u, &v, sizeof u);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(u));
  return buf;
}

Json computeGolden() {
  std::vector<uint8_t> bytes = goldenModel();
  Json golden = Json::object();
  golden["modelBytes"] = bytes.size();
  golden["modelCrc32"] = detail::crc32(bytes.data(), bytes.size());
  LoadResult loaded = Model::load(bytes.data(), bytes.size());
  if (!loaded.ok()) return golden;
  Recommender rec(*loaded.model);
  Json cases = Json::object();
  for (const auto& [name, request] : goldenRequests()) {
    Json list = Json::array();
    for (const Recommendation& r : rec.recommend(request)) {
      list.push_back(Json{{"id", r.id}, {"reason", r.reasonText()}, {"score", r.score}, {"bits", bits(r.score)}});
    }
    cases[name] = list;
  }
  golden["cases"] = cases;
  return golden;
}

TEST(Golden, RankingsMatchTheNativeGoldenFileBitForBit) {
  Json actual = computeGolden();
  ASSERT_TRUE(actual.contains("cases")) << "the golden model failed to load";
  const char* update = std::getenv("ENGAGE_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(kGoldenPath) << actual.dump(1) << "\n";
    GTEST_SKIP() << "wrote " << kGoldenPath;
  }
  std::optional<Json> expected = engage::detail::parseJson(engage::testing::readFile(kGoldenPath));
  ASSERT_TRUE(expected.has_value()) << "missing or invalid " << kGoldenPath;
  EXPECT_EQ((*expected)["modelBytes"], actual["modelBytes"]) << "the builder's output changed";
  EXPECT_EQ((*expected)["modelCrc32"], actual["modelCrc32"]) << "the builder's output changed";
  ASSERT_TRUE(expected->contains("cases"));
  for (auto it = actual["cases"].begin(); it != actual["cases"].end(); ++it) {
    const Json& want = (*expected)["cases"][it.key()];
    ASSERT_EQ(want.size(), it.value().size()) << it.key();
    for (size_t i = 0; i < want.size(); ++i) {
      EXPECT_EQ(want[i]["id"], it.value()[i]["id"]) << it.key() << " rank " << i;
      EXPECT_EQ(want[i]["reason"], it.value()[i]["reason"]) << it.key() << " rank " << i;
      EXPECT_EQ(want[i]["bits"], it.value()[i]["bits"]) << it.key() << " rank " << i;
    }
  }
  EXPECT_EQ(expected->at("cases").size(), actual["cases"].size());
}

}  // namespace
}  // namespace engage::recommend
