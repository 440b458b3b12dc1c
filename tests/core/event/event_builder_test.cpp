#include "event/event_builder.h"

#include <gtest/gtest.h>

namespace engage::detail {
namespace {

const EventLimits kLimits;
const Identity kVisitor{"anon-1", ""};

// Builds and parses back, so the tests read fields rather than text.
struct Built {
  Json event;
  std::optional<ValidationError> error;
};
Built buildEvent(const std::string& type, const Json& cmd, const Identity& who,
                 const std::string& messageId, int64_t wallMs, const EventLimits& limits,
                 const PageContext& page = PageContext()) {
  EventFields f{type, messageId, wallMs, 0};
  auto built = engage::detail::buildEvent(f, cmd, who, page, limits);
  if (built.error) return {Json(), built.error};
  auto parsed = parseJson(built.text);
  EXPECT_TRUE(parsed) << built.text;
  return {parsed ? *parsed : Json(), std::nullopt};
}

TEST(EventBuilder, TrackCarriesSegmentFieldsAndThePageContext) {
  Json cmd = {{"op", "track"},
              {"event", "Product Added"},
              {"properties", {{"product_id", "sku-1"}, {"price", 19.9}}}};
  PageContext page;
  Json ctx = {{"page", {{"path", "/p/1"}}}, {"locale", "de-DE"}};
  ASSERT_FALSE(page.set(&ctx, kLimits));
  auto built = buildEvent("track", cmd, kVisitor, "m-1", 1767225600123, kLimits, page);
  ASSERT_FALSE(built.error);
  const Json& e = built.event;
  EXPECT_EQ(e["type"], "track");
  EXPECT_EQ(e["event"], "Product Added");
  EXPECT_EQ(e["properties"]["product_id"], "sku-1");
  EXPECT_EQ(e["anonymousId"], "anon-1");
  EXPECT_TRUE(e["userId"].is_null());
  EXPECT_EQ(e["messageId"], "m-1");
  EXPECT_EQ(e["timestamp"], "2026-01-01T00:00:00.123Z");
  EXPECT_EQ(e["context"]["page"]["path"], "/p/1");
  EXPECT_EQ(e["context"]["locale"], "de-DE");
  EXPECT_EQ(e["context"]["library"]["name"], "engage");
}

TEST(EventBuilder, PageNameIsOptional) {
  auto built = buildEvent("page", Json{{"op", "page"}}, kVisitor, "m", 0, kLimits);
  ASSERT_FALSE(built.error);
  EXPECT_FALSE(built.event.contains("name"));
  EXPECT_TRUE(built.event["properties"].is_object());
}

TEST(EventBuilder, IdentifySetsUserIdAndTraits) {
  Json cmd = {{"userId", "u-9"}, {"traits", {{"plan", "pro"}}}};
  auto built = buildEvent("identify", cmd, kVisitor, "m", 0, kLimits);
  ASSERT_FALSE(built.error);
  EXPECT_EQ(built.event["userId"], "u-9");
  EXPECT_EQ(built.event["traits"]["plan"], "pro");
}

TEST(EventBuilder, GroupNeedsGroupIdAndAliasDefaultsPreviousId) {
  EXPECT_EQ(buildEvent("group", Json::object(), kVisitor, "m", 0, kLimits).error->code, "invalid_id");
  auto alias = buildEvent("alias", Json{{"userId", "u-2"}}, kVisitor, "m", 0, kLimits);
  ASSERT_FALSE(alias.error);
  EXPECT_EQ(alias.event["previousId"], "anon-1");
  EXPECT_EQ(alias.event["userId"], "u-2");
}

TEST(EventBuilder, RejectsBadTrackAndContext) {
  EXPECT_EQ(buildEvent("track", Json{{"event", 3}}, kVisitor, "m", 0, kLimits).error->code,
            "invalid_event_name");
  EXPECT_EQ(buildEvent("track", Json{{"event", "x"}, {"properties", "nope"}}, kVisitor, "m", 0, kLimits)
                .error->code,
            "invalid_properties");
  Json deep = 1;
  for (int i = 0; i < 12; ++i) deep = Json{{"n", deep}};
  EXPECT_EQ(buildEvent("track", Json{{"event", "x"}, {"context", deep}}, kVisitor, "m", 0, kLimits)
                .error->code,
            "too_deep");
}

TEST(EventBuilder, LibraryCannotBeSpoofedByContext) {
  Json cmd = {{"event", "x"}, {"context", {{"library", "evil"}, {"locale", "fr"}}}};
  PageContext page;
  Json ctx = {{"library", "evil"}, {"locale", "de"}, {"timezone", "UTC"}};
  page.set(&ctx, kLimits);
  auto built = buildEvent("track", cmd, kVisitor, "m", 0, kLimits, page);
  EXPECT_EQ(built.event["context"]["library"]["name"], "engage");
  EXPECT_EQ(built.event["context"]["locale"], "fr") << "a command's own context wins";
  EXPECT_EQ(built.event["context"]["timezone"], "UTC") << "over the page context";
  auto plain = buildEvent("track", Json{{"event", "y"}}, kVisitor, "m", 0, kLimits, page);
  EXPECT_EQ(plain.event["context"]["library"]["name"], "engage");
}

TEST(EventBuilder, PageContextRejectsNonObjectsAndDeepNesting) {
  PageContext page;
  Json deep = 1;
  for (int i = 0; i < 12; ++i) deep = Json{{"n", deep}};
  EXPECT_EQ(page.set(&deep, kLimits)->code, "too_deep");
  Json text = "x";
  EXPECT_EQ(page.set(&text, kLimits)->code, "invalid_properties");
}

TEST(EventBuilder, EscapesNamesAndIds) {
  auto built = buildEvent("track", Json{{"event", "a\"b\n"}}, Identity{"x\"y", ""}, "m", 0, kLimits);
  EXPECT_EQ(built.event["event"], "a\"b\n");
  EXPECT_EQ(built.event["anonymousId"], "x\"y");
}

}  // namespace
}  // namespace engage::detail
