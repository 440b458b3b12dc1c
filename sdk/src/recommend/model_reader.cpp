#include <string_view>

#include "recommend/byte_io.h"
#include "recommend/model_format.h"

namespace engage::recommend::detail {
namespace {

ReadResult failure(const char* code, std::string message) {
  return ReadResult{false, code, std::move(message)};
}

ReadResult corrupt(const std::string& where) { return failure("corrupt", "invalid " + where + " section"); }

// Opens the next section, which must carry `expected`; `body` receives its bytes.
bool openSection(ByteReader& payload, uint32_t expected, ByteReader& body) {
  uint32_t t = payload.u32();
  uint32_t length = payload.u32();
  if (!payload.ok() || t != expected) return false;
  body = payload.sub(length);
  return body.ok();
}

bool readMeta(ByteReader r, ModelData& m) {
  m.trainSessions = r.varint();
  m.trainEvents = r.varint();
  m.createdSec = r.varint();
  return r.atEnd();
}

bool readItems(ByteReader r, uint32_t n, ModelData& m) {
  if (n > r.remaining()) return false;  // every id takes at least 2 bytes: bounds the reserve
  m.idOffsets.assign(1, 0);
  m.idOffsets.reserve(n + 1);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    std::string_view id = r.string(kMaxIdLength);
    if (id.empty()) return false;
    m.idBlob.append(id);
    m.idOffsets.push_back(static_cast<uint32_t>(m.idBlob.size()));
  }
  m.popularity.resize(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) m.popularity[i] = r.varintAtMost(0xFFFFFFFFull);
  return r.atEnd();
}

bool readCategories(ByteReader r, uint32_t n, ModelData& m) {
  uint32_t count = r.varintAtMost(kMaxCategories);
  if (!r.ok() || count > r.remaining()) return false;
  m.categoryNames.reserve(count);
  for (uint32_t c = 0; c < count && r.ok(); ++c) {
    std::string_view name = r.string(kMaxIdLength);
    if (name.empty()) return false;
    m.categoryNames.emplace_back(name);
  }
  if (n > r.remaining()) return false;
  m.itemCategory.resize(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) m.itemCategory[i] = r.varintAtMost(count);
  return r.atEnd();
}

bool readRules(ByteReader r, uint32_t n, ModelData& m) {
  if (n > r.remaining()) return false;
  m.ruleOffsets.assign(1, 0);
  m.ruleOffsets.reserve(n + 1);
  uint64_t total = 0;
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    total += r.varintAtMost(n);
    if (total > r.remaining()) return false;  // every rule takes >= 2 more bytes
    m.ruleOffsets.push_back(static_cast<uint32_t>(total));
  }
  if (!r.ok() || total > r.remaining() / 2) return false;
  m.ruleTargets.resize(total);
  for (uint32_t i = 0; i < n; ++i) {
    uint64_t target = 0;
    for (uint32_t k = m.ruleOffsets[i]; k < m.ruleOffsets[i + 1]; ++k) {
      uint64_t gap = r.varint();
      if (k > m.ruleOffsets[i] && gap == 0) return false;  // targets strictly ascending
      target += gap;
      if (!r.ok() || target >= n) return false;
      m.ruleTargets[k] = static_cast<uint32_t>(target);
    }
  }
  m.ruleWeights.resize(total);
  for (uint64_t k = 0; k < total; ++k) {
    m.ruleWeights[k] = r.u8();
    if (m.ruleWeights[k] == 0) return false;
  }
  return r.atEnd();
}

bool readSessions(ByteReader r, uint32_t n, uint32_t s, ModelData& m) {
  if (s > r.remaining() / 3) return false;  // time gap, length and >= 1 item per session
  m.sessionEndSec.resize(s);
  uint64_t time = 0;
  for (uint32_t si = 0; si < s && r.ok(); ++si) {
    uint64_t gap = r.varint();
    if (gap > (1ull << 40) || time + gap > (1ull << 40)) return false;  // ~35,000 years
    time += gap;
    m.sessionEndSec[si] = static_cast<int64_t>(time);
  }
  m.sessionOffsets.assign(1, 0);
  m.sessionOffsets.reserve(s + 1);
  uint64_t total = 0;
  for (uint32_t si = 0; si < s && r.ok(); ++si) {
    uint32_t length = r.varintAtMost(kMaxStoredSessionLength);
    total += length;
    if (length == 0 || total > r.remaining()) return false;
    m.sessionOffsets.push_back(static_cast<uint32_t>(total));
  }
  if (!r.ok() || (total > 0 && n == 0)) return false;
  m.sessionItems.resize(total);
  for (uint64_t p = 0; p < total; ++p) m.sessionItems[p] = r.varintAtMost(n - 1);
  return r.atEnd();
}

ReadResult readPayload(ByteReader payload, uint32_t flags, uint32_t n, uint32_t s, ModelData& m) {
  ByteReader body(nullptr, 0);
  if (!openSection(payload, tag("META"), body) || !readMeta(body, m)) return corrupt("META");
  if (!openSection(payload, tag("ITEM"), body) || !readItems(body, n, m)) return corrupt("ITEM");
  if (flags & kFlagCategories) {
    if (!openSection(payload, tag("CATG"), body) || !readCategories(body, n, m)) return corrupt("CATG");
  }
  if (!openSection(payload, tag("RULE"), body) || !readRules(body, n, m)) return corrupt("RULE");
  if (!openSection(payload, tag("SESS"), body) || !readSessions(body, n, s, m)) return corrupt("SESS");
  if (!payload.atEnd()) return failure("corrupt", "unexpected bytes after the last section");
  if (m.trainSessions < s) return failure("corrupt", "fewer training sessions than stored ones");
  return ReadResult{true, "", ""};
}

}  // namespace

ReadResult readModel(const uint8_t* bytes, size_t size, ModelData& out, bool verifyChecksum) {
  if (bytes == nullptr || size < kHeaderSize) return failure("truncated", "shorter than the model header");
  ByteReader header(bytes, kHeaderSize);
  if (header.u8() != 'E' || header.u8() != 'G' || header.u8() != 'R' || header.u8() != 'M') {
    return failure("bad_magic", "not an Engage recommendation model (magic EGRM)");
  }
  uint16_t version = header.u16();
  uint16_t headerSize = header.u16();
  uint32_t flags = header.u32(), items = header.u32(), sessions = header.u32();
  uint32_t payloadSize = header.u32(), payloadCrc = header.u32(), headerCrc = header.u32();
  // The version is checked before the header checksum: another version may lay out its header
  // differently, and "unsupported version" is the useful message for it.
  if (version != 1) {
    return failure("unsupported_version", "model format version " + std::to_string(version) +
                                              " is not supported (this build reads version 1)");
  }
  if (verifyChecksum && crc32(bytes, kHeaderSize - 4) != headerCrc) {
    return failure("checksum_mismatch", "header checksum mismatch");
  }
  if (headerSize != kHeaderSize || (flags & ~kFlagCategories) != 0 || items > kMaxItems ||
      sessions > kMaxSessions) {
    return failure("corrupt", "invalid header fields");
  }
  if (size - kHeaderSize < payloadSize) return failure("truncated", "payload shorter than declared");
  if (size - kHeaderSize > payloadSize) return failure("corrupt", "bytes after the declared payload");
  const uint8_t* payload = bytes + kHeaderSize;
  if (verifyChecksum && crc32(payload, payloadSize) != payloadCrc) {
    return failure("checksum_mismatch", "payload checksum mismatch (damaged file)");
  }
  ModelData m;
  ReadResult result = readPayload(ByteReader(payload, payloadSize), flags, items, sessions, m);
  if (!result.ok) return result;
  std::string reason;
  if (!finalizeModel(m, reason)) return failure("corrupt", reason);
  out = std::move(m);
  return result;
}

}  // namespace engage::recommend::detail
