// Version comparison for the $veq/$vne/$vgt/$vgte/$vlt/$vlte operators, as GrowthBook's
// paddedVersionString: "v1.2.3-rc.1+build" -> parts [1,2,3,rc,1]; a plain x.y.z gets a "~" part
// so that it sorts after its pre-releases; numeric parts are left-padded to width 5 so that the
// padded strings compare correctly as plain strings.
#pragma once

#include <string>
#include <vector>

#include "base/json_access.h"

namespace engage::detail {

std::string paddedVersionString(const Json& input);

}  // namespace engage::detail
