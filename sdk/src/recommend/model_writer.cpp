#include "recommend/model_format.h"

#include "recommend/byte_io.h"

namespace engage::recommend::detail {
namespace {

void section(ByteWriter& out, uint32_t t, ByteWriter& body) {
  out.u32(t);
  out.u32(static_cast<uint32_t>(body.size()));
  out.append(body.bytes());
}

void writeItems(ByteWriter& w, const ModelData& m) {
  for (uint32_t i = 0; i < m.itemCount(); ++i) w.string(m.id(i));
  for (uint32_t pop : m.popularity) w.varint(pop);
}

void writeCategories(ByteWriter& w, const ModelData& m) {
  w.varint(m.categoryNames.size());
  for (const auto& name : m.categoryNames) w.string(name);
  for (uint32_t c : m.itemCategory) w.varint(c);
}

// Column by column (all counts, then all target gaps, then all weights): homogeneous streams
// compress noticeably better (brotli/gzip on the wire) than interleaved records.
void writeRules(ByteWriter& w, const ModelData& m) {
  for (size_t i = 0; i < m.itemCount(); ++i) w.varint(m.ruleOffsets[i + 1] - m.ruleOffsets[i]);
  for (size_t i = 0; i < m.itemCount(); ++i) {
    for (uint32_t r = m.ruleOffsets[i]; r < m.ruleOffsets[i + 1]; ++r) {
      w.varint(r == m.ruleOffsets[i] ? m.ruleTargets[r] : m.ruleTargets[r] - m.ruleTargets[r - 1]);
    }
  }
  for (uint8_t weight : m.ruleWeights) w.u8(weight);
}

void writeSessions(ByteWriter& w, const ModelData& m) {
  int64_t previous = 0;
  for (size_t s = 0; s < m.sessionCount(); ++s) {
    w.varint(static_cast<uint64_t>(m.sessionEndSec[s] - previous));
    previous = m.sessionEndSec[s];
  }
  for (size_t s = 0; s < m.sessionCount(); ++s) w.varint(m.sessionOffsets[s + 1] - m.sessionOffsets[s]);
  for (uint32_t item : m.sessionItems) w.varint(item);
}

}  // namespace

std::vector<uint8_t> writeModel(const ModelData& m) {
  ByteWriter payload;
  ByteWriter meta, items, categories, rules, sessions;
  meta.varint(m.trainSessions);
  meta.varint(m.trainEvents);
  meta.varint(m.createdSec);
  section(payload, tag("META"), meta);
  writeItems(items, m);
  section(payload, tag("ITEM"), items);
  bool hasCategories = !m.itemCategory.empty();
  if (hasCategories) {
    writeCategories(categories, m);
    section(payload, tag("CATG"), categories);
  }
  writeRules(rules, m);
  section(payload, tag("RULE"), rules);
  writeSessions(sessions, m);
  section(payload, tag("SESS"), sessions);

  ByteWriter out;
  out.u8('E');
  out.u8('G');
  out.u8('R');
  out.u8('M');
  out.u16(1);
  out.u16(static_cast<uint16_t>(kHeaderSize));
  out.u32(hasCategories ? kFlagCategories : 0);
  out.u32(static_cast<uint32_t>(m.itemCount()));
  out.u32(static_cast<uint32_t>(m.sessionCount()));
  out.u32(static_cast<uint32_t>(payload.size()));
  out.u32(crc32(payload.bytes().data(), payload.size()));
  out.u32(crc32(out.bytes().data(), out.size()));
  out.append(payload.bytes());
  return std::move(out.bytes());
}

}  // namespace engage::recommend::detail
