#include "batch_parser.h"

#include <gtest/gtest.h>

#include "base/json_access.h"
#include "test_support.h"

namespace engage::collector {
namespace {

using testing::batchOf;
using testing::trackEvent;

ParsedBatch parse(const std::string& body, BatchLimits limits = {}) { return parseBatch(body, limits, 42); }

// Parses a batch holding one event given as JSON and returns the error's field, or "ok".
std::string fieldRejected(const std::string& eventJson) {
  ParsedBatch parsed = parse(batchOf(trackEvent("m0") + "," + eventJson));
  if (!parsed.error) return "ok";
  EXPECT_EQ(parsed.error->code, "invalid_event");
  EXPECT_EQ(parsed.error->index, 1);
  EXPECT_NE(parsed.error->message.find("batch[1]"), std::string::npos) << parsed.error->message;
  EXPECT_TRUE(parsed.events.empty());
  return parsed.error->field;
}

TEST(BatchParser, ReadsEveryStoredField) {
  ParsedBatch parsed = parse(batchOf(
      trackEvent("m1", "Product Added") +
      R"(,{"type":"page","event":"Not a track","messageId":"m2","userId":"u-1","anonymousId":null,"sessionId":1767225600000,)"
      R"("timestamp":"2026-01-01T00:00:01.000Z","properties":{"path":"/"},"context":{"page":{"path":"/"}}})"));
  ASSERT_FALSE(parsed.error) << parsed.error->message;
  ASSERT_EQ(parsed.events.size(), 2u);
  const StoredEvent& track = parsed.events[0];
  EXPECT_EQ(track.messageId, "m1");
  EXPECT_EQ(track.type, "track");
  EXPECT_EQ(track.event, "Product Added");
  EXPECT_EQ(track.anonymousId, "anon-1");
  EXPECT_EQ(track.timestampMs, 1767225600000);
  EXPECT_EQ(track.receivedAtMs, 42);
  EXPECT_FALSE(track.sessionId.has_value());
  EXPECT_EQ(*detail::parseJson(track.json), *detail::parseJson(trackEvent("m1", "Product Added")));
  const StoredEvent& page = parsed.events[1];
  EXPECT_EQ(page.type, "page");
  EXPECT_EQ(page.event, "");  // only a track event has a name counted by event
  EXPECT_EQ(page.userId, "u-1");
  EXPECT_EQ(page.anonymousId, "");
  EXPECT_EQ(page.sessionId, std::optional<int64_t>(1767225600000));
  EXPECT_EQ(page.visitorId(), "u-1");
}

TEST(BatchParser, RejectsInvalidJson) {
  for (const char* body : {"", "{", "not json", "{\"batch\":[}", "{\"batch\":\"\xff\"}"}) {
    ParsedBatch parsed = parse(body);
    ASSERT_TRUE(parsed.error) << body;
    EXPECT_EQ(parsed.error->code, "invalid_json") << body;
  }
}

TEST(BatchParser, RejectsBodiesWithoutABatchArrayOfAllowedSize) {
  BatchLimits limits;
  limits.maxEvents = 2;
  for (std::string body : {std::string("[]"), std::string("{}"), std::string("{\"batch\":{}}"),
                           std::string("{\"batch\":[]}"), std::string("\"batch\""), std::string("null"),
                           batchOf(trackEvent("a") + "," + trackEvent("b") + "," + trackEvent("c"))}) {
    ParsedBatch parsed = parse(body, limits);
    ASSERT_TRUE(parsed.error) << body;
    EXPECT_EQ(parsed.error->code, "invalid_batch") << body;
  }
  EXPECT_FALSE(parse(batchOf(trackEvent("a") + "," + trackEvent("b")), limits).error);
}

TEST(BatchParser, NamesTheIndexAndFieldOfTheFirstBadEvent) {
  const std::string ts = R"("timestamp":"2026-01-01T00:00:00Z")";
  EXPECT_EQ(fieldRejected("42"), "");
  EXPECT_EQ(fieldRejected("[]"), "");
  EXPECT_EQ(fieldRejected(R"({"messageId":"x","anonymousId":"a",)" + ts + "}"), "type");
  EXPECT_EQ(fieldRejected(R"({"type":"purchase","messageId":"x","anonymousId":"a",)" + ts + "}"), "type");
  EXPECT_EQ(fieldRejected(R"({"type":1,"messageId":"x","anonymousId":"a",)" + ts + "}"), "type");
  EXPECT_EQ(fieldRejected(R"({"type":"page","anonymousId":"a",)" + ts + "}"), "messageId");
  EXPECT_EQ(fieldRejected(R"({"type":"page","messageId":"","anonymousId":"a",)" + ts + "}"), "messageId");
  EXPECT_EQ(fieldRejected(R"({"type":"page","messageId":7,"anonymousId":"a",)" + ts + "}"), "messageId");
  EXPECT_EQ(fieldRejected(R"({"type":"page","messageId":")" + std::string(129, 'x') + R"(","anonymousId":"a",)" + ts + "}"),
            "messageId");
  EXPECT_EQ(fieldRejected(R"({"type":"page","messageId":"x","anonymousId":"a"})"), "timestamp");
  EXPECT_EQ(fieldRejected(R"({"type":"page","messageId":"x","anonymousId":"a","timestamp":1767225600000})"),
            "timestamp");
  EXPECT_EQ(fieldRejected(R"({"type":"page","messageId":"x","anonymousId":"a","timestamp":"yesterday"})"),
            "timestamp");
  EXPECT_EQ(fieldRejected(R"({"type":"track","messageId":"x","anonymousId":"a",)" + ts + "}"), "event");
  EXPECT_EQ(fieldRejected(R"({"type":"track","event":"","messageId":"x","anonymousId":"a",)" + ts + "}"), "event");
  EXPECT_EQ(fieldRejected(R"({"type":"track","event":{},"messageId":"x","anonymousId":"a",)" + ts + "}"), "event");
  EXPECT_EQ(fieldRejected(R"({"type":"page","messageId":"x",)" + ts + "}"), "anonymousId");
  EXPECT_EQ(fieldRejected(R"({"type":"page","messageId":"x","anonymousId":"","userId":null,)" + ts + "}"),
            "anonymousId");
  EXPECT_EQ(fieldRejected(R"({"type":"page","messageId":"x","anonymousId":5,)" + ts + "}"), "anonymousId");
  EXPECT_EQ(fieldRejected(R"({"type":"page","messageId":"x","anonymousId":"a","userId":[],)" + ts + "}"), "userId");
  EXPECT_EQ(fieldRejected(R"({"type":"page","messageId":"x","anonymousId":"a","sessionId":"s",)" + ts + "}"),
            "sessionId");
  EXPECT_EQ(fieldRejected(R"({"type":"page","messageId":"x","anonymousId":"a","properties":[],)" + ts + "}"),
            "properties");
  EXPECT_EQ(fieldRejected(R"({"type":"identify","messageId":"x","userId":"u","traits":"t",)" + ts + "}"), "traits");
  EXPECT_EQ(fieldRejected(R"({"type":"page","messageId":"x","anonymousId":"a","context":1,)" + ts + "}"), "context");
}

TEST(BatchParser, AcceptsEveryTypeAndTheLimitsEdges) {
  const std::string ts = R"("timestamp":"2026-01-01T00:00:00Z")";
  for (const char* type : {"page", "identify", "group", "alias", "screen"}) {
    EXPECT_EQ(fieldRejected(std::string(R"({"type":")") + type + R"(","messageId":"x","userId":"u",)" + ts + "}"), "ok")
        << type;
  }
  // 128 characters, counted as code points (each "é" is two bytes).
  std::string longId;
  for (int i = 0; i < 128; ++i) longId += "\xC3\xA9";
  EXPECT_EQ(fieldRejected(R"({"type":"page","messageId":")" + longId + R"(","anonymousId":"a",)" + ts + "}"), "ok");
  EXPECT_EQ(fieldRejected(R"({"type":"page","messageId":"x","anonymousId":"a","properties":null,"sessionId":null,)" +
                          ts + "}"),
            "ok");
}

}  // namespace
}  // namespace engage::collector
