// The compiled form of a Regex: a tree of nodes in one array (children by index). Internal to
// regex_parser.cpp (which builds it) and regex_matcher.cpp (which runs it).
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "experiment/regex.h"

namespace engage::detail {

enum class RegexOp : uint8_t {
  Empty, Char, Any, Class, Begin, End, WordBoundary, NotWordBoundary,
  Group, Concat, Alternation, Repeat, Lookahead, Backref,
};

struct RegexNode {
  RegexOp op = RegexOp::Empty;
  bool flag = false;  // Repeat: greedy. Lookahead: negative.
  char32_t ch = 0;    // Char: the (case-folded when ignoreCase) code point
  int a = 0;          // Repeat: min. Group: capture index or -1. Class: class index. Backref: group.
  int b = 0;          // Repeat: max, or -1 for unbounded
  std::vector<int> kids;
};

using CodeRange = std::pair<char32_t, char32_t>;  // inclusive

struct CharClass {
  bool negated = false;
  std::vector<CodeRange> ranges;
  std::vector<std::vector<CodeRange>> excludedSets;  // \D \W \S inside brackets: "not in this set"
};

struct RegexProgram {
  std::vector<RegexNode> nodes;
  std::vector<CharClass> classes;
  int root = 0;
  int captureCount = 0;  // groups 1..captureCount
  bool ignoreCase = false;
  bool anchoredStart = false;  // the pattern starts with ^ outside any alternation
  RegexLimits limits;
};

// Built-in sets shared by the parser (for \d \w \s) and the matcher.
const std::vector<CodeRange>& digitSet();
const std::vector<CodeRange>& wordSet();
const std::vector<CodeRange>& spaceSet();
bool inRanges(const std::vector<CodeRange>& ranges, char32_t c);

}  // namespace engage::detail
