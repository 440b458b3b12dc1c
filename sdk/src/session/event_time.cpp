// Event times in logs: the wire format's ISO 8601 "timestamp", or a numeric "ts" in epoch ms.
#include <cctype>

#include "base/json_access.h"
#include "engage/engagement.h"

namespace engage {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t daysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// Reads `width` digits at `pos` into `out`; false if any is not a digit.
bool digits(std::string_view s, size_t pos, size_t width, int64_t& out) {
  if (pos + width > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// Offset from UTC in minutes of "Z", "+HH:MM", "-HHMM" or "+HH" starting at pos; nullopt if malformed.
std::optional<int64_t> zoneMinutes(std::string_view s, size_t pos) {
  if (pos == s.size()) return 0;  // no zone: read as UTC
  if (s[pos] == 'Z' || s[pos] == 'z') return pos + 1 == s.size() ? std::optional<int64_t>(0) : std::nullopt;
  if (s[pos] != '+' && s[pos] != '-') return std::nullopt;
  int64_t sign = s[pos] == '-' ? -1 : 1, hh = 0, mm = 0;
  if (!digits(s, pos + 1, 2, hh)) return std::nullopt;
  size_t next = pos + 3;
  if (next < s.size() && s[next] == ':') ++next;
  if (next < s.size() && !digits(s, next, 2, mm)) return std::nullopt;
  if (next < s.size() && next + 2 != s.size()) return std::nullopt;
  return sign * (hh * 60 + mm);
}

std::optional<int64_t> parseIsoMs(std::string_view s) {
  int64_t y, mo, d, h, mi, sec;
  if (!digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != ' ') || !digits(s, 11, 2, h) || s[13] != ':' ||
      !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  size_t pos = 19;
  int64_t ms = 0;
  if (pos < s.size() && s[pos] == '.') {
    int64_t scale = 100;
    for (++pos; pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])); ++pos, scale /= 10) {
      ms += (s[pos] - '0') * scale;  // digits beyond milliseconds add 0
    }
  }
  std::optional<int64_t> zone = zoneMinutes(s, pos);
  if (!zone) return std::nullopt;
  int64_t seconds = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - *zone * 60;
  return seconds * 1000 + ms;
}

}  // namespace

std::optional<int64_t> eventWallMs(const nlohmann::json& event) {
  const detail::Json* stamp = detail::member(event, "timestamp");
  if (stamp && stamp->is_string()) {
    if (auto ms = parseIsoMs(stamp->get_ref<const std::string&>())) return ms;
  }
  const detail::Json* ts = detail::member(event, "ts");
  if (ts && ts->is_number()) return detail::integerOr(event, "ts", 0);
  return std::nullopt;
}

}  // namespace engage
