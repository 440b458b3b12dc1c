#include "recommend/knn.h"

#include <algorithm>
#include <cmath>

namespace engage::recommend::detail {
namespace {

struct Cursor {
  uint32_t session;  // the posting currently at the cursor
  uint32_t list;     // index into the lists
  uint32_t next;     // remaining postings below (exclusive end of what is left)
};

bool cursorLess(const Cursor& a, const Cursor& b) {
  return a.session != b.session ? a.session < b.session : a.list < b.list;
}

// Distinct items of the sequence in first-occurrence order; marks them in ws.itemStamp.
std::vector<uint32_t> distinctItems(const std::vector<uint32_t>& seq, Workspace& ws, uint32_t mark) {
  std::vector<uint32_t> out;
  for (uint32_t item : seq) {
    if (ws.itemStamp[item] != mark) {
      ws.itemStamp[item] = mark;
      out.push_back(item);
    }
  }
  return out;
}

// Index (0-based) of the most recent sequence element present in the neighbour marked `mark`.
int lastShared(const std::vector<uint32_t>& seq, const Workspace& ws, uint32_t mark) {
  for (int i = static_cast<int>(seq.size()) - 1; i >= 0; --i) {
    if (ws.seenStamp[seq[i]] == mark) return i;
  }
  return -1;
}

// Marks the neighbour's items with `mark`; returns the last 1-based position holding a sequence
// item (marked `current` in itemStamp), or 0 if none.
uint32_t markNeighbour(const ModelData& m, uint32_t s, Workspace& ws, uint32_t mark, uint32_t current) {
  uint32_t lastPos = 0;
  for (uint32_t p = m.sessionOffsets[s]; p < m.sessionOffsets[s + 1]; ++p) {
    uint32_t item = m.sessionItems[p];
    ws.seenStamp[item] = mark;
    if (ws.itemStamp[item] == current) lastPos = p - m.sessionOffsets[s] + 1;
  }
  return lastPos;
}

// Sum of the position weights of the distinct sequence items the neighbour shares.
double overlap(const ModelData& m, uint32_t s, Workspace& ws, uint32_t current) {
  uint32_t mark = ws.stamp();
  double sum = 0.0;
  for (uint32_t p = m.sessionOffsets[s]; p < m.sessionOffsets[s + 1]; ++p) {
    uint32_t item = m.sessionItems[p];
    if (ws.seenStamp[item] == mark) continue;
    ws.seenStamp[item] = mark;
    if (ws.itemStamp[item] == current) sum += ws.itemWeight[item];
  }
  return sum;
}

}  // namespace

std::vector<uint32_t> recentSessions(const ModelData& m, const std::vector<uint32_t>& items,
                                     int sampleSize, Workspace& ws) {
  std::vector<uint32_t> out;
  std::vector<Cursor> heap;
  for (uint32_t l = 0; l < items.size(); ++l) {
    uint32_t begin = m.postingOffsets[items[l]], end = m.postingOffsets[items[l] + 1];
    if (end > begin) heap.push_back(Cursor{m.postings[end - 1], l, end - 1});
  }
  std::make_heap(heap.begin(), heap.end(), cursorLess);
  uint32_t mark = ws.stamp();
  size_t limit = static_cast<size_t>(std::max(sampleSize, 0));
  while (!heap.empty() && out.size() < limit) {
    std::pop_heap(heap.begin(), heap.end(), cursorLess);
    Cursor c = heap.back();
    heap.pop_back();
    if (ws.sessionStamp[c.session] != mark) {
      ws.sessionStamp[c.session] = mark;
      out.push_back(c.session);
    }
    if (c.next > m.postingOffsets[items[c.list]]) {
      c.next -= 1;
      c.session = m.postings[c.next];
      heap.push_back(c);
      std::push_heap(heap.begin(), heap.end(), cursorLess);
    }
  }
  return out;
}

void keepTop(std::vector<Neighbour>& neighbours, int k) {
  auto better = [](const Neighbour& a, const Neighbour& b) {
    return a.similarity != b.similarity ? a.similarity > b.similarity : a.session > b.session;
  };
  size_t keep = std::min(neighbours.size(), static_cast<size_t>(std::max(k, 0)));
  if (keep < neighbours.size()) {
    std::nth_element(neighbours.begin(), neighbours.begin() + keep, neighbours.end(), better);
    neighbours.resize(keep);
  }
  std::sort(neighbours.begin(), neighbours.end(), better);
}

void scoreVsknn(const ModelData& m, const std::vector<uint32_t>& seq, const VsknnConfig& config,
                Workspace& ws, Accumulator& out) {
  if (seq.empty()) return;
  uint32_t current = ws.stamp();
  std::vector<uint32_t> items = distinctItems(seq, ws, current);
  double n = static_cast<double>(seq.size());
  for (size_t i = 0; i < seq.size(); ++i) {  // quadratic position weight, later overwrites
    double r = static_cast<double>(i + 1) / n;
    ws.itemWeight[seq[i]] = r * r;
  }
  std::vector<Neighbour> neighbours;
  double distinct = static_cast<double>(items.size());
  for (uint32_t s : recentSessions(m, items, config.sampleSize, ws)) {
    double sim = overlap(m, s, ws, current) / distinct;
    if (sim > 0) neighbours.push_back(Neighbour{s, sim});
  }
  keepTop(neighbours, config.neighbours);
  const std::vector<double>& idf = ws.vsknnIdf();
  for (const Neighbour& nb : neighbours) {
    uint32_t mark = ws.stamp(2);
    markNeighbour(m, nb.session, ws, mark, current);
    int shared = lastShared(seq, ws, mark);
    if (shared < 0) continue;
    double decay = 1.0 / static_cast<double>(seq.size() - static_cast<size_t>(shared));
    uint32_t anchor = seq[static_cast<size_t>(shared)];
    for (uint32_t p = m.sessionOffsets[nb.session]; p < m.sessionOffsets[nb.session + 1]; ++p) {
      uint32_t item = m.sessionItems[p];
      if (ws.seenStamp[item] != mark) continue;  // already scored for this neighbour
      ws.seenStamp[item] = mark + 1;
      out.add(item, nb.similarity * idf[item] * decay, anchor);
    }
  }
}

namespace {

// STAN and VSTAN share everything but idf and insertion-position weighting.
void scoreStanFamily(const ModelData& m, const std::vector<uint32_t>& seq, int sampleSize,
                     int k, const KnnTables& t, bool vstan, Workspace& ws, Accumulator& out) {
  if (seq.empty()) return;
  uint32_t current = ws.stamp();
  std::vector<uint32_t> items = distinctItems(seq, ws, current);
  size_t n = seq.size();
  for (size_t i = 0; i < n; ++i) ws.itemWeight[seq[i]] = t.positionWeight[n - 1 - i];
  double norm = 0.0;
  for (uint32_t item : items) norm += ws.itemWeight[item] * ws.itemWeight[item];
  norm = std::sqrt(norm);
  std::vector<Neighbour> neighbours;
  for (uint32_t s : recentSessions(m, items, sampleSize, ws)) {
    double dot = overlap(m, s, ws, current);
    double sim = dot / (norm * std::sqrt(static_cast<double>(m.sessionDistinct[s])));
    sim *= t.sessionDecay[s];
    if (sim > 0) neighbours.push_back(Neighbour{s, sim});
  }
  keepTop(neighbours, k);
  for (const Neighbour& nb : neighbours) {
    uint32_t mark = ws.stamp(2);
    uint32_t star = markNeighbour(m, nb.session, ws, mark, current);
    int shared = lastShared(seq, ws, mark);
    if (shared < 0 || star == 0) continue;
    uint32_t anchor = seq[static_cast<size_t>(shared)];
    double ipw = vstan ? t.insertWeight[n - 1 - static_cast<size_t>(shared)] : 1.0;
    uint32_t begin = m.sessionOffsets[nb.session];
    for (uint32_t p = m.sessionOffsets[nb.session + 1]; p-- > begin;) {  // last position first
      uint32_t item = m.sessionItems[p];
      if (ws.seenStamp[item] != mark) continue;
      ws.seenStamp[item] = mark + 1;
      uint32_t pos = p - begin + 1;
      double v = nb.similarity * t.distanceWeight[pos > star ? pos - star : star - pos];
      if (vstan) v = v * t.idfFactor[item] * ipw;
      out.add(item, v, anchor);
    }
  }
}

}  // namespace

void scoreStan(const ModelData& m, const std::vector<uint32_t>& seq, const StanConfig& config,
               Workspace& ws, Accumulator& out) {
  scoreStanFamily(m, seq, config.sampleSize, config.neighbours, ws.stanTables(), false, ws, out);
}

void scoreVstan(const ModelData& m, const std::vector<uint32_t>& seq, const VstanConfig& config,
                Workspace& ws, Accumulator& out) {
  scoreStanFamily(m, seq, config.sampleSize, config.neighbours, ws.vstanTables(), true, ws, out);
}

}  // namespace engage::recommend::detail
