#include "range_query.h"

#include "iso_time.h"

namespace engage::collector {
namespace {

constexpr int64_t kDayMs = 86400000;

std::optional<int64_t> parseBound(const std::string& text, bool isEnd) {
  if (!text.empty() && text.size() <= 15 && text.find_first_not_of("0123456789") == std::string::npos) {
    return std::stoll(text);
  }
  if (std::optional<int64_t> date = parseIsoDate(text)) return isEnd ? *date + kDayMs : *date;
  return parseIsoTimestamp(text);
}

}  // namespace

std::optional<TimeRange> parseRangeQuery(const QueryParams& query, std::string* error) {
  TimeRange range;
  for (const char* name : {"from", "to"}) {
    auto it = query.find(name);
    if (it == query.end() || it->second.empty()) continue;
    bool isEnd = std::string(name) == "to";
    std::optional<int64_t> bound = parseBound(it->second, isEnd);
    if (!bound) {
      if (error) *error = std::string(name) + " must be an ISO 8601 date-time with a zone, a date (YYYY-MM-DD) or epoch ms";
      return std::nullopt;
    }
    (isEnd ? range.untilMs : range.fromMs) = *bound;
  }
  if (range.fromMs && range.untilMs && *range.fromMs >= *range.untilMs) {
    if (error) *error = "from must be before to";
    return std::nullopt;
  }
  return range;
}

}  // namespace engage::collector
