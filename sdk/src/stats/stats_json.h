// Names shared by the JSON writer and reader of the stats types.
#pragma once

#include <optional>
#include <string>

#include "engage/stats.h"

namespace engage::detail {

const char* metricTypeName(stats::MetricType type);
std::optional<stats::MetricType> metricTypeFromName(const std::string& name);
const char* proportionTestName(stats::ProportionTest test);
std::optional<stats::ProportionTest> proportionTestFromName(const std::string& name);

}  // namespace engage::detail
