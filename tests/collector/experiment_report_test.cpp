// Experiment results from stored events (issue 5): a planted population in a real store, analysed by
// the collector's route. The population is seeded, so every run sees the same numbers; the planted
// counts are known exactly and compared exactly.
#include <gtest/gtest.h>

#include <random>

#include "analysis_api.h"
#include "base/json_access.h"
#include "experiment_report.h"
#include "iso_time.h"
#include "sqlite_event_store.h"
#include "test_support.h"

namespace engage::collector {
namespace {

using detail::Json;

constexpr int64_t kStart = 1767225600000;  // 2026-01-01T00:00:00Z

StoredEvent trackAt(const std::string& id, const std::string& visitor, int64_t ms, const std::string& name,
                    const Json& properties) {
  Json event = {{"type", "track"},           {"event", name},
                {"messageId", id},           {"anonymousId", visitor},
                {"properties", properties},  {"timestamp", formatIsoTimestamp(ms)}};
  StoredEvent e;
  e.messageId = id;
  e.type = "track";
  e.event = name;
  e.anonymousId = visitor;
  e.timestampMs = ms;
  e.receivedAtMs = ms;
  e.json = event.dump();
  return e;
}

// An exposure; odd visitors use the snake_case spelling.
StoredEvent exposure(const std::string& id, const std::string& visitor, int64_t ms, const std::string& experiment,
                     int variation, bool snake, const Json& weights = Json()) {
  Json p = snake ? Json{{"experiment_id", experiment}, {"variation_id", std::to_string(variation)}, {"variation_index", variation}}
                 : Json{{"experimentId", experiment}, {"variationId", std::to_string(variation)}, {"variationIndex", variation}};
  if (!weights.is_null()) p["weights"] = weights;
  return trackAt(id, visitor, ms, kExposureEvent, p);
}

struct Planted {
  int64_t visitors[2] = {0, 0};
  int64_t conversions[2] = {0, 0};
  int64_t goalsBefore = 0;
};

class ExperimentReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteOptions options;
    options.path = (dir / "engage.db").string();
    std::string error;
    store = SqliteEventStore::open(options, &error);
    ASSERT_NE(store, nullptr) << error;
  }
  // `visitors` visitors, each in variation 1 with probability treatmentShare; each converts (one
  // "Order Completed" a minute after exposure) with its arm's rate. Every 10th visitor also ordered
  // BEFORE the exposure, which must not count.
  Planted plant(int visitors, double treatmentShare, double controlRate, double treatmentRate, uint32_t seed,
                const Json& weights = Json()) {
    std::mt19937 random(seed);
    std::uniform_real_distribution<double> uniform(0, 1);
    Planted planted;
    std::vector<StoredEvent> batch;
    for (int v = 0; v < visitors; ++v) {
      std::string visitor = "visitor-" + std::to_string(v);
      int64_t at = kStart + v * 1000;
      int arm = uniform(random) < treatmentShare ? 1 : 0;
      ++planted.visitors[arm];
      if (v % 10 == 0) {
        batch.push_back(trackAt(visitor + "-early", visitor, at - 500, "Order Completed", Json::object()));
        ++planted.goalsBefore;
      }
      batch.push_back(exposure(visitor + "-x", visitor, at, "checkout-button", arm, v % 2 == 1, weights));
      if (uniform(random) < (arm ? treatmentRate : controlRate)) {
        batch.push_back(trackAt(visitor + "-order", visitor, at + 60000, "Order Completed", Json::object()));
        ++planted.conversions[arm];
      }
      batch.push_back(trackAt(visitor + "-view", visitor, at + 1000, "Product Viewed", Json::object()));
      if (batch.size() >= 900) flush(batch);
    }
    flush(batch);
    return planted;
  }
  void flush(std::vector<StoredEvent>& batch) {
    if (!batch.empty()) {
      ASSERT_TRUE(store->insertBatch(batch).ok);
    }
    batch.clear();
  }
  Json get(const std::string& id, const QueryParams& query, int status = 200) {
    ApiResponse response = AnalysisApi(*store, clock).getExperiment(id, query);
    EXPECT_EQ(response.status, status) << response.body;
    return detail::parseJson(response.body).value_or(Json());
  }

  testing::TempDir dir;
  testing::FixedClock clock;
  std::unique_ptr<SqliteEventStore> store;
};

TEST_F(ExperimentReportTest, PlantedLiftIsFoundWithTheRightSign) {
  Planted planted = plant(2000, 0.5, 0.10, 0.15, 7);
  Json result = get("checkout-button", {{"goal", "Order Completed"}, {"metric", "conversion"}});
  ASSERT_EQ(result["variations"].size(), 2u);
  for (int arm = 0; arm < 2; ++arm) {
    EXPECT_EQ(result["variations"][arm]["id"], std::to_string(arm));
    EXPECT_EQ(result["variations"][arm]["visitors"], planted.visitors[arm]);
    EXPECT_EQ(result["variations"][arm]["conversions"], planted.conversions[arm]);
  }
  EXPECT_EQ(result["goalsBeforeExposure"], planted.goalsBefore);
  EXPECT_EQ(result["weightsSource"], "equal");
  const Json& analysis = result["analysis"];
  ASSERT_EQ(analysis["ok"], true) << analysis;
  const Json& treatment = analysis["variations"][1];
  EXPECT_GT(treatment["relative"]["estimate"].get<double>(), 0.2);  // planted +50%
  EXPECT_GT(treatment["relative"]["ci"][0].get<double>(), 0);       // the interval excludes 0
  EXPECT_LT(treatment["relative"]["pValue"].get<double>(), 0.05);
  EXPECT_GT(treatment["bayesian"]["chanceToWin"].get<double>(), 0.95);
  EXPECT_EQ(analysis["srm"]["mismatch"], false);
}

TEST_F(ExperimentReportTest, PlantedLossIsFoundWithTheRightSign) {
  plant(2000, 0.5, 0.15, 0.10, 11);
  const Json treatment = get("checkout-button", {})["analysis"]["variations"][1];
  EXPECT_LT(treatment["relative"]["estimate"].get<double>(), 0);
  EXPECT_LT(treatment["relative"]["ci"][1].get<double>(), 0);
  EXPECT_LT(treatment["bayesian"]["chanceToWin"].get<double>(), 0.05);
}

TEST_F(ExperimentReportTest, A55To45SplitUnderAnEqualDesignIsFlaggedAsSrm) {
  Planted planted = plant(2000, 0.45, 0.1, 0.1, 3);
  ASSERT_GT(planted.visitors[0] - planted.visitors[1], 100);  // the seed did plant the skew
  Json srm = get("checkout-button", {})["analysis"]["srm"];
  EXPECT_EQ(srm["mismatch"], true);
  EXPECT_LT(srm["pValue"].get<double>(), 0.001);
}

TEST_F(ExperimentReportTest, The55To45DesignFromTheExposuresIsNoMismatch) {
  plant(2000, 0.45, 0.1, 0.1, 3, Json::array({0.55, 0.45}));
  Json result = get("checkout-button", {});
  EXPECT_EQ(result["weightsSource"], "exposures");
  EXPECT_EQ(result["weights"], Json::array({0.55, 0.45}));
  EXPECT_EQ(result["analysis"]["srm"]["mismatch"], false);
}

TEST_F(ExperimentReportTest, RevenueSumsAndSquaresAfterExposureOnly) {
  ASSERT_TRUE(store->insertBatch({
      exposure("a-x", "a", kStart, "exp", 0, false), trackAt("a-1", "a", kStart + 1, "Order Completed", {{"revenue", 10.0}}),
      trackAt("a-2", "a", kStart + 2, "Order Completed", {{"total", 5.0}}),  // a: 15
      exposure("b-x", "b", kStart, "exp", 0, true),                                     // b: 0
      trackAt("c-0", "c", kStart - 1, "Order Completed", {{"revenue", 99.0}}),           // before: ignored
      exposure("c-x", "c", kStart, "exp", 1, false), trackAt("c-1", "c", kStart + 5, "Order Completed", {{"revenue", 20.0}}),
      exposure("c-y", "c", kStart + 6, "exp", 0, false),  // a later exposure elsewhere: c stays in 1
      exposure("d-x", "d", kStart, "exp", 1, true), trackAt("d-1", "d", kStart + 5, "Order Completed", {{"price", 7.0}}),
  }).ok);
  Json result = get("exp", {{"metric", "revenue"}});
  EXPECT_EQ(result["variations"], Json::parse(R"([{"id":"0","visitors":2,"sum":15.0,"sumSquares":225.0},
                                                 {"id":"1","visitors":2,"sum":20.0,"sumSquares":400.0}])"));
  EXPECT_EQ(result["multipleVariations"], 1);
  EXPECT_EQ(result["goalsBeforeExposure"], 1);
  EXPECT_EQ(result["analysis"]["type"], "mean");
  Json conversions = get("exp", {{"goal", "Order Completed"}});
  EXPECT_EQ(conversions["variations"][0]["conversions"], 1);  // a converted, b did not
  EXPECT_EQ(conversions["variations"][1]["conversions"], 2);  // c and d (d's order had no revenue)
}

TEST_F(ExperimentReportTest, RangeLimitsExposuresAndGoals) {
  plant(200, 0.5, 0.5, 0.5, 5);
  Json all = get("checkout-button", {});
  Json firstHalf = get("checkout-button", {{"from", "2026-01-01T00:00:00Z"}, {"to", std::to_string(kStart + 100 * 1000)}});
  EXPECT_EQ(all["variations"][0]["visitors"].get<int>() + all["variations"][1]["visitors"].get<int>(), 200);
  EXPECT_EQ(firstHalf["variations"][0]["visitors"].get<int>() + firstHalf["variations"][1]["visitors"].get<int>(), 100);
  EXPECT_EQ(firstHalf["from"], "2026-01-01T00:00:00.000Z");
  get("checkout-button", {{"from", "2027-01-01"}}, 404);
}

TEST_F(ExperimentReportTest, RefusesBadQueriesAndUnknownExperiments) {
  plant(20, 0.5, 0.5, 0.5, 1);
  Json unknown = get("nope", {}, 404);
  EXPECT_EQ(unknown["error"]["code"], "not_found");
  for (const QueryParams& bad : std::vector<QueryParams>{{{"metric", "ltv"}}, {{"from", "yesterday"}},
                                                         {{"from", "2026-02-01"}, {"to", "2026-01-01"}},
                                                         {{"sequential", "maybe"}}}) {
    EXPECT_EQ(get("checkout-button", bad, 400)["error"]["code"], "invalid_query");
  }
  EXPECT_EQ(get("checkout-button", {{"sequential", "true"}})["analysis"]["options"]["sequential"], true);
}

TEST_F(ExperimentReportTest, ListsExperimentsWithVariationsInOrder) {
  ASSERT_TRUE(store->insertBatch({
      exposure("1", "a", kStart + 5, "beta", 10, false), exposure("2", "b", kStart, "beta", 2, true),
      exposure("3", "b", kStart + 9, "beta", 2, true),  // a second exposure of b: one visitor
      trackAt("4", "c", kStart + 1, kExposureEvent, {{"experimentId", "alpha"}, {"variationId", 1}}),
      trackAt("5", "d", kStart + 1, kExposureEvent, {{"experimentId", "alpha"}}),  // no variation: not an exposure
  }).ok);
  ApiResponse response = AnalysisApi(*store, clock).getExperiments({});
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(Json::parse(response.body), Json::parse(R"({"experiments":[
    {"id":"alpha","visitors":1,"exposures":1,"firstExposure":"2026-01-01T00:00:00.001Z",
     "lastExposure":"2026-01-01T00:00:00.001Z","variations":[{"id":"1","visitors":1}]},
    {"id":"beta","visitors":2,"exposures":3,"firstExposure":"2026-01-01T00:00:00.000Z",
     "lastExposure":"2026-01-01T00:00:00.009Z","variations":[{"id":"2","visitors":1},{"id":"10","visitors":1}]}]})"));
  EXPECT_EQ(AnalysisApi(*store, clock).getExperiments({{"to", "nonsense"}}).status, 400);
}

}  // namespace
}  // namespace engage::collector
