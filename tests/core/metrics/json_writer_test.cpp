#include "metrics/json_writer.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace engage::detail {
namespace {

TEST(JsonWriter, NestedContainersAndSeparators) {
  JsonWriter out;
  out.beginObject().field("a", int64_t{1}).key("b").beginArray().value(true).null().beginObject().endObject();
  out.endArray().field("c", "x").endObject();
  EXPECT_EQ(out.text(), R"({"a":1,"b":[true,null,{}],"c":"x"})");
}

TEST(JsonWriter, EscapesStrings) {
  JsonWriter out;
  out.value(std::string("q\"b\\s\n\x01 \xC3\xA9"));
  EXPECT_EQ(out.text(), "\"q\\\"b\\\\s\\u000a\\u0001 \xC3\xA9\"");
  EXPECT_EQ(parseJson(out.text())->get<std::string>(), std::string("q\"b\\s\n\x01 \xC3\xA9"));
}

TEST(JsonWriter, DoublesReadBackExactly) {
  for (double v : {0.1, 0.30000000000000004, 1.0 / 3, 20.0, -2.5, 1e300, 5e-324, 123456789.125}) {
    JsonWriter out;
    out.value(v);
    std::optional<Json> back = parseJson(out.text());
    ASSERT_TRUE(back.has_value()) << out.text();
    EXPECT_EQ(back->get<double>(), v) << out.text();
  }
  JsonWriter shortest;
  shortest.beginArray().value(0.1).value(20.0).value(std::numeric_limits<double>::quiet_NaN());
  shortest.value(std::numeric_limits<double>::infinity()).endArray();
  EXPECT_EQ(shortest.text(), "[0.1,20.0,null,null]");
}

TEST(JsonWriter, IntegersAndEmbeddedJson) {
  JsonWriter out;
  out.beginArray().value(int64_t{-9'007'199'254'740'993}).value(Json{{"k", {1, 2}}}).endArray();
  EXPECT_EQ(out.text(), R"([-9007199254740993,{"k":[1,2]}])");
}

}  // namespace
}  // namespace engage::detail
