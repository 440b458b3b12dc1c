// Issue 4: the collector is idempotent by messageId in every format the SDK sends — Engage's own,
// Segment's /v1/batch (the same body; the write key in the body or as the HTTP Basic user) and
// PostHog's /batch/ (mapped to the stored Engage event). The bodies are the SDK's golden outputs in
// tests/spec/wire_formats.json.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/json_access.h"
#include "collector_api.h"
#include "posthog_format.h"
#include "sqlite_event_store.h"
#include "test_support.h"
#include "write_key.h"

namespace engage::collector {
namespace {

using detail::Json;

const Json& golden() {
  static const Json spec = [] {
    std::ifstream in(std::string(ENGAGE_REPO_ROOT) + "/tests/spec/wire_formats.json");
    std::stringstream text;
    text << in.rdbuf();
    return detail::parseJson(text.str()).value_or(Json());
  }();
  return spec;
}

std::string goldenBody(const char* format) { return golden()["expected"][format].dump(); }

// "Basic base64(key:)", as Segment's server libraries send the write key.
std::string basicAuth(const std::string& base64) { return "Basic " + base64; }
const char* kPhcTestBasic = "cGhjX3Rlc3Q6";  // base64("phc_test:")

class WireFormatsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(golden().is_object()) << "tests/spec/wire_formats.json is missing or not JSON";
    SqliteOptions options;
    options.path = (dir / "engage.db").string();
    std::string error;
    store = SqliteEventStore::open(options, &error);
    ASSERT_NE(store, nullptr) << error;
  }
  CollectorApi api(AuthOptions auth = {}) { return CollectorApi(*store, clock, {}, {}, std::move(auth)); }
  static Json json(const ApiResponse& response) { return detail::parseJson(response.body).value_or(Json()); }
  int64_t total() {
    int64_t n = 0;
    Counts byType = store->countsByType().value();
    for (const auto& [type, count] : byType) n += count;
    return n;
  }
  // The stored events, oldest first.
  std::vector<Json> stored() {
    std::vector<Json> events;
    std::vector<StoredEvent> newestFirst = store->latest(100, "").value();  // not a loop over a temporary
    for (const StoredEvent& e : newestFirst) events.insert(events.begin(), Json::parse(e.json));
    return events;
  }

  testing::TempDir dir;
  testing::FixedClock clock;
  std::unique_ptr<SqliteEventStore> store;
};

const Json kThreeStored = Json::parse(R"({"ok":true,"received":3,"stored":3,"duplicates":0})");
const Json kThreeDuplicates = Json::parse(R"({"ok":true,"received":3,"stored":0,"duplicates":3})");

TEST_F(WireFormatsTest, EveryFormatStoresOnceAndTheResendChangesNothing) {
  struct Format {
    const char* name;
    BatchFormat format;
  };
  for (Format f : {Format{"engage", BatchFormat::Engage}, Format{"segment", BatchFormat::Engage},
                   Format{"posthog", BatchFormat::PostHog}}) {
    testing::TempDir own;
    SqliteOptions options;
    options.path = (own / "engage.db").string();
    std::string error;
    store = SqliteEventStore::open(options, &error);
    ASSERT_NE(store, nullptr) << error;
    CollectorApi collector = api();
    std::string body = goldenBody(f.name);
    ApiResponse first = collector.postBatch(BatchRequest{f.format, "application/json", "", body});
    ASSERT_EQ(first.status, 200) << f.name << ": " << first.body;
    EXPECT_EQ(json(first), kThreeStored) << f.name;
    std::vector<Json> before = stored();
    ApiResponse again = collector.postBatch(BatchRequest{f.format, "text/plain;charset=UTF-8", "", body});
    EXPECT_EQ(json(again), kThreeDuplicates) << f.name;
    EXPECT_EQ(total(), 3) << f.name;
    EXPECT_EQ(stored(), before) << f.name;  // the resend changed no stored event either
    store.reset();
  }
}

TEST_F(WireFormatsTest, OneEventIsOneRowWhicheverFormatCarriesIt) {
  CollectorApi collector = api();
  EXPECT_EQ(json(collector.postBatch(BatchRequest{BatchFormat::PostHog, "application/json", "", goldenBody("posthog")})),
            kThreeStored);
  EXPECT_EQ(json(collector.postBatch("application/json", goldenBody("engage"))), kThreeDuplicates);
  EXPECT_EQ(json(collector.postBatch("application/json", goldenBody("segment"))), kThreeDuplicates);
  EXPECT_EQ(total(), 3);
}

// What PostHog's body loses of an Engage event: the library version, and `name` (none here).
TEST_F(WireFormatsTest, PostHogEventsAreStoredInTheEngageShape) {
  CollectorApi collector = api();
  ASSERT_EQ(collector.postBatch(BatchRequest{BatchFormat::PostHog, "application/json", "", goldenBody("posthog")}).status,
            200);
  std::vector<Json> events = stored();
  const Json& originals = golden()["events"];
  ASSERT_EQ(events.size(), originals.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    Json expected = originals[i];
    expected["context"]["library"].erase("version");
    if (!expected.contains("properties")) expected["properties"] = Json::object();
    if (!expected.contains("userId")) expected["userId"] = nullptr;
    EXPECT_EQ(events[i], expected) << "event " << i;
  }
  Counts byType = store->countsByType().value();
  EXPECT_EQ(byType, (Counts{{"identify", 1}, {"page", 1}, {"track", 1}}));
}

TEST_F(WireFormatsTest, WriteKeyInTheBodyOrAsTheBasicAuthUser) {
  CollectorApi collector = api(AuthOptions{{"phc_test"}});
  Json segmentWithoutKey = golden()["expected"]["segment"];
  segmentWithoutKey.erase("writeKey");
  std::string bare = segmentWithoutKey.dump();

  ApiResponse refused = collector.postBatch("application/json", bare);
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(json(refused)["error"]["code"], "invalid_write_key");
  ApiResponse wrongUser =
      collector.postBatch(BatchRequest{BatchFormat::Engage, "application/json", basicAuth("b3RoZXI6"), bare});  // other:
  EXPECT_EQ(wrongUser.status, 401);
  EXPECT_EQ(total(), 0);

  ApiResponse byBasic =
      collector.postBatch(BatchRequest{BatchFormat::Engage, "application/json", basicAuth(kPhcTestBasic), bare});
  EXPECT_EQ(json(byBasic), kThreeStored) << byBasic.body;
  EXPECT_EQ(json(collector.postBatch("application/json", goldenBody("engage"))), kThreeDuplicates);  // body key

  Json postHogWrongKey = golden()["expected"]["posthog"];
  postHogWrongKey["api_key"] = "phc_other";
  EXPECT_EQ(collector.postBatch(BatchRequest{BatchFormat::PostHog, "application/json", "", postHogWrongKey.dump()}).status,
            401);
  EXPECT_EQ(json(collector.postBatch(BatchRequest{BatchFormat::PostHog, "application/json", "", goldenBody("posthog")})),
            kThreeDuplicates);
  EXPECT_EQ(total(), 3);
}

TEST_F(WireFormatsTest, WithoutConfiguredKeysEveryBatchIsAccepted) {
  CollectorApi collector = api();
  Json other = golden()["expected"]["engage"];
  other["writeKey"] = "anything";
  EXPECT_EQ(collector.postBatch(BatchRequest{BatchFormat::Engage, "application/json", "Basic !!", other.dump()}).status,
            200);
}

TEST_F(WireFormatsTest, PostHogErrorsNamePostHogFields) {
  CollectorApi collector = api();
  struct Case {
    const char* remove;
    const char* field;
  };
  for (Case c : {Case{"uuid", "uuid"}, Case{"distinct_id", "properties.distinct_id"},
                 Case{"timestamp", "timestamp"}, Case{"event", "event"}}) {
    Json body = golden()["expected"]["posthog"];
    Json& second = body["batch"][1];
    if (std::string(c.remove) == "distinct_id") {
      second["properties"].erase("distinct_id");
      second["properties"].erase("$anon_distinct_id");
    } else {
      second.erase(c.remove);
    }
    ApiResponse response = collector.postBatch(BatchRequest{BatchFormat::PostHog, "application/json", "", body.dump()});
    EXPECT_EQ(response.status, 400) << c.remove;
    Json error = json(response)["error"];
    EXPECT_EQ(error["code"], "invalid_event") << c.remove;
    EXPECT_EQ(error["index"], 1) << c.remove;
    EXPECT_EQ(error["field"], c.field) << c.remove;
    EXPECT_EQ(error["message"].get<std::string>().rfind(std::string("batch[1].") + c.field + " ", 0), 0u)
        << error["message"];
  }
  ApiResponse engageBodyAsPostHog =
      collector.postBatch(BatchRequest{BatchFormat::PostHog, "application/json", "", R"({"api_key":"k","batch":[]})"});
  EXPECT_EQ(json(engageBodyAsPostHog)["error"]["code"], "invalid_batch");
  EXPECT_EQ(total(), 0);
}

TEST(PostHogToEngage, IdentityRules) {
  auto map = [](const char* text) { return postHogToEngage(Json::parse(text)); };
  Json topLevel = map(R"({"event":"Clicked","distinct_id":"d-1","uuid":"u","timestamp":"t","properties":{"x":1}})");
  EXPECT_EQ(topLevel["anonymousId"], "d-1");
  EXPECT_TRUE(topLevel["userId"].is_null());
  EXPECT_EQ(topLevel["event"], "Clicked");
  EXPECT_EQ(topLevel["properties"], Json::parse(R"({"x":1})"));

  Json identify = map(R"({"event":"$identify","uuid":"u","properties":{"distinct_id":"user-7","$set":{"plan":"pro"}}})");
  EXPECT_EQ(identify["type"], "identify");
  EXPECT_EQ(identify["userId"], "user-7");
  EXPECT_FALSE(identify.contains("anonymousId"));
  EXPECT_EQ(identify["traits"], Json::parse(R"({"plan":"pro"})"));

  Json session = map(R"({"event":"$pageview","uuid":"u","properties":{"distinct_id":"a","$session_id":1767225600000}})");
  EXPECT_EQ(session["type"], "page");
  EXPECT_EQ(session["sessionId"], 1767225600000);
  Json stringSession = map(R"({"event":"$pageview","uuid":"u","properties":{"distinct_id":"a","$session_id":"ph-uuid"}})");
  EXPECT_FALSE(stringSession.contains("sessionId"));  // posthog-js's string ids stay a property
  EXPECT_EQ(stringSession["properties"]["$session_id"], "ph-uuid");

  Json titleOnly = map(R"({"event":"Read","uuid":"u","properties":{"distinct_id":"a","title":"Dune"}})");
  EXPECT_EQ(titleOnly["properties"]["title"], "Dune");  // no page context: title is the event's own
  EXPECT_FALSE(titleOnly.contains("context"));
  Json group = map(R"({"event":"$groupidentify","uuid":"u","properties":{"distinct_id":"a"}})");
  EXPECT_EQ(group["type"], "track");
  EXPECT_EQ(group["event"], "$groupidentify");
}

TEST(BasicAuthUser, DecodesTheUserPart) {
  EXPECT_EQ(basicAuthUser("Basic cGhjX3Rlc3Q6"), "phc_test");
  EXPECT_EQ(basicAuthUser("basic   cGhjX3Rlc3Q6  "), "phc_test");
  EXPECT_EQ(basicAuthUser("Basic cGhjX3Rlc3Q6c2VjcmV0"), "phc_test");  // phc_test:secret
  EXPECT_EQ(basicAuthUser("Basic cGhjX3Rlc3Q"), "phc_test");            // without padding or colon
  EXPECT_EQ(basicAuthUser("Bearer cGhjX3Rlc3Q6"), "");
  EXPECT_EQ(basicAuthUser("Basic not*base64"), "");
  EXPECT_EQ(basicAuthUser("Basic Q"), "");
  EXPECT_EQ(basicAuthUser(""), "");
}

}  // namespace
}  // namespace engage::collector
