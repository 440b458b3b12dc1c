#include "event/validation.h"

#include <gtest/gtest.h>

namespace engage::detail {
namespace {

const EventLimits kLimits;

TEST(Validation, NameIsRequiredNonEmptyStringWithinLimit) {
  Json empty = "", number = 5, ok = "Signed Up", longName = std::string(201, 'x');
  EXPECT_EQ(validateName(nullptr, "event name", true, kLimits)->code, "invalid_event_name");
  EXPECT_EQ(validateName(&empty, "event name", true, kLimits)->message, "event name must not be empty");
  EXPECT_EQ(validateName(&number, "event name", true, kLimits)->message, "event name must be a string");
  EXPECT_EQ(validateName(&longName, "event name", true, kLimits)->code, "invalid_event_name");
  EXPECT_FALSE(validateName(&ok, "event name", true, kLimits));
  EXPECT_FALSE(validateName(nullptr, "page name", false, kLimits));
}

TEST(Validation, PropertiesMustBeAnObjectWithinDepth) {
  Json arr = Json::array(), obj = {{"a", 1}};
  EXPECT_EQ(validateProperties(&arr, "properties", kLimits)->code, "invalid_properties");
  EXPECT_FALSE(validateProperties(&obj, "properties", kLimits));
  Json deep = 1;
  for (int i = 0; i < 10; ++i) deep = Json{{"n", deep}};
  EXPECT_FALSE(validateProperties(&deep, "properties", kLimits)) << "10 levels are allowed";
  deep = Json{{"n", deep}};
  EXPECT_EQ(validateProperties(&deep, "properties", kLimits)->code, "too_deep");
}

TEST(Validation, DepthCountsContainers) {
  EXPECT_EQ(jsonDepth(Json(1), 99), 0u);
  EXPECT_EQ(jsonDepth(Json::object(), 99), 1u);
  EXPECT_EQ(jsonDepth(Json{{"a", Json::array({Json::object()})}}, 99), 3u);
}

TEST(Validation, SizeLimit) {
  EXPECT_FALSE(validateSize(32 * 1024, kLimits));
  EXPECT_EQ(validateSize(32 * 1024 + 1, kLimits)->code, "too_large");
}

TEST(Validation, Ids) {
  Json empty = "", obj = Json::object(), num = 42;
  EXPECT_EQ(validateId(nullptr, "groupId", true, kLimits)->code, "invalid_id");
  EXPECT_EQ(validateId(&empty, "userId", false, kLimits)->code, "invalid_id");
  EXPECT_EQ(validateId(&obj, "userId", false, kLimits)->code, "invalid_id");
  EXPECT_FALSE(validateId(&num, "userId", false, kLimits));
}

}  // namespace
}  // namespace engage::detail
