// GrowthBook's MongoDB-style targeting conditions (mongrule.ts): evalCondition(attributes,
// condition) with $and $or $nor $not, per-path operators ($eq $ne $lt $lte $gt $gte $in $nin $ini
// $nini $all $alli $elemMatch $size $exists $type $regex $regexi $not $veq $vne $vgt $vgte $vlt
// $vlte $inGroup $notInGroup) and literal equality. JS coercion rules are reproduced by
// js_value.h. Unknown operators make the condition false, as in the reference SDK.
#pragma once

#include <string_view>

#include "base/json_access.h"
#include "experiment/regex_cache.h"

namespace engage::detail {

struct ConditionContext {
  const Json* savedGroups = nullptr;  // {"groupId": [values...]} for $inGroup / $notInGroup
  RegexCache* regexCache = nullptr;   // required for $regex / $regexi; without one they are false
};

bool evalCondition(const Json& obj, const Json& condition, const ConditionContext& ctx);

// The value at a dot-separated path ("father.age"; array indexes as "tags.0"), or a JSON null
// when any step is missing (the JS SDK returns null there too).
const Json& getPath(const Json& obj, std::string_view path);

}  // namespace engage::detail
