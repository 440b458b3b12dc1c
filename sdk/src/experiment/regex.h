// A small backtracking regular-expression engine with JavaScript (ECMAScript, non-Unicode-mode)
// syntax, for GrowthBook's $regex/$regexi operators. std::regex is not an option in this core:
// it reports bad patterns by throwing, and the wasm build cannot catch (a throw aborts).
//
// Supported: literals and escapes (\t \n \r \f \v \0 \xHH \uHHHH \cX, identity escapes),
// . \d \D \w \W \s \S, classes [...] [^...] with ranges, ^ $ \b \B, groups ( ), (?: ),
// named groups (?<name> ), lookahead (?= ) (?! ), backreferences \1..\9, quantifiers * + ? {n}
// {n,} {n,m} and their lazy forms. Not supported (compile fails, so the condition is false):
// lookbehind, \p{...}, named backreferences, flags other than case-insensitive.
// Case-insensitive matching folds ASCII, Latin-1, Greek and Cyrillic letters.
//
// Matching is bounded: a match that exceeds `maxSteps` backtracking steps or `maxDepth` nested
// continuations is abandoned and reported as no match (the ReDoS guard).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::detail {

struct RegexLimits {
  uint32_t maxSteps = 100000;  // backtracking steps per test() call
  uint32_t maxDepth = 2000;    // nested continuation frames (bounds the native/wasm stack use)
  uint32_t maxRepeat = 1000;   // largest {n,m} bound accepted by the compiler
};

struct RegexProgram;

class Regex {
 public:
  // nullopt when the pattern is not a valid (supported) JS regular expression.
  static std::optional<Regex> compile(std::string_view pattern, bool ignoreCase,
                                      const RegexLimits& limits = {});

  // RegExp.prototype.test: true when the pattern matches anywhere in the UTF-8 subject.
  bool test(std::string_view subject) const;

  // True when the last test() gave up because of the step or depth limit.
  bool lastTestAborted() const { return aborted_; }

 private:
  explicit Regex(std::shared_ptr<const RegexProgram> program) : program_(std::move(program)) {}
  std::shared_ptr<const RegexProgram> program_;
  mutable bool aborted_ = false;
};

}  // namespace engage::detail
