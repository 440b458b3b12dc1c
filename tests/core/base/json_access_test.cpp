#include "base/json_access.h"

#include <gtest/gtest.h>

namespace engage::detail {
namespace {

TEST(JsonAccess, ParseRejectsInvalidTextWithoutThrowing) {
  EXPECT_FALSE(parseJson("{").has_value());
  EXPECT_FALSE(parseJson("").has_value());
  EXPECT_TRUE(parseJson("{\"a\":1}").has_value());
}

TEST(JsonAccess, AccessorsFallBackOnMissingOrWrongType) {
  Json j = *parseJson(R"({"s":"x","n":2.5,"i":7,"b":true,"o":{}})");
  EXPECT_EQ(stringOr(j, "s", "d"), "x");
  EXPECT_EQ(stringOr(j, "n", "d"), "d");
  EXPECT_EQ(numberOr(j, "n", 0), 2.5);
  EXPECT_EQ(numberOr(j, "s", -1), -1);
  EXPECT_EQ(integerOr(j, "i", 0), 7);
  EXPECT_EQ(boolOr(j, "b", false), true);
  EXPECT_EQ(boolOr(j, "i", false), false);
  EXPECT_EQ(member(j, "missing"), nullptr);
  EXPECT_EQ(member(Json::array(), "s"), nullptr);
}

TEST(JsonAccess, JsonStringEscapesOnlyWhenNeeded) {
  EXPECT_EQ(jsonString("Product Added"), "\"Product Added\"");
  EXPECT_EQ(jsonString("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
  EXPECT_EQ(jsonString("caf\xc3\xa9"), "\"caf\xc3\xa9\"");
  EXPECT_EQ(jsonString("\xff"), "\"\xEF\xBF\xBD\"");
}

TEST(JsonAccess, DumpReplacesInvalidUtf8) {
  Json j = std::string("a\xff" "b");
  EXPECT_EQ(dumpJson(j), "\"a\xEF\xBF\xBD" "b\"");
}

}  // namespace
}  // namespace engage::detail
