#include "experiment/condition.h"

#include <utility>

#include "experiment/js_value.h"
#include "experiment/version_string.h"

namespace engage::detail {

namespace {

const Json kNull;  // what a missing path resolves to
const Json kEmptyArray = Json::array();

bool evalConditionValue(const Json& condition, const Json& value, const ConditionContext& ctx,
                        bool insensitive);

// An object whose keys all start with '$' (and that has at least one key).
bool isOperatorObject(const Json& j) {
  if (!j.is_object() || j.empty()) return false;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key().empty() || it.key()[0] != '$') return false;
  }
  return true;
}

bool evalOr(const Json& obj, const Json& conditions, const ConditionContext& ctx) {
  if (!conditions.is_array() || conditions.empty()) return true;
  for (const Json& c : conditions) {
    if (evalCondition(obj, c, ctx)) return true;
  }
  return false;
}

bool evalAnd(const Json& obj, const Json& conditions, const ConditionContext& ctx) {
  if (!conditions.is_array()) return true;
  for (const Json& c : conditions) {
    if (!evalCondition(obj, c, ctx)) return false;
  }
  return true;
}

Json caseFolded(const Json& v) {
  return v.is_string() ? Json(jsToLowerCase(v.get_ref<const std::string&>())) : v;
}

// expected.includes(actual), or an intersection when actual is an array.
bool isIn(const Json& actual, const Json& expected, bool insensitive) {
  auto contains = [&](const Json& item) {
    Json folded = insensitive ? caseFolded(item) : Json();
    const Json& needle = insensitive ? folded : item;
    for (const Json& e : expected) {
      if (insensitive ? jsStrictEquals(needle, caseFolded(e)) : jsStrictEquals(needle, e)) return true;
    }
    return false;
  };
  if (actual.is_array()) {
    for (const Json& el : actual) {
      if (contains(el)) return true;
    }
    return false;
  }
  return contains(actual);
}

bool isInAll(const Json& actual, const Json& expected, const ConditionContext& ctx, bool insensitive) {
  if (!actual.is_array()) return false;
  for (const Json& e : expected) {
    bool passed = false;
    for (const Json& a : actual) {
      if (evalConditionValue(e, a, ctx, insensitive)) {
        passed = true;
        break;
      }
    }
    if (!passed) return false;
  }
  return true;
}

bool elemMatch(const Json& actual, const Json& expected, const ConditionContext& ctx) {
  if (!actual.is_array()) return false;
  bool operatorForm = isOperatorObject(expected);
  for (const Json& item : actual) {
    if (!jsTruthy(item)) continue;  // `actual[i] && check(actual[i])`
    if (operatorForm ? evalConditionValue(expected, item, ctx, false) : evalCondition(item, expected, ctx)) {
      return true;
    }
  }
  return false;
}

const Json& savedGroup(const Json& key, const ConditionContext& ctx) {
  if (!ctx.savedGroups || !key.is_string()) return kEmptyArray;
  const Json* group = member(*ctx.savedGroups, key.get_ref<const std::string&>());
  return group && group->is_array() ? *group : kEmptyArray;
}

bool regexTest(const Json& actual, const Json& pattern, bool ignoreCase, const ConditionContext& ctx) {
  if (!pattern.is_string() || !ctx.regexCache) return false;
  const Regex* re = ctx.regexCache->get(pattern.get_ref<const std::string&>(), ignoreCase);
  return re && re->test(jsToString(actual));
}

enum class Op {
  Unknown, Veq, Vne, Vgt, Vgte, Vlt, Vlte, Eq, Ne, Lt, Lte, Gt, Gte, Exists, In, Ini, Nin, Nini,
  InGroup, NotInGroup, Not, Size, ElemMatch, All, Alli, Regex, Regexi, Type,
};

// One table lookup instead of a chain of string comparisons (operators run on every evaluation).
Op operatorOf(const std::string& name) {
  static const std::pair<const char*, Op> kOps[] = {
      {"$veq", Op::Veq}, {"$vne", Op::Vne}, {"$vgt", Op::Vgt}, {"$vgte", Op::Vgte}, {"$vlt", Op::Vlt},
      {"$vlte", Op::Vlte}, {"$eq", Op::Eq}, {"$ne", Op::Ne}, {"$lt", Op::Lt}, {"$lte", Op::Lte},
      {"$gt", Op::Gt}, {"$gte", Op::Gte}, {"$exists", Op::Exists}, {"$in", Op::In}, {"$ini", Op::Ini},
      {"$nin", Op::Nin}, {"$nini", Op::Nini}, {"$inGroup", Op::InGroup}, {"$notInGroup", Op::NotInGroup},
      {"$not", Op::Not}, {"$size", Op::Size}, {"$elemMatch", Op::ElemMatch}, {"$all", Op::All},
      {"$alli", Op::Alli}, {"$regex", Op::Regex}, {"$regexi", Op::Regexi}, {"$type", Op::Type}};
  if (name.size() < 3 || name[0] != '$') return Op::Unknown;
  for (const auto& [text, op] : kOps) {
    if (text[1] == name[1] && name == text) return op;
  }
  return Op::Unknown;
}

int versionOrder(const Json& actual, const Json& expected) {
  return compareUtf16(paddedVersionString(actual), paddedVersionString(expected));
}

bool evalOperator(const std::string& name, const Json& actual, const Json& expected,
                  const ConditionContext& ctx) {
  switch (operatorOf(name)) {
    case Op::Veq: return versionOrder(actual, expected) == 0;
    case Op::Vne: return versionOrder(actual, expected) != 0;
    case Op::Vgt: return versionOrder(actual, expected) > 0;
    case Op::Vgte: return versionOrder(actual, expected) >= 0;
    case Op::Vlt: return versionOrder(actual, expected) < 0;
    case Op::Vlte: return versionOrder(actual, expected) <= 0;
    case Op::Eq: return jsStrictEquals(actual, expected);
    case Op::Ne: return !jsStrictEquals(actual, expected);
    case Op::Lt: return jsCompare(actual, expected, JsCompare::Less);
    case Op::Lte: return jsCompare(actual, expected, JsCompare::LessEqual);
    case Op::Gt: return jsCompare(actual, expected, JsCompare::Greater);
    case Op::Gte: return jsCompare(actual, expected, JsCompare::GreaterEqual);
    case Op::Exists: return jsTruthy(expected) ? !actual.is_null() : actual.is_null();
    case Op::In: return expected.is_array() && isIn(actual, expected, false);
    case Op::Ini: return expected.is_array() && isIn(actual, expected, true);
    case Op::Nin: return expected.is_array() && !isIn(actual, expected, false);
    case Op::Nini: return expected.is_array() && !isIn(actual, expected, true);
    case Op::InGroup: return isIn(actual, savedGroup(expected, ctx), false);
    case Op::NotInGroup: return !isIn(actual, savedGroup(expected, ctx), false);
    case Op::Not: return !evalConditionValue(expected, actual, ctx, false);
    case Op::Size: return actual.is_array() && evalConditionValue(expected, Json(actual.size()), ctx, false);
    case Op::ElemMatch: return elemMatch(actual, expected, ctx);
    case Op::All: return expected.is_array() && isInAll(actual, expected, ctx, false);
    case Op::Alli: return expected.is_array() && isInAll(actual, expected, ctx, true);
    case Op::Regex: return regexTest(actual, expected, false, ctx);
    case Op::Regexi: return regexTest(actual, expected, true, ctx);
    case Op::Type: return expected.is_string() && expected.get_ref<const std::string&>() == jsTypeName(actual);
    case Op::Unknown: break;
  }
  return false;  // unknown operator
}

bool evalConditionValue(const Json& condition, const Json& value, const ConditionContext& ctx,
                        bool insensitive) {
  if (condition.is_string()) {
    const std::string& expected = condition.get_ref<const std::string&>();
    if (insensitive) return jsToLowerCase(jsToString(value)) == jsToLowerCase(expected);
    return value.is_string() ? value.get_ref<const std::string&>() == expected : jsToString(value) == expected;
  }
  if (condition.is_number()) return jsToNumber(value) == condition.get<double>();
  if (condition.is_boolean()) return !value.is_null() && jsTruthy(value) == condition.get<bool>();
  if (condition.is_null()) return value.is_null();
  if (condition.is_array() || !isOperatorObject(condition)) return jsJsonEquals(value, condition);
  for (auto it = condition.begin(); it != condition.end(); ++it) {
    if (!evalOperator(it.key(), value, *it, ctx)) return false;
  }
  return true;
}

}  // namespace

const Json& getPath(const Json& obj, std::string_view path) {
  const Json* current = &obj;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    std::string_view part = path.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (current->is_object()) {
      auto it = current->find(part);
      if (it == current->end()) return kNull;
      current = &*it;
    } else if (current->is_array()) {
      // `"2" in array`: canonical non-negative integer indexes below the length
      bool canonical = !part.empty() && part.size() <= 9 && (part.size() == 1 || part[0] != '0');
      size_t index = 0;
      for (char c : part) {
        canonical = canonical && c >= '0' && c <= '9';
        index = index * 10 + static_cast<size_t>(c - '0');
      }
      if (!canonical || index >= current->size()) return kNull;
      current = &(*current)[index];
    } else {
      return kNull;
    }
    if (dot == std::string_view::npos) return *current;
    start = dot + 1;
  }
}

bool evalCondition(const Json& obj, const Json& condition, const ConditionContext& ctx) {
  if (!condition.is_object()) return false;
  for (auto it = condition.begin(); it != condition.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = *it;
    if (key == "$or") {
      if (!evalOr(obj, v, ctx)) return false;
    } else if (key == "$nor") {
      if (evalOr(obj, v, ctx)) return false;
    } else if (key == "$and") {
      if (!evalAnd(obj, v, ctx)) return false;
    } else if (key == "$not") {
      if (evalCondition(obj, v, ctx)) return false;
    } else if (!evalConditionValue(v, getPath(obj, key), ctx, false)) {
      return false;
    }
  }
  return true;
}

}  // namespace engage::detail
