#include "recommend/byte_io.h"

#include <array>

namespace engage::recommend::detail {
namespace {

// Slicing-by-8 tables: table[k][b] is the CRC of byte b followed by k zero bytes. Eight bytes
// per step keeps verifying a 2 MB model to about a millisecond.
using CrcTables = std::array<std::array<uint32_t, 256>, 8>;

CrcTables makeCrcTables() {
  CrcTables t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[0][i] = c;
  }
  for (uint32_t i = 0; i < 256; ++i) {
    for (int k = 1; k < 8; ++k) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFFu];
  }
  return t;
}

uint32_t load32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 | static_cast<uint32_t>(p[2]) << 16 |
         static_cast<uint32_t>(p[3]) << 24;
}

}  // namespace

uint32_t crc32(const uint8_t* data, size_t size) {
  static const CrcTables t = makeCrcTables();
  uint32_t c = 0xFFFFFFFFu;
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint32_t lo = load32(data + i) ^ c, hi = load32(data + i + 4);
    c = t[7][lo & 0xFFu] ^ t[6][(lo >> 8) & 0xFFu] ^ t[5][(lo >> 16) & 0xFFu] ^ t[4][lo >> 24] ^
        t[3][hi & 0xFFu] ^ t[2][(hi >> 8) & 0xFFu] ^ t[1][(hi >> 16) & 0xFFu] ^ t[0][hi >> 24];
  }
  for (; i < size; ++i) c = t[0][(c ^ data[i]) & 0xFFu] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void ByteWriter::u16(uint16_t v) {
  u8(static_cast<uint8_t>(v));
  u8(static_cast<uint8_t>(v >> 8));
}

void ByteWriter::u32(uint32_t v) {
  for (int i = 0; i < 4; ++i) u8(static_cast<uint8_t>(v >> (8 * i)));
}

void ByteWriter::varint(uint64_t v) {
  while (v >= 0x80) {
    u8(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  u8(static_cast<uint8_t>(v));
}

void ByteWriter::string(std::string_view s) {
  varint(s.size());
  bytes_.insert(bytes_.end(), s.begin(), s.end());
}

void ByteWriter::append(const std::vector<uint8_t>& other) {
  bytes_.insert(bytes_.end(), other.begin(), other.end());
}

void ByteWriter::patchU32(size_t offset, uint32_t v) {
  for (int i = 0; i < 4; ++i) bytes_[offset + i] = static_cast<uint8_t>(v >> (8 * i));
}

bool ByteReader::need(size_t n) {
  if (!ok_ || size_ - pos_ < n) {
    ok_ = false;
    return false;
  }
  return true;
}

uint16_t ByteReader::u16() {
  if (!need(2)) return 0;
  uint16_t v = static_cast<uint16_t>(data_[pos_] | (data_[pos_ + 1] << 8));
  pos_ += 2;
  return v;
}

uint32_t ByteReader::u32() {
  if (!need(4)) return 0;
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(data_[pos_ + i]) << (8 * i);
  pos_ += 4;
  return v;
}

uint64_t ByteReader::varintSlow() {
  if (!ok_) return 0;
  size_t available = size_ - pos_;
  const uint8_t* p = data_ + pos_;
  if (available >= 3) {  // 2- and 3-byte values (item indices below 2^21) without the loop
    if (p[1] < 0x80) {
      pos_ += 2;
      return static_cast<uint64_t>(p[0] & 0x7F) | static_cast<uint64_t>(p[1]) << 7;
    }
    if (p[2] < 0x80) {
      pos_ += 3;
      return static_cast<uint64_t>(p[0] & 0x7F) | static_cast<uint64_t>(p[1] & 0x7F) << 7 |
             static_cast<uint64_t>(p[2]) << 14;
    }
  }
  uint64_t v = 0;
  for (size_t i = 0; i < 10 && i < available; ++i) {
    uint8_t b = p[i];
    if (i == 9 && (b & 0x7E) != 0) break;  // would overflow 64 bits
    v |= static_cast<uint64_t>(b & 0x7F) << (7 * i);
    if ((b & 0x80) == 0) {
      pos_ += i + 1;
      return v;
    }
  }
  ok_ = false;  // truncated, longer than 10 bytes, or overflowing
  return 0;
}

std::string_view ByteReader::string(size_t maxLength) {
  uint64_t n = varint();
  if (n > maxLength || !need(static_cast<size_t>(n))) {
    ok_ = false;
    return {};
  }
  std::string_view s(reinterpret_cast<const char*>(data_ + pos_), static_cast<size_t>(n));
  pos_ += static_cast<size_t>(n);
  return s;
}

ByteReader ByteReader::sub(size_t length) {
  if (!need(length)) {
    ByteReader failed(data_, 0);
    failed.fail();
    return failed;
  }
  ByteReader r(data_ + pos_, length);
  pos_ += length;
  return r;
}

}  // namespace engage::recommend::detail
