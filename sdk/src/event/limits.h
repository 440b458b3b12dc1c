// Validation limits for what a page hands to track/page/identify/group/alias. One place, documented
// defaults; overridable through configure({limits:{...}}).
#pragma once

#include <cstddef>

namespace engage {

struct EventLimits {
  size_t maxNameLength = 200;        // event, page and trait names, in UTF-8 bytes
  size_t maxDepth = 10;              // nesting of objects/arrays inside properties or traits
  size_t maxEventBytes = 32 * 1024;  // one serialised event, context included (Segment's limit)
  size_t maxIdLength = 256;          // userId, groupId, previousId
};

}  // namespace engage
