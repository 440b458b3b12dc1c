#include "recommend/model_data.h"

#include <algorithm>

#include "recommend/det_math.h"

namespace engage::recommend::detail {

uint32_t fnv1a(std::string_view s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

void IdIndex::build(const std::string& blob, const std::vector<uint32_t>& offsets) {
  size_t n = offsets.empty() ? 0 : offsets.size() - 1;
  size_t capacity = 16;
  while (capacity < 2 * n) capacity <<= 1;
  slots_.assign(capacity, kEmpty);
  mask_ = static_cast<uint32_t>(capacity - 1);
  unique_ = true;
  std::string_view all(blob);
  for (uint32_t i = 0; i < n; ++i) {
    std::string_view id = all.substr(offsets[i], offsets[i + 1] - offsets[i]);
    uint32_t slot = fnv1a(id) & mask_;
    while (slots_[slot] != kEmpty) {
      uint32_t other = slots_[slot];
      if (all.substr(offsets[other], offsets[other + 1] - offsets[other]) == id) unique_ = false;
      slot = (slot + 1) & mask_;
    }
    slots_[slot] = i;
  }
}

uint32_t IdIndex::find(std::string_view id, const std::string& blob,
                       const std::vector<uint32_t>& offsets) const {
  if (slots_.empty()) return kEmpty;
  std::string_view all(blob);
  uint32_t slot = fnv1a(id) & mask_;
  while (slots_[slot] != kEmpty) {
    uint32_t i = slots_[slot];
    if (all.substr(offsets[i], offsets[i + 1] - offsets[i]) == id) return i;
    slot = (slot + 1) & mask_;
  }
  return kEmpty;
}

namespace {

// Item order must be the tie-break order: popularity descending, then id ascending.
bool checkItemOrder(const ModelData& m, std::string& reason) {
  for (size_t i = 1; i < m.itemCount(); ++i) {
    uint32_t a = static_cast<uint32_t>(i - 1), b = static_cast<uint32_t>(i);
    bool ordered = m.popularity[a] > m.popularity[b] ||
                   (m.popularity[a] == m.popularity[b] && m.id(a) < m.id(b));
    if (!ordered) {
      reason = "items are not in popularity/id order at index " + std::to_string(i);
      return false;
    }
  }
  return true;
}

void buildPostings(ModelData& m) {
  size_t n = m.itemCount(), s = m.sessionCount();
  std::vector<uint32_t> lastSeen(n, 0xFFFFFFFFu);
  m.postingOffsets.assign(n + 1, 0);
  m.sessionDistinct.assign(s, 0);
  for (uint32_t si = 0; si < s; ++si) {
    for (uint32_t p = m.sessionOffsets[si]; p < m.sessionOffsets[si + 1]; ++p) {
      uint32_t item = m.sessionItems[p];
      if (lastSeen[item] == si) continue;
      lastSeen[item] = si;
      ++m.postingOffsets[item + 1];
      ++m.sessionDistinct[si];
    }
  }
  for (size_t i = 0; i < n; ++i) m.postingOffsets[i + 1] += m.postingOffsets[i];
  m.postings.assign(m.postingOffsets[n], 0);
  std::vector<uint32_t> cursor(m.postingOffsets.begin(), m.postingOffsets.end() - 1);
  std::fill(lastSeen.begin(), lastSeen.end(), 0xFFFFFFFFu);
  for (uint32_t si = 0; si < s; ++si) {
    for (uint32_t p = m.sessionOffsets[si]; p < m.sessionOffsets[si + 1]; ++p) {
      uint32_t item = m.sessionItems[p];
      if (lastSeen[item] == si) continue;
      lastSeen[item] = si;
      m.postings[cursor[item]++] = si;
    }
  }
}

}  // namespace

bool finalizeModel(ModelData& m, std::string& reason) {
  if (!checkItemOrder(m, reason)) return false;
  m.index.build(m.idBlob, m.idOffsets);
  if (!m.index.unique()) {
    reason = "duplicate item id";
    return false;
  }
  buildPostings(m);
  m.idf.resize(m.itemCount());
  double sessions = static_cast<double>(m.trainSessions);
  for (size_t i = 0; i < m.itemCount(); ++i) {  // popularity is sorted: one log per distinct value
    if (i > 0 && m.popularity[i] == m.popularity[i - 1]) {
      m.idf[i] = m.idf[i - 1];
      continue;
    }
    double pop = m.popularity[i] > 0 ? static_cast<double>(m.popularity[i]) : 1.0;
    m.idf[i] = sessions > 0 ? detLog(sessions / pop) : 0.0;
  }
  return true;
}

}  // namespace engage::recommend::detail
