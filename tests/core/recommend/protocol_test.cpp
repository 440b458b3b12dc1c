// Event-log parsers and the evaluation protocol's data steps.
#include <gtest/gtest.h>

#include <sstream>

#include "engage/recommend.h"
#include "support/fakes.h"

namespace engage::recommend {
namespace {

LogEvent ev(const std::string& session, const std::string& item, int64_t ts, const std::string& visitor = "") {
  LogEvent e;
  e.session = session;
  e.item = item;
  e.tsMs = ts;
  e.visitor = visitor;
  return e;
}

TEST(EventLog, IsoTimestamps) {
  EXPECT_EQ(parseIsoTimestamp("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parseIsoTimestamp("2026-01-01T00:00:00.123Z"), 1767225600123);
  EXPECT_EQ(parseIsoTimestamp("2026-01-01T01:30:00+01:30"), 1767225600000);
  EXPECT_EQ(parseIsoTimestamp("2026-01-01T00:00:00"), 1767225600000);
  EXPECT_FALSE(parseIsoTimestamp("2026-13-01T00:00:00Z"));
  EXPECT_FALSE(parseIsoTimestamp("yesterday"));
  EXPECT_FALSE(parseIsoTimestamp("2026-01-01T00:00:00PST"));
}

TEST(EventLog, CsvAndDigineticaLines) {
  LogEvent e;
  EXPECT_FALSE(parseSessionCsvLine("session,item,timestamp", e));
  ASSERT_TRUE(parseSessionCsvLine("s1, sku-9 ,1700000000", e));
  EXPECT_EQ(e.session, "s1");
  EXPECT_EQ(e.item, "sku-9");
  EXPECT_EQ(e.tsMs, 1700000000000);  // seconds become ms
  ASSERT_TRUE(parseSessionCsvLine("s1,sku-9,1700000000123,shoes\r", e));
  EXPECT_EQ(e.tsMs, 1700000000123);
  EXPECT_EQ(e.category, "shoes");
  EXPECT_FALSE(parseSessionCsvLine("s1,sku-9", e));
  EXPECT_FALSE(parseSessionCsvLine("s1,sku-9,-5", e));

  EXPECT_FALSE(parseDigineticaLine("session_id;user_id;item_id;timeframe;eventdate", e));
  ASSERT_TRUE(parseDigineticaLine("1;NA;81766;526309;2016-05-09", e));
  EXPECT_EQ(e.session, "1");
  EXPECT_EQ(e.visitor, "");
  EXPECT_EQ(e.item, "81766");
  EXPECT_EQ(e.tsMs, 1462752526309);
  ASSERT_TRUE(parseDigineticaLine("7;1051;5;0;2016-01-03", e));
  EXPECT_EQ(e.visitor, "1051");
}

TEST(EventLog, OttoFixtureParsesEveryEvent) {
  std::istringstream in(engage::testing::readFile(ENGAGE_FIXTURE_DIR "/otto-sample/train.jsonl"));
  std::vector<LogEvent> events;
  std::string line;
  size_t lines = 0;
  while (std::getline(in, line)) lines += parseOttoLine(line, events) > 0;
  EXPECT_EQ(lines, 20u);
  ASSERT_EQ(events.size(), 862u);  // 800 clicks + 52 carts + 10 orders
  size_t orders = 0, carts = 0;
  for (const auto& e : events) {
    orders += e.kind == EventKind::Order;
    carts += e.kind == EventKind::Cart;
  }
  EXPECT_EQ(orders, 10u);
  EXPECT_EQ(carts, 52u);
  EXPECT_EQ(events[0].visitor, "0");
  EXPECT_EQ(events[0].item, "1517085");
  EXPECT_EQ(events[0].tsMs, 1659304800025);
  // An OTTO "session" is a visitor: the protocol splits it at 30 minutes of inactivity.
  std::vector<LogSession> sessions = groupSessions(events, ProtocolConfig{});
  EXPECT_EQ(sessions.size(), 144u);
}

TEST(EventLog, EngageEventsFromTheCollector) {
  std::vector<LogEvent> out;
  EXPECT_EQ(parseEngageEvent(R"({"type":"track","event":"Product Viewed","anonymousId":"v1","sessionId":17,
      "timestamp":"2026-01-01T00:00:01.000Z","properties":{"product_id":"p1","category":"shoes"}})", out), 1u);
  EXPECT_EQ(parseEngageEvent(R"({"type":"track","event":"Order Completed","anonymousId":"v1","userId":"u1",
      "timestamp":"2026-01-01T00:00:02Z","properties":{"products":[{"product_id":"p1"},{"product_id":2}]}})", out), 2u);
  EXPECT_EQ(parseEngageEvent(R"({"type":"page","timestamp":"2026-01-01T00:00:02Z"})", out), 0u);
  EXPECT_EQ(parseEngageEvent(R"({"event":"Product Added","timestamp":"bad","properties":{"product_id":"p"}})", out), 0u);
  EXPECT_EQ(parseEngageEvent("not json", out), 0u);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].item, "p1");
  EXPECT_EQ(out[0].visitor, "v1");
  EXPECT_EQ(out[0].session, "v1/17");
  EXPECT_EQ(out[0].category, "shoes");
  EXPECT_EQ(out[0].tsMs, 1767225601000);
  EXPECT_EQ(out[1].kind, EventKind::Order);
  EXPECT_EQ(out[1].visitor, "u1");   // the known user wins over the device id
  EXPECT_EQ(out[1].session, "");     // no sessionId: split by inactivity
  EXPECT_EQ(out[2].item, "2");
}

TEST(Protocol, GroupsBySessionIdOrByInactivityGap) {
  const int64_t min = 60000;
  std::vector<LogEvent> events = {ev("", "a", 0, "v"),       ev("", "b", 10 * min, "v"),
                                  ev("", "c", 41 * min, "v"), ev("s9", "x", 5, "w"),
                                  ev("s9", "y", 1, "w"),      ev("", "d", 45 * min, "v")};
  std::vector<LogSession> sessions = groupSessions(events, ProtocolConfig{});
  ASSERT_EQ(sessions.size(), 3u);
  // Ordered by end time: s9 (5 ms), v#0 (10 min), v#1 (45 min).
  EXPECT_EQ(sessions[0].id, "s9");
  ASSERT_EQ(sessions[0].events.size(), 2u);
  EXPECT_EQ(sessions[0].events[0].item, "y");  // sorted by time inside the session
  EXPECT_EQ(sessions[0].visitor, "w");
  EXPECT_EQ(sessions[1].id, "v#0");
  EXPECT_EQ(sessions[1].events.size(), 2u);
  EXPECT_EQ(sessions[2].id, "v#1");
  EXPECT_EQ(sessions[2].events.size(), 2u);
}

TEST(Protocol, FilterDropsShortSessionsThenRareItemsThenShortSessions) {
  ProtocolConfig config;
  config.minItemSupport = 3;
  std::vector<LogSession> sessions(5);
  const char* items[5][3] = {{"a", "b", ""}, {"a", "b", ""}, {"a", "r", ""}, {"b", "", ""}, {"b", "a", "r"}};
  for (int s = 0; s < 5; ++s) {
    sessions[s].id = std::to_string(s);
    for (const char* item : items[s]) {
      if (*item) sessions[s].events.push_back(ev(sessions[s].id, item, s));
    }
  }
  filterSessions(sessions, config);
  // Session 3 (length 1) goes first, so b keeps support 3 and r (2) is dropped; session 2 then
  // has length 1 and goes too.
  ASSERT_EQ(sessions.size(), 3u);
  EXPECT_EQ(sessions[0].id, "0");
  EXPECT_EQ(sessions[1].id, "1");
  EXPECT_EQ(sessions[2].id, "4");
  EXPECT_EQ(sessions[2].events.size(), 2u);
}

TEST(Protocol, SplitByLastEventAndRemoveUnknownTestItems) {
  ProtocolConfig config;
  config.testWindowMs = 100;
  std::vector<LogSession> sessions(3);
  sessions[0].id = "train";
  sessions[0].events = {ev("train", "a", 0), ev("train", "b", 50)};
  sessions[1].id = "straddles";  // starts before the window, ends inside: test
  sessions[1].events = {ev("straddles", "a", 60), ev("straddles", "new", 150), ev("straddles", "b", 160)};
  sessions[2].id = "unknown";
  sessions[2].events = {ev("unknown", "new", 190), ev("unknown", "a", 200)};
  TrainTestSplit split = splitByTime(sessions, config);
  ASSERT_EQ(split.train.size(), 1u);
  ASSERT_EQ(split.test.size(), 1u);
  EXPECT_EQ(split.test[0].id, "straddles");
  ASSERT_EQ(split.test[0].events.size(), 2u);
  EXPECT_EQ(split.test[0].events[1].item, "b");
  std::vector<TrainingSession> training = toTrainingSessions(split.train);
  EXPECT_EQ(training[0].items, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(training[0].endMs, 50);
}

}  // namespace
}  // namespace engage::recommend
