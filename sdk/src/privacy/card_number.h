// Card-number detection (digit runs, Luhn, network prefix, GTIN-13 exclusion); see pii_scan.h.
#pragma once

#include <string_view>

#include "privacy/pii_scan.h"

namespace engage::detail {

// s[i] is a digit at a word boundary. Appends card-number spans found in the digit run starting at
// i (groups joined by single separators) and returns the index just past the run.
size_t scanCardRun(std::string_view s, size_t i, size_t end, Spans& out);

}  // namespace engage::detail
