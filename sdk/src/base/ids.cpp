#include "base/ids.h"


namespace engage::detail {

std::string newUuid(Random& random) {
  uint8_t bytes[16];
  for (int i = 0; i < 16; i += 4) {
    uint32_t r = random.nextU32();
    for (int b = 0; b < 4; ++b) bytes[i + b] = static_cast<uint8_t>(r >> (8 * b));
  }
  bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0F) | 0x40);
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3F) | 0x80);
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(hex[bytes[i] >> 4]);
    out.push_back(hex[bytes[i] & 0x0F]);
  }
  return out;
}

bool isUuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < 36; ++i) {
    const char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

namespace {
// Days since 1970-01-01 to civil date (Howard Hinnant's algorithm).
void civilFromDays(int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}
}  // namespace

std::string isoTimestamp(int64_t epochMs) {
  int64_t days = epochMs >= 0 ? epochMs / 86400000 : (epochMs - 86399999) / 86400000;
  int64_t msOfDay = epochMs - days * 86400000;
  int y;
  unsigned mo, d;
  civilFromDays(days, y, mo, d);
  // Written by hand: this runs for every event, and printf would also cost wasm bytes.
  char buf[25] = "0000-00-00T00:00:00.000Z";
  auto put = [&buf](int at, int64_t value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) buf[at + i] = static_cast<char>('0' + value % 10);
  };
  put(0, y < 0 ? 0 : y % 10000, 4);
  put(5, mo, 2);
  put(8, d, 2);
  put(11, msOfDay / 3600000, 2);
  put(14, msOfDay / 60000 % 60, 2);
  put(17, msOfDay / 1000 % 60, 2);
  put(20, msOfDay % 1000, 3);
  return std::string(buf, 24);
}

}  // namespace engage::detail
