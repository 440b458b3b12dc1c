// deriveFigures() as JSON text: the members of the figures object, written into an open object of
// `out` (metrics() writes them straight into its reply, deriveFigures() parses them).
#pragma once

#include "engage/engagement.h"
#include "metrics/json_writer.h"

namespace engage::detail {

void writeFigures(JsonWriter& out, const EngagementTotals& totals);
void writeTotals(JsonWriter& out, const EngagementTotals& totals);  // totalsToJson() as text

}  // namespace engage::detail
