// Runs a RegexProgram by backtracking with explicit continuations: match(node, pos, k) matches
// `node` at `pos` and then whatever the continuation chain k asks for. Continuations live on the
// C++ stack, so every frame is bounded by RegexLimits::maxDepth and the total work by maxSteps.
#include <string>

#include "experiment/js_value.h"
#include "experiment/regex_program.h"
#include "experiment/utf16.h"

namespace engage::detail {

const std::vector<CodeRange>& digitSet() {
  static const std::vector<CodeRange> set{{'0', '9'}};
  return set;
}

const std::vector<CodeRange>& wordSet() {
  static const std::vector<CodeRange> set{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
  return set;
}

const std::vector<CodeRange>& spaceSet() {
  static const std::vector<CodeRange> set{{0x09, 0x0D}, {0x20, 0x20}, {0xA0, 0xA0}, {0x1680, 0x1680},
                                          {0x2000, 0x200A}, {0x2028, 0x2029}, {0x202F, 0x202F},
                                          {0x205F, 0x205F}, {0x3000, 0x3000}, {0xFEFF, 0xFEFF}};
  return set;
}

bool inRanges(const std::vector<CodeRange>& ranges, char32_t c) {
  for (const CodeRange& r : ranges) {
    if (c >= r.first && c <= r.second) return true;
  }
  return false;
}

namespace {

// The inverse of foldCase for the scripts it covers (lower -> upper).
char32_t unfoldCase(char32_t c) {
  if (c >= 'a' && c <= 'z') return c - 32;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
  if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) return c - 32;
  if (c >= 0x430 && c <= 0x44F) return c - 32;
  if (c >= 0x450 && c <= 0x45F) return c - 80;
  return c;
}

bool isLineTerminator(char32_t c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }

struct Cont {
  enum Kind { Accept, Sequence, RepeatIteration, GroupEnd } kind = Accept;
  int node = 0;
  const Cont* next = nullptr;
  int index = 0;     // Sequence: next child. RepeatIteration: iterations done, this one included.
  size_t start = 0;  // RepeatIteration: where this iteration started. GroupEnd: unused.
};

class Matcher {
 public:
  Matcher(const RegexProgram& prog, const std::u32string& subject)
      : prog_(prog), s_(subject), caps_(static_cast<size_t>(prog.captureCount + 1) * 2, kUnset) {}

  bool matchAt(size_t pos) {
    std::fill(caps_.begin(), caps_.end(), kUnset);
    Cont accept;
    return match(prog_.root, pos, &accept);
  }

  bool aborted() const { return aborted_; }

 private:
  static constexpr size_t kUnset = static_cast<size_t>(-1);

  // RAII depth accounting for one recursion frame.
  struct Frame {
    explicit Frame(Matcher& m) : m_(m) { ++m_.depth_; }
    ~Frame() { --m_.depth_; }
    Matcher& m_;
  };

  const RegexNode& node(int i) const { return prog_.nodes[static_cast<size_t>(i)]; }

  bool charMatches(const RegexNode& n, char32_t c) const {
    switch (n.op) {
      case RegexOp::Char: return (prog_.ignoreCase ? foldCase(c) : c) == n.ch;
      case RegexOp::Any: return !isLineTerminator(c);
      case RegexOp::Class: {
        const CharClass& cls = prog_.classes[static_cast<size_t>(n.a)];
        bool in = classContains(cls, c);
        if (!in && prog_.ignoreCase) in = classContains(cls, foldCase(c)) || classContains(cls, unfoldCase(c));
        return in != cls.negated;
      }
      default: return false;
    }
  }

  static bool classContains(const CharClass& cls, char32_t c) {
    if (inRanges(cls.ranges, c)) return true;
    for (const auto& set : cls.excludedSets) {
      if (!inRanges(set, c)) return true;
    }
    return false;
  }

  bool isWordAt(size_t pos) const {
    return pos < s_.size() && inRanges(wordSet(), s_[pos]);
  }

  bool budgetExceeded() {
    if (++steps_ > prog_.limits.maxSteps || depth_ > prog_.limits.maxDepth) aborted_ = true;
    return aborted_;
  }

  bool proceed(const Cont* k, size_t pos) {
    Frame frame(*this);
    if (budgetExceeded()) return false;
    switch (k->kind) {
      case Cont::Accept: return true;
      case Cont::Sequence: {
        const RegexNode& seq = node(k->node);
        if (static_cast<size_t>(k->index) == seq.kids.size()) return proceed(k->next, pos);
        Cont c{Cont::Sequence, k->node, k->next, k->index + 1, 0};
        return match(seq.kids[static_cast<size_t>(k->index)], pos, &c);
      }
      case Cont::RepeatIteration: {
        const RegexNode& rep = node(k->node);
        // An iteration beyond the minimum that consumed nothing fails (ECMAScript RepeatMatcher).
        if (pos == k->start && k->index > rep.a) return false;
        return repeat(k->node, k->index, pos, k->next);
      }
      case Cont::GroupEnd: {
        size_t slot = static_cast<size_t>(node(k->node).a) * 2 + 1;
        size_t saved = caps_[slot];
        caps_[slot] = pos;
        if (proceed(k->next, pos)) return true;
        caps_[slot] = saved;
        return false;
      }
    }
    return false;
  }

  bool repeat(int nodeIndex, int count, size_t pos, const Cont* k) {
    const RegexNode& rep = node(nodeIndex);
    bool canMore = rep.b < 0 || count < rep.b;
    auto more = [&] {
      if (!canMore) return false;
      Cont c{Cont::RepeatIteration, nodeIndex, k, count + 1, pos};
      return match(rep.kids[0], pos, &c);
    };
    auto stop = [&] { return count >= rep.a && proceed(k, pos); };
    return rep.flag ? (more() || stop()) : (stop() || more());
  }

  // Repetition of a single-character node without recursion per character.
  bool repeatSingle(const RegexNode& rep, size_t pos, const Cont* k) {
    const RegexNode& item = node(rep.kids[0]);
    size_t limit = rep.b < 0 ? s_.size() - pos : std::min<size_t>(static_cast<size_t>(rep.b), s_.size() - pos);
    size_t count = 0;
    while (count < limit && charMatches(item, s_[pos + count])) ++count;
    size_t min = static_cast<size_t>(rep.a);
    if (count < min) return false;
    if (rep.flag) {
      for (size_t n = count + 1; n-- > min;) {
        if (proceed(k, pos + n)) return true;
        if (aborted_) return false;
      }
    } else {
      for (size_t n = min; n <= count; ++n) {
        if (proceed(k, pos + n)) return true;
        if (aborted_) return false;
      }
    }
    return false;
  }

  bool match(int nodeIndex, size_t pos, const Cont* k) {
    Frame frame(*this);
    if (budgetExceeded()) return false;
    const RegexNode& n = node(nodeIndex);
    switch (n.op) {
      case RegexOp::Empty: return proceed(k, pos);
      case RegexOp::Char:
      case RegexOp::Any:
      case RegexOp::Class: return pos < s_.size() && charMatches(n, s_[pos]) && proceed(k, pos + 1);
      case RegexOp::Begin: return pos == 0 && proceed(k, pos);
      case RegexOp::End: return pos == s_.size() && proceed(k, pos);
      case RegexOp::WordBoundary:
      case RegexOp::NotWordBoundary: {
        bool boundary = (pos > 0 && isWordAt(pos - 1)) != isWordAt(pos);
        return boundary == (n.op == RegexOp::WordBoundary) && proceed(k, pos);
      }
      case RegexOp::Concat: {
        if (n.kids.empty()) return proceed(k, pos);
        Cont c{Cont::Sequence, nodeIndex, k, 1, 0};
        return match(n.kids[0], pos, &c);
      }
      case RegexOp::Alternation:
        for (int kid : n.kids) {
          if (match(kid, pos, k)) return true;
          if (aborted_) return false;
        }
        return false;
      case RegexOp::Group: return group(nodeIndex, pos, k);
      case RegexOp::Repeat: {
        RegexOp item = node(n.kids[0]).op;
        if (item == RegexOp::Char || item == RegexOp::Any || item == RegexOp::Class) {
          return repeatSingle(n, pos, k);
        }
        return repeat(nodeIndex, 0, pos, k);
      }
      case RegexOp::Lookahead: return lookahead(n, pos, k);
      case RegexOp::Backref: return backref(n, pos, k);
    }
    return false;
  }

  bool group(int nodeIndex, size_t pos, const Cont* k) {
    const RegexNode& n = node(nodeIndex);
    if (n.a < 0) return match(n.kids[0], pos, k);
    size_t slot = static_cast<size_t>(n.a) * 2;
    size_t savedStart = caps_[slot];
    size_t savedEnd = caps_[slot + 1];
    caps_[slot] = pos;
    Cont c{Cont::GroupEnd, nodeIndex, k, 0, 0};
    if (match(n.kids[0], pos, &c)) return true;
    caps_[slot] = savedStart;
    caps_[slot + 1] = savedEnd;
    return false;
  }

  bool lookahead(const RegexNode& n, size_t pos, const Cont* k) {
    std::vector<size_t> saved = caps_;
    Cont accept;
    bool found = match(n.kids[0], pos, &accept);
    if (aborted_) return false;
    if (n.flag) {  // negative: captures inside never survive
      caps_ = saved;
      return !found && proceed(k, pos);
    }
    if (found && proceed(k, pos)) return true;
    caps_ = saved;
    return false;
  }

  bool backref(const RegexNode& n, size_t pos, const Cont* k) {
    size_t start = caps_[static_cast<size_t>(n.a) * 2];
    size_t end = caps_[static_cast<size_t>(n.a) * 2 + 1];
    if (start == kUnset || end == kUnset || end < start) return proceed(k, pos);  // empty match
    size_t len = end - start;
    if (pos + len > s_.size()) return false;
    for (size_t i = 0; i < len; ++i) {
      char32_t a = s_[start + i], b = s_[pos + i];
      if (prog_.ignoreCase ? foldCase(a) != foldCase(b) : a != b) return false;
    }
    return proceed(k, pos + len);
  }

  const RegexProgram& prog_;
  const std::u32string& s_;
  std::vector<size_t> caps_;
  uint32_t steps_ = 0;
  uint32_t depth_ = 0;
  bool aborted_ = false;
};

}  // namespace

bool Regex::test(std::string_view subject) const {
  std::u32string text;
  text.reserve(subject.size());
  size_t i = 0;
  while (i < subject.size()) text.push_back(decodeUtf8(subject, i));
  Matcher matcher(*program_, text);
  aborted_ = false;
  size_t lastStart = program_->anchoredStart ? 0 : text.size();
  for (size_t start = 0; start <= lastStart; ++start) {
    if (matcher.matchAt(start)) return true;
    if (matcher.aborted()) {
      aborted_ = true;
      return false;
    }
  }
  return false;
}

}  // namespace engage::detail
