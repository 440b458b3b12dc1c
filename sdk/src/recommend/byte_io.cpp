#include "recommend/byte_io.h"

#include <array>

namespace engage::recommend::detail {
namespace {

std::array<uint32_t, 256> makeCrcTable() {
  std::array<uint32_t, 256> table{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}

}  // namespace

uint32_t crc32(const uint8_t* data, size_t size) {
  static const std::array<uint32_t, 256> table = makeCrcTable();
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < size; ++i) c = table[(c ^ data[i]) & 0xFFu] ^ (c >> 8);
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

uint8_t ByteReader::u8() { return need(1) ? data_[pos_++] : 0; }

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

uint64_t ByteReader::varint() {
  uint64_t v = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    if (!need(1)) return 0;
    uint8_t b = data_[pos_++];
    if (shift == 63 && (b & 0x7E) != 0) break;  // would overflow 64 bits
    v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) return v;
  }
  ok_ = false;
  return 0;
}

uint32_t ByteReader::varintAtMost(uint64_t limit) {
  uint64_t v = varint();
  if (v > limit || v > 0xFFFFFFFFull) {
    ok_ = false;
    return 0;
  }
  return static_cast<uint32_t>(v);
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
