// Card numbers: digit runs with optional single separators (space, dash, '+' or %20 as URLs encode a
// space) checked with Luhn. Order ids and other numbers that fail the checks are kept.
#include "privacy/card_number.h"

namespace engage::detail {

bool luhnValid(const char* digits, size_t n) {
  int sum = 0;
  bool twice = false;
  for (size_t i = n; i-- > 0;) {
    int d = digits[i] - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool gtin13Valid(const char* digits) {
  int sum = 0;
  for (int i = 0; i < 12; ++i) sum += (digits[i] - '0') * (i % 2 == 0 ? 1 : 3);
  return (10 - sum % 10) % 10 == digits[12] - '0';
}

bool isCardNumber(const char* digits, size_t n) {
  if (n < 13 || n > 19 || digits[0] < '2' || digits[0] > '6') return false;
  if (!luhnValid(digits, n)) return false;
  return !(n == 13 && gtin13Valid(digits));
}

bool isCardNumber(uint64_t value) {
  char buf[20];
  size_t n = 0;
  for (; value > 0 && n < sizeof(buf); value /= 10) buf[n++] = static_cast<char>('0' + value % 10);
  for (size_t i = 0; i < n / 2; ++i) std::swap(buf[i], buf[n - 1 - i]);
  return isCardNumber(buf, n);
}

namespace {

constexpr size_t kMaxGroups = 24;

struct DigitRun {
  size_t groupBegin[kMaxGroups], groupEnd[kMaxGroups];
  size_t groups = 0;
  size_t end = 0;  // where scanning resumes
};

// Length of a separator at i (0 when none): one of ' ', '-', '+' or "%20".
size_t separatorAt(std::string_view s, size_t i, size_t end) {
  if (i >= end) return 0;
  if (s[i] == ' ' || s[i] == '-' || s[i] == '+') return 1;
  if (s[i] == '%' && i + 2 < end && s[i + 1] == '2' && s[i + 2] == '0') return 3;
  return 0;
}

DigitRun readRun(std::string_view s, size_t i, size_t end) {
  DigitRun run;
  while (true) {
    size_t g = i;
    while (i < end && isDigit(s[i])) ++i;
    if (run.groups < kMaxGroups) {
      run.groupBegin[run.groups] = g;
      run.groupEnd[run.groups] = i;
      ++run.groups;
    }
    size_t sep = separatorAt(s, i, end);
    if (sep == 0 || i + sep >= end || !isDigit(s[i + sep])) break;
    i += sep;
  }
  run.end = i;
  // Digits glued to letters ("4111...x") are not a bounded number: drop the last group.
  if (i < end && isAlpha(s[i])) --run.groups;
  return run;
}

}  // namespace

size_t scanCardRun(std::string_view s, size_t i, size_t end, Spans& out) {
  DigitRun run = readRun(s, i, end);
  for (size_t a = 0; a < run.groups;) {
    char digits[19];
    size_t n = 0, best = a;
    bool found = false;
    for (size_t b = a; b < run.groups; ++b) {
      size_t len = run.groupEnd[b] - run.groupBegin[b];
      if (n + len > 19) break;
      for (size_t k = run.groupBegin[b]; k < run.groupEnd[b]; ++k) digits[n++] = s[k];
      if (isCardNumber(digits, n)) {
        best = b;  // keep the longest valid window starting at group a
        found = true;
      }
    }
    if (found) {
      out.push_back({run.groupBegin[a], run.groupEnd[best], PiiKind::Card});
      a = best + 1;
    } else {
      ++a;
    }
  }
  return run.end;
}

}  // namespace engage::detail
