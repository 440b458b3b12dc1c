// The model file, version 1 (all integers little-endian; "varint" is unsigned LEB128):
//
//   header (32 bytes)
//     0  "EGRM"            magic
//     4  u16 version       1
//     6  u16 header size   32
//     8  u32 flags         bit 0: a CATG section is present
//    12  u32 item count    N
//    16  u32 session count S
//    20  u32 payload size  bytes after the header
//    24  u32 payload CRC-32
//    28  u32 header CRC-32 of bytes 0..27
//   payload: sections in this order, each u32 tag + u32 length + body
//     META  varint trainSessions, trainEvents, createdSec
//     ITEM  N x string (varint length 1..256 + bytes), then N x varint popularity
//     CATG  varint C, C x string, then N x varint (0 = none, c + 1)        (only with flag bit 0)
//     RULE  column by column: N x varint rule count; then for each item its targets as varint
//           gaps (the first target is the gap itself, later ones previous + gap, gap >= 1);
//           then every rule's u8 weight 1..255 (relative to the item's strongest rule)
//     SESS  column by column: S x varint end-time gap in seconds (the first one absolute);
//           S x varint length 1..4096; then every session's items as varint item indices
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "recommend/model_data.h"

namespace engage::recommend::detail {

constexpr uint32_t kHeaderSize = 32;
constexpr uint32_t kMaxItems = 1u << 24;
constexpr uint32_t kMaxSessions = 1u << 24;
constexpr size_t kMaxIdLength = 256;
constexpr uint32_t kMaxStoredSessionLength = 4096;
constexpr uint32_t kMaxCategories = 1u << 16;
constexpr uint32_t kFlagCategories = 1u;

constexpr uint32_t tag(const char (&t)[5]) {
  return static_cast<uint32_t>(t[0]) | static_cast<uint32_t>(t[1]) << 8 |
         static_cast<uint32_t>(t[2]) << 16 | static_cast<uint32_t>(t[3]) << 24;
}

// Serialises the stored fields of `m` (derived fields are ignored).
std::vector<uint8_t> writeModel(const ModelData& m);

struct ReadResult {
  bool ok = false;
  std::string code;     // see ModelError
  std::string message;
};

// Parses and validates a model file into `out` (then finalizeModel() runs). verifyChecksum =
// false exists only so a fuzzer can reach the section parsers; loading always verifies.
ReadResult readModel(const uint8_t* bytes, size_t size, ModelData& out, bool verifyChecksum = true);

}  // namespace engage::recommend::detail
