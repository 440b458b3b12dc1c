// Compiles a JS regular expression (see regex.h for the supported subset) into a RegexProgram.
// Errors never throw: the parser records failure and compile() returns nullopt.
#include <limits>

#include "experiment/js_value.h"
#include "experiment/regex_program.h"
#include "experiment/utf16.h"

namespace engage::detail {

namespace {

constexpr size_t kMaxNodes = 4096;  // bounds memory for hostile patterns

int hexValue(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
  return -1;
}

// What an escape sequence stands for.
struct Escape {
  enum Kind { Literal, Set, NegatedSet, WordBoundary, NotWordBoundary, Backref } kind = Literal;
  char32_t ch = 0;
  const std::vector<CodeRange>* set = nullptr;
  int group = 0;
};

class Parser {
 public:
  Parser(std::u32string pattern, RegexProgram& program) : p_(std::move(pattern)), prog_(program) {}

  bool run() {
    prog_.root = parseAlternation();
    if (!ok_ || i_ != p_.size()) return false;  // a stray ')' stops the top level early
    for (int group : backrefs_) {
      if (group > prog_.captureCount) return false;
    }
    const RegexNode& root = prog_.nodes[static_cast<size_t>(prog_.root)];
    prog_.anchoredStart = root.op == RegexOp::Concat && !root.kids.empty() &&
                          prog_.nodes[static_cast<size_t>(root.kids[0])].op == RegexOp::Begin;
    return ok_;
  }

 private:
  bool atEnd() const { return i_ >= p_.size(); }
  char32_t peek(size_t ahead = 0) const { return i_ + ahead < p_.size() ? p_[i_ + ahead] : 0; }
  int fail() {
    ok_ = false;
    return 0;
  }

  int add(RegexNode node) {
    if (prog_.nodes.size() >= kMaxNodes) return fail();
    prog_.nodes.push_back(std::move(node));
    return static_cast<int>(prog_.nodes.size() - 1);
  }

  int parseAlternation() {
    RegexNode alt;
    alt.op = RegexOp::Alternation;
    alt.kids.push_back(parseSequence());
    while (ok_ && peek() == '|' && !atEnd()) {
      ++i_;
      alt.kids.push_back(parseSequence());
    }
    if (alt.kids.size() == 1) return alt.kids[0];
    return add(std::move(alt));
  }

  int parseSequence() {
    RegexNode seq;
    seq.op = RegexOp::Concat;
    while (ok_ && !atEnd() && peek() != '|' && peek() != ')') seq.kids.push_back(parseTerm());
    return add(std::move(seq));
  }

  // {n}, {n,}, {n,m} at the cursor. Advances only when the braces form a quantifier.
  bool parseBraces(int& min, int& max) {
    size_t j = i_ + 1;
    auto number = [&](int& out) {
      size_t start = j;
      long long v = 0;
      while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9') {
        v = std::min<long long>(v * 10 + (p_[j] - '0'), std::numeric_limits<int>::max());
        ++j;
      }
      out = static_cast<int>(v);
      return j > start;
    };
    if (!number(min)) return false;
    max = min;
    if (j < p_.size() && p_[j] == ',') {
      ++j;
      if (!number(max)) max = -1;
    }
    if (j >= p_.size() || p_[j] != '}') return false;
    i_ = j + 1;
    return true;
  }

  bool isQuantifierStart() {
    char32_t c = peek();
    if (c == '*' || c == '+' || c == '?') return true;
    if (c != '{') return false;
    size_t save = i_;
    int a = 0, b = 0;
    bool is = parseBraces(a, b);
    i_ = save;
    return is;
  }

  int parseTerm() {
    bool quantifiable = true;
    int atom = parseAtom(quantifiable);
    if (!ok_ || !isQuantifierStart()) return atom;
    if (!quantifiable) return fail();
    int min = 0, max = -1;
    char32_t c = peek();
    if (c == '{') {
      parseBraces(min, max);
    } else {
      ++i_;
      min = c == '+' ? 1 : 0;
      max = c == '?' ? 1 : -1;
    }
    uint32_t limit = prog_.limits.maxRepeat;
    if ((max != -1 && max < min) || static_cast<uint32_t>(min) > limit ||
        (max != -1 && static_cast<uint32_t>(max) > limit)) {
      return fail();
    }
    RegexNode rep;
    rep.op = RegexOp::Repeat;
    rep.a = min, rep.b = max, rep.flag = true;
    if (peek() == '?' && !atEnd()) ++i_, rep.flag = false;
    rep.kids.push_back(atom);
    if (isQuantifierStart()) return fail();  // "nothing to repeat", e.g. a**
    return add(std::move(rep));
  }

  int simple(RegexOp op) {
    RegexNode n;
    n.op = op;
    return add(std::move(n));
  }

  int literal(char32_t c) {
    RegexNode n;
    n.op = RegexOp::Char;
    n.ch = prog_.ignoreCase ? foldCase(c) : c;
    return add(std::move(n));
  }

  int setNode(const std::vector<CodeRange>* set, bool negated) {
    CharClass cls;
    if (negated) {
      cls.excludedSets.push_back(*set);
    } else {
      cls.ranges = *set;
    }
    prog_.classes.push_back(std::move(cls));
    RegexNode n;
    n.op = RegexOp::Class;
    n.a = static_cast<int>(prog_.classes.size() - 1);
    return add(std::move(n));
  }

  int parseAtom(bool& quantifiable) {
    char32_t c = p_[i_++];
    switch (c) {
      case '^': quantifiable = false; return simple(RegexOp::Begin);
      case '$': quantifiable = false; return simple(RegexOp::End);
      case '.': return simple(RegexOp::Any);
      case '(': return parseGroup();
      case '[': return parseClass();
      case '*': case '+': case '?': return fail();
      case '{': {
        --i_;
        if (isQuantifierStart()) return fail();
        ++i_;
        return literal('{');
      }
      case '\\': {
        Escape e = parseEscape(false);
        switch (e.kind) {
          case Escape::Literal: return literal(e.ch);
          case Escape::Set: return setNode(e.set, false);
          case Escape::NegatedSet: return setNode(e.set, true);
          case Escape::WordBoundary: quantifiable = false; return simple(RegexOp::WordBoundary);
          case Escape::NotWordBoundary: quantifiable = false; return simple(RegexOp::NotWordBoundary);
          case Escape::Backref: {
            RegexNode n;
            n.op = RegexOp::Backref;
            n.a = e.group;
            backrefs_.push_back(e.group);
            return add(std::move(n));
          }
        }
        return fail();
      }
      default: return literal(c);
    }
  }

  int parseGroup() {
    RegexNode g;
    g.op = RegexOp::Group;
    g.a = -1;
    if (peek() == '?') {
      char32_t kind = peek(1);
      if (kind == ':') {
        i_ += 2;
      } else if (kind == '=' || kind == '!') {
        g.op = RegexOp::Lookahead;
        g.flag = kind == '!';
        i_ += 2;
      } else if (kind == '<' && peek(2) != '=' && peek(2) != '!') {
        i_ += 2;  // named group: skip the name, capture as a numbered group
        while (!atEnd() && peek() != '>') ++i_;
        if (atEnd()) return fail();
        ++i_;
        g.a = ++prog_.captureCount;
      } else {
        return fail();  // lookbehind and unknown group kinds
      }
    } else {
      g.a = ++prog_.captureCount;
    }
    g.kids.push_back(parseAlternation());
    if (!ok_ || peek() != ')' || atEnd()) return fail();
    ++i_;
    return add(std::move(g));
  }

  Escape parseEscape(bool inClass) {
    Escape e;
    if (atEnd()) {
      fail();  // a trailing backslash
      return e;
    }
    char32_t c = p_[i_++];
    switch (c) {
      case 'd': e.kind = Escape::Set, e.set = &digitSet(); return e;
      case 'D': e.kind = Escape::NegatedSet, e.set = &digitSet(); return e;
      case 'w': e.kind = Escape::Set, e.set = &wordSet(); return e;
      case 'W': e.kind = Escape::NegatedSet, e.set = &wordSet(); return e;
      case 's': e.kind = Escape::Set, e.set = &spaceSet(); return e;
      case 'S': e.kind = Escape::NegatedSet, e.set = &spaceSet(); return e;
      case 'b':
        if (inClass) e.ch = 0x08; else e.kind = Escape::WordBoundary;
        return e;
      case 'B':
        if (inClass) fail(); else e.kind = Escape::NotWordBoundary;
        return e;
      case 't': e.ch = '\t'; return e;
      case 'n': e.ch = '\n'; return e;
      case 'r': e.ch = '\r'; return e;
      case 'f': e.ch = '\f'; return e;
      case 'v': e.ch = '\v'; return e;
      case 'c':
        if ((peek() | 0x20) >= 'a' && (peek() | 0x20) <= 'z' && !atEnd()) {
          e.ch = p_[i_++] % 32;
        } else {
          e.ch = '\\', --i_;  // Annex B: "\c" not followed by a letter is a literal backslash
        }
        return e;
      case 'x': case 'u': {
        size_t digits = c == 'x' ? 2 : 4;
        char32_t v = 0;
        for (size_t k = 0; k < digits; ++k) {
          int h = hexValue(peek(k));
          if (h < 0 || i_ + k >= p_.size()) {
            e.ch = c;  // Annex B identity escape: "\x" without two hex digits is "x"
            return e;
          }
          v = v * 16 + static_cast<char32_t>(h);
        }
        i_ += digits;
        e.ch = v;
        return e;
      }
      default: break;
    }
    if (c == '0' && !(peek() >= '0' && peek() <= '9')) return e;  // \0 is NUL
    if (c >= '1' && c <= '9' && !inClass) {
      e.kind = Escape::Backref;
      e.group = static_cast<int>(c - '0');
      return e;
    }
    if (c >= '0' && c <= '9') {
      fail();  // octal escapes are not supported
      return e;
    }
    e.ch = c;  // identity escape
    return e;
  }

  int parseClass() {
    CharClass cls;
    if (peek() == '^' && !atEnd()) cls.negated = true, ++i_;
    while (ok_ && !atEnd() && peek() != ']') {
      Escape lo = classAtom();
      if (peek() == '-' && peek(1) != ']' && i_ + 1 < p_.size()) {
        size_t save = i_;
        ++i_;
        Escape hi = classAtom();
        if (lo.kind == Escape::Literal && hi.kind == Escape::Literal) {
          if (hi.ch < lo.ch) return fail();
          cls.ranges.emplace_back(lo.ch, hi.ch);
          continue;
        }
        i_ = save;  // Annex B: a set next to '-' makes the '-' literal
      }
      addClassItem(cls, lo);
    }
    if (!ok_ || atEnd()) return fail();
    ++i_;  // ']'
    prog_.classes.push_back(std::move(cls));
    RegexNode n;
    n.op = RegexOp::Class;
    n.a = static_cast<int>(prog_.classes.size() - 1);
    return add(std::move(n));
  }

  Escape classAtom() {
    char32_t c = p_[i_++];
    if (c == '\\') return parseEscape(true);
    Escape e;
    e.ch = c;
    return e;
  }

  static void addClassItem(CharClass& cls, const Escape& e) {
    if (e.kind == Escape::Set) {
      cls.ranges.insert(cls.ranges.end(), e.set->begin(), e.set->end());
    } else if (e.kind == Escape::NegatedSet) {
      cls.excludedSets.push_back(*e.set);
    } else {
      cls.ranges.emplace_back(e.ch, e.ch);
    }
  }

  std::u32string p_;
  RegexProgram& prog_;
  size_t i_ = 0;
  bool ok_ = true;
  std::vector<int> backrefs_;
};

}  // namespace

std::optional<Regex> Regex::compile(std::string_view pattern, bool ignoreCase,
                                    const RegexLimits& limits) {
  std::u32string cps;
  size_t i = 0;
  while (i < pattern.size()) cps.push_back(decodeUtf8(pattern, i));
  auto program = std::make_shared<RegexProgram>();
  program->ignoreCase = ignoreCase;
  program->limits = limits;
  Parser parser(std::move(cps), *program);
  if (!parser.run()) return std::nullopt;
  return Regex(std::move(program));
}

}  // namespace engage::detail
