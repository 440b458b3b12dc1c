// Parsers for the event-log formats the model builder and the evaluation read. Pure: they take
// one line (or one stored event) and never throw.
#include <cstdlib>

#include "base/json_access.h"
#include "engage/recommend.h"

namespace engage::recommend {
namespace {

using engage::detail::Json;

std::vector<std::string_view> split(std::string_view line, char separator) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    size_t end = line.find(separator, start);
    fields.push_back(line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return fields;
    start = end + 1;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '"')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '"')) s.remove_suffix(1);
  return s;
}

// A non-negative decimal integer with at most 18 digits (no sign, no fraction).
bool parseInt(std::string_view s, int64_t& out) {
  if (s.empty() || s.size() > 18) return false;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t daysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool parseDate(std::string_view s, int64_t& daysOut) {
  int64_t y, m, d;
  if (s.size() < 10 || s[4] != '-' || s[7] != '-' || !parseInt(s.substr(0, 4), y) ||
      !parseInt(s.substr(5, 2), m) || !parseInt(s.substr(8, 2), d) || m < 1 || m > 12 || d < 1 || d > 31) {
    return false;
  }
  daysOut = daysFromCivil(y, m, d);
  return true;
}

std::string idString(const Json* v) {
  if (v == nullptr) return "";
  if (v->is_string()) return v->get<std::string>();
  if (v->is_number_unsigned()) return std::to_string(v->get<uint64_t>());
  if (v->is_number_integer()) return std::to_string(v->get<int64_t>());
  return "";
}

}  // namespace

std::optional<int64_t> parseIsoTimestamp(std::string_view t) {
  int64_t days, hh, mm, ss;
  if (t.size() < 19 || !parseDate(t, days) || (t[10] != 'T' && t[10] != ' ') || t[13] != ':' || t[16] != ':' ||
      !parseInt(t.substr(11, 2), hh) || !parseInt(t.substr(14, 2), mm) || !parseInt(t.substr(17, 2), ss) ||
      hh > 23 || mm > 59 || ss > 60) {
    return std::nullopt;
  }
  size_t pos = 19;
  int64_t millis = 0;
  if (pos < t.size() && t[pos] == '.') {
    int64_t scale = 100;
    for (++pos; pos < t.size() && t[pos] >= '0' && t[pos] <= '9'; ++pos, scale /= 10) millis += (t[pos] - '0') * scale;
  }
  int64_t offsetMin = 0;
  std::string_view zone = t.substr(pos);
  if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int64_t oh, om;
    if (!parseInt(zone.substr(1, 2), oh) || !parseInt(zone.substr(4, 2), om)) return std::nullopt;
    offsetMin = (zone[0] == '+' ? 1 : -1) * (oh * 60 + om);
  } else if (!zone.empty() && zone != "Z") {
    return std::nullopt;
  }
  return ((days * 24 + hh) * 60 + mm - offsetMin) * 60000 + ss * 1000 + millis;
}

bool parseSessionCsvLine(std::string_view line, LogEvent& out) {
  std::vector<std::string_view> f = split(line, ',');
  int64_t ts;
  if (f.size() < 3 || !parseInt(trim(f[2]), ts)) return false;  // also skips a header line
  out = LogEvent{};
  out.session = std::string(trim(f[0]));
  out.item = std::string(trim(f[1]));
  out.tsMs = ts < 100000000000LL ? ts * 1000 : ts;
  if (f.size() > 3) out.category = std::string(trim(f[3]));
  return !out.session.empty() && !out.item.empty();
}

bool parseDigineticaLine(std::string_view line, LogEvent& out) {
  std::vector<std::string_view> f = split(line, ';');
  int64_t timeframe, days;
  if (f.size() < 5 || !parseInt(trim(f[3]), timeframe) || !parseDate(trim(f[4]), days)) return false;
  out = LogEvent{};
  out.session = std::string(trim(f[0]));
  std::string_view user = trim(f[1]);
  if (user != "NA") out.visitor = std::string(user);
  out.item = std::string(trim(f[2]));
  out.tsMs = days * 86400000 + timeframe;
  return !out.session.empty() && !out.item.empty();
}

size_t parseOttoLine(std::string_view line, std::vector<LogEvent>& out) {
  std::optional<Json> j = engage::detail::parseJson(line);
  const Json* events = j ? engage::detail::member(*j, "events") : nullptr;
  std::string visitor = j ? idString(engage::detail::member(*j, "session")) : "";
  if (events == nullptr || !events->is_array() || visitor.empty()) return 0;
  size_t added = 0;
  for (const Json& e : *events) {
    std::string item = idString(engage::detail::member(e, "aid"));
    std::string type = engage::detail::stringOr(e, "type", "");
    int64_t ts = engage::detail::integerOr(e, "ts", -1);
    if (item.empty() || ts < 0) continue;
    LogEvent ev;
    ev.visitor = visitor;
    ev.item = std::move(item);
    ev.tsMs = ts < 100000000000LL ? ts * 1000 : ts;  // the full OTTO set uses seconds
    ev.kind = type == "orders" ? EventKind::Order : type == "carts" ? EventKind::Cart : EventKind::View;
    out.push_back(std::move(ev));
    ++added;
  }
  return added;
}

size_t parseEngageEvent(std::string_view json, std::vector<LogEvent>& out) {
  std::optional<Json> j = engage::detail::parseJson(json);
  if (!j || !j->is_object()) return 0;
  std::string name = engage::detail::stringOr(*j, "event", "");
  EventKind kind;
  if (name == "Product Viewed") kind = EventKind::View;
  else if (name == "Product Added") kind = EventKind::Cart;
  else if (name == "Order Completed") kind = EventKind::Order;
  else return 0;
  std::optional<int64_t> ts = parseIsoTimestamp(engage::detail::stringOr(*j, "timestamp", ""));
  if (!ts) return 0;
  LogEvent base;
  base.visitor = engage::detail::stringOr(*j, "userId", "");
  if (base.visitor.empty()) base.visitor = engage::detail::stringOr(*j, "anonymousId", "");
  std::string session = idString(engage::detail::member(*j, "sessionId"));
  if (!session.empty() && !base.visitor.empty()) base.session = base.visitor + "/" + session;
  base.tsMs = *ts;
  base.kind = kind;
  const Json* props = engage::detail::member(*j, "properties");
  if (props == nullptr) return 0;
  std::vector<const Json*> products;
  const Json* list = engage::detail::member(*props, "products");
  if (list != nullptr && list->is_array()) {
    for (const Json& p : *list) products.push_back(&p);
  } else {
    products.push_back(props);
  }
  size_t added = 0;
  for (const Json* p : products) {
    LogEvent ev = base;
    ev.item = idString(engage::detail::member(*p, "product_id"));
    if (ev.item.empty()) continue;
    ev.category = engage::detail::stringOr(*p, "category", "");
    out.push_back(std::move(ev));
    ++added;
  }
  return added;
}

}  // namespace engage::recommend
