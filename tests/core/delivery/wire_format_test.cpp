#include "delivery/wire_format.h"

#include <gtest/gtest.h>

#include "base/json_access.h"
#include "support/fakes.h"

namespace engage::detail {
namespace {

TEST(WireFormat, EveryFormatMatchesItsGoldenBody) {
  Json spec = *parseJson(testing::readFile(ENGAGE_SPEC_DIR "/wire_formats.json"));
  std::vector<std::string> texts;
  for (const auto& e : spec["events"]) texts.push_back(dumpJson(e));
  std::vector<const std::string*> events;
  for (const auto& t : texts) events.push_back(&t);
  for (const char* name : {"engage", "segment", "posthog"}) {
    WireFormat format;
    ASSERT_TRUE(parseWireFormat(name, format));
    EXPECT_STREQ(wireFormatName(format), name);
    std::string body = formatBatch(format, events, spec["writeKey"], spec["sentAt"]);
    auto parsed = parseJson(body);
    ASSERT_TRUE(parsed) << name << ": " << body;
    EXPECT_EQ(*parsed, spec["expected"][name]) << name << ": " << body;
  }
}

TEST(WireFormat, UnknownFormatAndGarbageEvent) {
  WireFormat format;
  EXPECT_FALSE(parseWireFormat("amplitude", format));
  EXPECT_EQ(toPostHogEvent("not json"), "null");
}

}  // namespace
}  // namespace engage::detail
