// A synthetic shop for the benchmark: N items in clusters of 50 (a category each), Zipf-like
// popularity, sessions that mostly walk inside one cluster and sometimes jump. Deterministic.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engage/recommend.h"

namespace bench {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
  uint32_t below(uint32_t n) { return static_cast<uint32_t>(next() % n); }

 private:
  uint64_t state_;
};

struct Shop {
  static constexpr uint32_t kClusterSize = 50;
  std::vector<std::string> ids;
  std::vector<std::vector<double>> clusterCdf;  // within-cluster popularity
  std::vector<double> clusterPick;              // cumulative cluster popularity
  std::map<std::string, std::string> catalog;

  explicit Shop(uint32_t items, uint64_t seed) {
    Rng rng(seed);
    std::vector<uint32_t> rank(items);
    for (uint32_t i = 0; i < items; ++i) rank[i] = i;
    for (uint32_t i = items; i > 1; --i) std::swap(rank[i - 1], rank[rng.below(i)]);
    uint32_t clusters = (items + kClusterSize - 1) / kClusterSize;
    clusterCdf.assign(clusters, {});
    for (uint32_t i = 0; i < items; ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "sku-%06u", i * 7919u % 1000000u);
      ids.push_back(id);
      catalog[id] = "c" + std::to_string(i / kClusterSize);
      double w = 1.0 / std::pow(rank[i] + 10.0, 0.9);
      auto& cdf = clusterCdf[i / kClusterSize];
      cdf.push_back((cdf.empty() ? 0.0 : cdf.back()) + w);
    }
    for (const auto& cdf : clusterCdf) clusterPick.push_back((clusterPick.empty() ? 0.0 : clusterPick.back()) + cdf.back());
  }

  uint32_t pickCluster(Rng& rng) const {
    double x = rng.uniform() * clusterPick.back();
    return static_cast<uint32_t>(std::upper_bound(clusterPick.begin(), clusterPick.end(), x) - clusterPick.begin()) %
           static_cast<uint32_t>(clusterPick.size());
  }
  const std::string& pickIn(uint32_t cluster, Rng& rng) const {
    const auto& cdf = clusterCdf[cluster];
    double x = rng.uniform() * cdf.back();
    size_t k = std::min(cdf.size() - 1, static_cast<size_t>(std::upper_bound(cdf.begin(), cdf.end(), x) - cdf.begin()));
    return ids[cluster * kClusterSize + k];
  }

  // A session: 2 + geometric length (mean ~5), 85% of steps stay in the cluster.
  std::vector<std::string> walk(Rng& rng) const {
    std::vector<std::string> items;
    uint32_t cluster = pickCluster(rng);
    size_t length = 2;
    while (length < 30 && rng.uniform() < 0.7) ++length;
    for (size_t i = 0; i < length; ++i) {
      if (i > 0 && rng.uniform() < 0.15) cluster = pickCluster(rng);
      if (i > 0 && rng.uniform() < 0.1) {
        items.push_back(items.back());  // a repeat view
        continue;
      }
      items.push_back(pickIn(cluster, rng));
    }
    return items;
  }
};

}  // namespace bench
