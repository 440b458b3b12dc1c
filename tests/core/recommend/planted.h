// Generated training data with a known answer (header-only: the concept's test rule compiles
// only *_test.cpp files, so helpers live here).
//
// The planted graph: anchor item "a<t>" is followed by "b<t>" in 6 sessions, "c<t>" in 3 and
// "d<t>" in 1 (sessions [a, x]). Noise sessions over filler items "f<j>" never touch anchors.
// So from a<t>, every method must rank b > c > d, and nothing else scores.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engage/recommend.h"

namespace engage::recommend::testing {

// SplitMix64: deterministic on every platform (plain integer arithmetic).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint32_t below(uint32_t n) { return static_cast<uint32_t>(next() % n); }

 private:
  uint64_t state_;
};

constexpr int64_t kDayMs = 86400000;
constexpr int64_t kBaseMs = 1767225600000;  // 2026-01-01

inline std::string anchor(int t) { return "a" + std::to_string(t); }
inline std::string strong(int t) { return "b" + std::to_string(t); }
inline std::string medium(int t) { return "c" + std::to_string(t); }
inline std::string weak(int t) { return "d" + std::to_string(t); }

struct PlantedData {
  std::vector<TrainingSession> sessions;
  int anchors = 0;
};

inline PlantedData plantedGraph(int anchors, int noiseSessions, uint64_t seed) {
  PlantedData data;
  data.anchors = anchors;
  Rng rng(seed);
  for (int t = 0; t < anchors; ++t) {
    const std::pair<std::string, int> successors[] = {{strong(t), 6}, {medium(t), 3}, {weak(t), 1}};
    for (const auto& [item, count] : successors) {
      for (int i = 0; i < count; ++i) data.sessions.push_back({{anchor(t), item}, 0});
    }
  }
  for (int s = 0; s < noiseSessions; ++s) {
    TrainingSession noise;
    int length = 2 + static_cast<int>(rng.below(4));
    for (int i = 0; i < length; ++i) noise.items.push_back("f" + std::to_string(rng.below(60)));
    data.sessions.push_back(noise);
  }
  // Shuffle (Fisher-Yates with our Rng), then give every session the same end time so no
  // method can prefer one planted session over another by recency.
  for (size_t i = data.sessions.size(); i > 1; --i) std::swap(data.sessions[i - 1], data.sessions[rng.below(static_cast<uint32_t>(i))]);
  for (auto& s : data.sessions) s.endMs = kBaseMs;
  return data;
}

inline std::optional<Model> load(const std::vector<uint8_t>& bytes) {
  return Model::load(bytes.data(), bytes.size()).model;
}

inline std::vector<std::string> ids(const std::vector<Recommendation>& results) {
  std::vector<std::string> out;
  for (const auto& r : results) out.push_back(r.id);
  return out;
}

}  // namespace engage::recommend::testing
