// JS coercions the conditions and hashes rely on (sdk/src/experiment/js_value.h).
#include "experiment/js_value.h"

#include <gtest/gtest.h>

#include <cmath>

#include "experiment/version_string.h"

namespace engage::detail {
namespace {

TEST(JsValue, NumberToStringFollowsEcmaScript) {
  EXPECT_EQ(jsNumberToString(123), "123");
  EXPECT_EQ(jsNumberToString(-0.0), "0");
  EXPECT_EQ(jsNumberToString(1.5), "1.5");
  EXPECT_EQ(jsNumberToString(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(jsNumberToString(1e21), "1e+21");
  EXPECT_EQ(jsNumberToString(1e20), "100000000000000000000");
  EXPECT_EQ(jsNumberToString(1.5e-7), "1.5e-7");
  EXPECT_EQ(jsNumberToString(0.000001), "0.000001");
  EXPECT_EQ(jsNumberToString(-2.5e30), "-2.5e+30");
  EXPECT_EQ(jsNumberToString(NAN), "NaN");
}

TEST(JsValue, ToStringAndToNumber) {
  EXPECT_EQ(jsToString(Json::parse("[1,[2,null],\"a\"]")), "1,2,,a");
  EXPECT_EQ(jsToString(Json::parse("{\"a\":1}")), "[object Object]");
  EXPECT_EQ(jsToString(Json()), "null");
  EXPECT_EQ(jsToNumber(Json(" 42 ")), 42);
  EXPECT_EQ(jsToNumber(Json("")), 0);
  EXPECT_EQ(jsToNumber(Json("0x1F")), 31);
  EXPECT_EQ(jsToNumber(Json("-Infinity")), -INFINITY);
  EXPECT_TRUE(std::isnan(jsToNumber(Json("12px"))));
  EXPECT_TRUE(std::isnan(jsToNumber(Json("inf"))));  // strtod would accept it; JS does not
  EXPECT_EQ(jsToNumber(Json::parse("[7]")), 7);
  EXPECT_EQ(jsToNumber(Json()), 0);
  EXPECT_EQ(jsToNumber(Json(true)), 1);
}

TEST(JsValue, TruthinessAndStrictEquality) {
  EXPECT_FALSE(jsTruthy(Json(0)));
  EXPECT_FALSE(jsTruthy(Json("")));
  EXPECT_TRUE(jsTruthy(Json::array()));
  EXPECT_TRUE(jsTruthy(Json::object()));
  EXPECT_TRUE(jsStrictEquals(Json(1), Json(1.0)));
  EXPECT_FALSE(jsStrictEquals(Json(1), Json("1")));
  EXPECT_FALSE(jsStrictEquals(Json::parse("[1]"), Json::parse("[1]")));  // references differ
  EXPECT_TRUE(jsJsonEquals(Json::parse("[1,{\"a\":2}]"), Json::parse("[1.0,{\"a\":2}]")));
}

TEST(JsValue, RelationalComparisonCoercesLikeJavaScript) {
  EXPECT_TRUE(jsCompare(Json("8"), Json(5), JsCompare::Greater));       // "8" > 5
  EXPECT_TRUE(jsCompare(Json("10"), Json("9"), JsCompare::Less));       // string comparison
  EXPECT_TRUE(jsCompare(Json(), Json(10), JsCompare::Less));            // null -> 0
  EXPECT_FALSE(jsCompare(Json("abc"), Json(1), JsCompare::Less));       // NaN
  EXPECT_FALSE(jsCompare(Json("abc"), Json(1), JsCompare::GreaterEqual));
  EXPECT_TRUE(jsCompare(Json::parse("[10]"), Json("9"), JsCompare::Less));  // "10" < "9"
}

TEST(JsValue, Utf16OrderDiffersFromCodePointOrderAboveTheBmp) {
  // U+FF5E (fullwidth tilde) is one unit 0xFF5E; U+1F600 starts with 0xD83D, so it sorts first.
  EXPECT_LT(compareUtf16("\xF0\x9F\x98\x80", "\xEF\xBD\x9E"), 0);
  EXPECT_GT(std::string("\xF0\x9F\x98\x80").compare("\xEF\xBD\x9E"), 0);
}

TEST(JsValue, CaseFoldingCoversCommonScripts) {
  EXPECT_EQ(jsToLowerCase("ÀÉÎ ПРИВЕТ ΑΒΓ ABC"), "àéî привет αβγ abc");
}

TEST(VersionString, PadsNumericPartsAndOrdersPreReleases) {
  EXPECT_EQ(paddedVersionString(Json("v1.2.3+build")), "    1-    2-    3-~");
  EXPECT_EQ(paddedVersionString(Json("1.0.0-rc.1")), "    1-    0-    0-rc-    1");
  EXPECT_EQ(paddedVersionString(Json()), "    0");
  EXPECT_EQ(paddedVersionString(Json(2)), "    2");
  EXPECT_LT(paddedVersionString(Json("1.0.0-rc.1")), paddedVersionString(Json("1.0.0")));
}

}  // namespace
}  // namespace engage::detail
