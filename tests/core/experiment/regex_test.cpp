// The JS-syntax regex engine behind $regex / $regexi (sdk/src/experiment/regex.h).
#include "experiment/regex.h"

#include <gtest/gtest.h>

#include <string>

namespace engage::detail {
namespace {

bool matches(const char* pattern, const std::string& subject, bool ignoreCase = false) {
  std::optional<Regex> re = Regex::compile(pattern, ignoreCase);
  EXPECT_TRUE(re.has_value()) << "pattern should compile: " << pattern;
  return re && re->test(subject);
}

bool compiles(const char* pattern) { return Regex::compile(pattern, false).has_value(); }

TEST(Regex, LiteralsAnchorsAndAlternation) {
  EXPECT_TRUE(matches("(Mobile|Tablet)", "Android Mobile Browser"));
  EXPECT_FALSE(matches("(mobile|tablet)", "Android Mobile Browser"));
  EXPECT_TRUE(matches("-12-25$", "1980-12-25"));
  EXPECT_FALSE(matches("-12-25$", "1980-12-25x"));
  EXPECT_TRUE(matches("^ping", "pingpong"));
  EXPECT_FALSE(matches("^ping", "a pingpong"));
  EXPECT_TRUE(matches("", "anything"));
  EXPECT_TRUE(matches("a|^b", "cb") == false);
  EXPECT_TRUE(matches("x|^b", "bc"));
}

TEST(Regex, ClassesAndEscapes) {
  EXPECT_TRUE(matches("^\\d{3}-\\d{4}$", "555-1234"));
  EXPECT_FALSE(matches("^\\d{3}-\\d{4}$", "555-123"));
  EXPECT_TRUE(matches("^[a-z0-9_.-]+@[a-z]+\\.com$", "first.last@shop.com"));
  EXPECT_TRUE(matches("[^abc]", "abcd"));
  EXPECT_FALSE(matches("[^abc]", "abcabc"));
  EXPECT_TRUE(matches("^\\w+\\s\\w+$", "hello world"));
  EXPECT_TRUE(matches("[\\D]", "12a"));
  EXPECT_FALSE(matches("^[\\D]+$", "12a"));
  EXPECT_TRUE(matches("\\bcat\\b", "a cat sat"));
  EXPECT_FALSE(matches("\\bcat\\b", "concatenate"));
  EXPECT_TRUE(matches("\\Bcat", "concatenate"));
  EXPECT_TRUE(matches("\\x41\\u0042", "AB"));
  EXPECT_TRUE(matches("a\\/b", "a/b"));  // escaped slashes, as GrowthBook patterns often have
  EXPECT_TRUE(matches("a/b", "a/b"));
  EXPECT_TRUE(matches("[]]", "]") == false);  // JS: [] is an empty class followed by "]"
  EXPECT_TRUE(matches("[^]", "\n"));
  EXPECT_TRUE(matches("^.$", "\xC3\xA9"));  // one code point, not two bytes
  EXPECT_FALSE(matches("^.$", "\n"));
}

TEST(Regex, QuantifiersGreedyLazyAndCounted) {
  EXPECT_TRUE(matches("^a{2,3}$", "aaa"));
  EXPECT_FALSE(matches("^a{2,3}$", "aaaa"));
  EXPECT_TRUE(matches("^a{2,}$", "aaaaa"));
  EXPECT_TRUE(matches("^(ab)+$", "ababab"));
  EXPECT_FALSE(matches("^(ab)+$", "ababa"));
  EXPECT_TRUE(matches("^a.*?b$", "axxb"));
  EXPECT_TRUE(matches("^(a|ab)(c|bcd)(d*)$", "abcd"));
  EXPECT_TRUE(matches("^(a*)*$", "aaaa"));  // empty iterations terminate
  EXPECT_TRUE(matches("x{", "x{"));         // Annex B: a brace that is no quantifier is literal
  EXPECT_TRUE(matches("^(?:\\d+\\.){3}\\d+$", "10.0.0.1"));
}

TEST(Regex, GroupsLookaheadAndBackreferences) {
  EXPECT_TRUE(matches("^(\\w)\\w*\\1$", "abca"));
  EXPECT_FALSE(matches("^(\\w)\\w*\\1$", "abcd"));
  EXPECT_TRUE(matches("^(?=.*\\d)(?=.*[a-z]).{6,}$", "abc123"));
  EXPECT_FALSE(matches("^(?=.*\\d)(?=.*[a-z]).{6,}$", "abcdef"));
  EXPECT_TRUE(matches("^(?!admin).*$", "user"));
  EXPECT_FALSE(matches("^(?!admin).*$", "administrator"));
  EXPECT_TRUE(matches("(?<year>\\d{4})-\\d\\d", "on 2026-01"));
}

TEST(Regex, CaseInsensitive) {
  EXPECT_TRUE(matches("(MOBILE|TABLET)", "android mobile browser", true));
  EXPECT_TRUE(matches("^[a-z]+$", "HeLLo", true));
  EXPECT_TRUE(matches("^[A-Z]+$", "hello", true));
  EXPECT_TRUE(matches("\xC3\x89T\xC3\x89", "\xC3\xA9t\xC3\xA9", true));  // ÉTÉ vs été
  EXPECT_TRUE(matches("^(a)\\1$", "aA", true));
  EXPECT_FALSE(matches("^[a-z]+$", "HeLLo", false));
}

TEST(Regex, InvalidPatternsDoNotCompile) {
  EXPECT_FALSE(compiles("/???***[)"));  // GrowthBook's "invalid regex" case
  EXPECT_FALSE(compiles("a**"));
  EXPECT_FALSE(compiles("*a"));
  EXPECT_FALSE(compiles("(abc"));
  EXPECT_FALSE(compiles("abc)"));
  EXPECT_FALSE(compiles("[abc"));
  EXPECT_FALSE(compiles("[z-a]"));
  EXPECT_FALSE(compiles("a{3,2}"));
  EXPECT_FALSE(compiles("\\"));
  EXPECT_FALSE(compiles("(?<=a)b"));  // lookbehind is not supported
  EXPECT_FALSE(compiles("(a)\\2"));   // a backreference to a missing group
  EXPECT_FALSE(compiles("a{1001}"));  // above RegexLimits::maxRepeat
  EXPECT_FALSE(compiles("^*"));
}

TEST(Regex, CatastrophicPatternsGiveUpWithinTheBudget) {
  std::optional<Regex> re = Regex::compile("^(a+)+$", false);
  ASSERT_TRUE(re);
  EXPECT_FALSE(re->test(std::string(40, 'a') + "!"));
  EXPECT_TRUE(re->lastTestAborted());
  EXPECT_TRUE(re->test(std::string(40, 'a')));
  EXPECT_FALSE(re->lastTestAborted());
}

TEST(Regex, LongSubjectsStayWithinTheDepthLimit) {
  std::optional<Regex> re = Regex::compile("^(ab)*$", false);
  ASSERT_TRUE(re);
  std::string longSubject;
  for (int i = 0; i < 5000; ++i) longSubject += "ab";
  EXPECT_FALSE(re->test(longSubject));  // too deep: abandoned, reported as no match
  EXPECT_TRUE(re->lastTestAborted());
  EXPECT_TRUE(Regex::compile("^.*b$", false)->test(longSubject));  // single-char loops do not recurse
}

}  // namespace
}  // namespace engage::detail
