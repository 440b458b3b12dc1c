// Bounds-checked little-endian and LEB128 varint reading/writing for the model file, plus CRC-32.
// A ByteReader never reads past its end: a failed read sets ok() to false and returns 0, so a
// parser can read a whole section and check once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace engage::recommend::detail {

// CRC-32 (IEEE 802.3, the zlib/PNG polynomial 0xEDB88320), reflected, init and xorout 0xFFFFFFFF.
uint32_t crc32(const uint8_t* data, size_t size);

class ByteWriter {
 public:
  void u8(uint8_t v) { bytes_.push_back(v); }
  void u16(uint16_t v);
  void u32(uint32_t v);
  void varint(uint64_t v);
  void string(std::string_view s);  // varint length + bytes
  void append(const std::vector<uint8_t>& other);
  void patchU32(size_t offset, uint32_t v);
  size_t size() const { return bytes_.size(); }
  std::vector<uint8_t>& bytes() { return bytes_; }

 private:
  std::vector<uint8_t> bytes_;
};

class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  // The hot reads are inline: a 2 MB model holds about a million varints.
  uint8_t u8() {
    if (ok_ && pos_ < size_) return data_[pos_++];
    ok_ = false;
    return 0;
  }
  uint16_t u16();
  uint32_t u32();
  // At most 10 bytes; a longer or overflowing encoding fails.
  uint64_t varint() {
    if (ok_ && pos_ < size_ && data_[pos_] < 0x80) return data_[pos_++];  // the common 1-byte case
    return varintSlow();
  }
  // A varint that must be <= limit (fails otherwise); returned narrowed.
  uint32_t varintAtMost(uint64_t limit) {
    uint64_t v = varint();
    if (v > limit || v > 0xFFFFFFFFull) {
      ok_ = false;
      return 0;
    }
    return static_cast<uint32_t>(v);
  }
  std::string_view string(size_t maxLength);
  ByteReader sub(size_t length);  // the next `length` bytes as their own reader
  bool ok() const { return ok_; }
  void fail() { ok_ = false; }
  size_t remaining() const { return ok_ ? size_ - pos_ : 0; }
  size_t position() const { return pos_; }
  bool atEnd() const { return ok_ && pos_ == size_; }

 private:
  bool need(size_t n);
  uint64_t varintSlow();
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace engage::recommend::detail
