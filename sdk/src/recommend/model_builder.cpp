// buildModel(): training sessions -> model file. Runs in the native tools and in the tests.
// Output depends only on the input (hash containers are used for lookups and accumulation whose
// order follows the input; everything written is sorted by a total order).
#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "engage/recommend.h"
#include "recommend/model_data.h"
#include "recommend/model_format.h"

namespace engage::recommend {
namespace {

using detail::ModelData;

struct Interned {
  std::vector<std::string> ids;            // by first appearance
  std::vector<uint32_t> counts;
  std::vector<std::vector<uint32_t>> sessions;  // items as first-appearance ids
};

Interned intern(const std::vector<TrainingSession>& input) {
  Interned out;
  std::unordered_map<std::string, uint32_t> lookup;
  for (const auto& session : input) {
    std::vector<uint32_t> items;
    for (const auto& id : session.items) {
      if (id.empty() || id.size() > detail::kMaxIdLength) continue;
      auto [it, inserted] = lookup.emplace(id, static_cast<uint32_t>(out.ids.size()));
      if (inserted) {
        out.ids.push_back(id);
        out.counts.push_back(0);
      }
      ++out.counts[it->second];
      items.push_back(it->second);
    }
    out.sessions.push_back(std::move(items));
  }
  return out;
}

// Final index of each interned id: popularity descending, then id ascending.
std::vector<uint32_t> popularityOrder(const Interned& in, ModelData& m) {
  std::vector<uint32_t> order(in.ids.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (in.counts[a] != in.counts[b]) return in.counts[a] > in.counts[b];
    return in.ids[a] < in.ids[b];
  });
  std::vector<uint32_t> finalIndex(in.ids.size());
  m.idOffsets.assign(1, 0);
  for (uint32_t rank = 0; rank < order.size(); ++rank) {
    finalIndex[order[rank]] = rank;
    m.idBlob += in.ids[order[rank]];
    m.idOffsets.push_back(static_cast<uint32_t>(m.idBlob.size()));
    m.popularity.push_back(in.counts[order[rank]]);
  }
  return finalIndex;
}

struct Rule {
  uint32_t source, target;
  double weight;
};

// Sequential rules (Kamehkhosh et al.; session-rec SR): every later item within `steps` positions
// after a source item strengthens source -> item by 1 / distance^2.
void mineRules(const std::vector<std::vector<uint32_t>>& sessions, const BuildConfig& config,
               ModelData& m) {
  std::unordered_map<uint64_t, size_t> slot;
  std::vector<Rule> rules;
  for (const auto& items : sessions) {
    for (size_t j = 1; j < items.size(); ++j) {
      size_t reach = std::min<size_t>(j, static_cast<size_t>(std::max(config.ruleSteps, 0)));
      for (size_t d = 1; d <= reach; ++d) {
        uint64_t key = static_cast<uint64_t>(items[j - d]) << 32 | items[j];
        auto [it, inserted] = slot.emplace(key, rules.size());
        if (inserted) rules.push_back(Rule{items[j - d], items[j], 0.0});
        rules[it->second].weight += 1.0 / static_cast<double>(d * d);
      }
    }
  }
  std::sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) {
    if (a.source != b.source) return a.source < b.source;
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.target < b.target;
  });
  m.ruleOffsets.assign(m.itemCount() + 1, 0);
  size_t begin = 0;
  for (uint32_t source = 0; source < m.itemCount(); ++source) {
    size_t end = begin;
    while (end < rules.size() && rules[end].source == source) ++end;
    size_t keep = std::min(end - begin, static_cast<size_t>(std::max(config.maxRulesPerItem, 0)));
    while (keep > 1 && rules[begin + keep - 1].weight < config.minRuleShare * rules[begin].weight) --keep;
    std::vector<Rule> kept(rules.begin() + begin, rules.begin() + begin + keep);
    std::sort(kept.begin(), kept.end(), [](const Rule& a, const Rule& b) { return a.target < b.target; });
    double strongest = keep > 0 ? rules[begin].weight : 1.0;
    for (const Rule& r : kept) {
      double q = std::floor(255.0 * r.weight / strongest + 0.5);
      m.ruleTargets.push_back(r.target);
      m.ruleWeights.push_back(static_cast<uint8_t>(std::clamp(q, 1.0, 255.0)));
    }
    m.ruleOffsets[source + 1] = static_cast<uint32_t>(m.ruleTargets.size());
    begin = end;
  }
}

// The most recent sessions (by end time, input order on ties), each cut to its last events.
void storeSessions(const std::vector<TrainingSession>& input,
                   const std::vector<std::vector<uint32_t>>& sessions, const BuildConfig& config,
                   ModelData& m) {
  std::vector<uint32_t> order;
  for (uint32_t s = 0; s < sessions.size(); ++s) {
    if (!sessions[s].empty()) order.push_back(s);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return input[a].endMs < input[b].endMs; });
  size_t keep = std::min(order.size(), static_cast<size_t>(std::max(config.maxSessions, 0)));
  size_t maxLength = std::clamp<size_t>(static_cast<size_t>(std::max(config.maxSessionLength, 1)), 1,
                                        detail::kMaxStoredSessionLength);
  m.sessionOffsets.assign(1, 0);
  for (size_t k = order.size() - keep; k < order.size(); ++k) {
    const auto& items = sessions[order[k]];
    size_t first = items.size() > maxLength ? items.size() - maxLength : 0;
    m.sessionItems.insert(m.sessionItems.end(), items.begin() + first, items.end());
    m.sessionOffsets.push_back(static_cast<uint32_t>(m.sessionItems.size()));
    int64_t endSec = std::max<int64_t>(input[order[k]].endMs, 0) / 1000;
    m.sessionEndSec.push_back(endSec);
  }
}

void attachCategories(const std::map<std::string, std::string>& categories, ModelData& m) {
  if (categories.empty()) return;
  std::map<std::string, uint32_t> names;
  for (uint32_t i = 0; i < m.itemCount(); ++i) {
    auto it = categories.find(std::string(m.id(i)));
    if (it != categories.end() && !it->second.empty() && it->second.size() <= detail::kMaxIdLength) {
      names.emplace(it->second, 0);
    }
  }
  uint32_t next = 0;
  for (auto& [name, index] : names) {
    index = ++next;
    m.categoryNames.push_back(name);
  }
  m.itemCategory.assign(m.itemCount(), 0);
  for (uint32_t i = 0; i < m.itemCount(); ++i) {
    auto it = categories.find(std::string(m.id(i)));
    if (it != categories.end()) {
      auto named = names.find(it->second);
      if (named != names.end()) m.itemCategory[i] = named->second;
    }
  }
}

}  // namespace

std::vector<uint8_t> buildModel(const std::vector<TrainingSession>& sessions,
                                const std::map<std::string, std::string>& categories,
                                const BuildConfig& config) {
  Interned interned = intern(sessions);
  ModelData m;
  std::vector<uint32_t> finalIndex = popularityOrder(interned, m);
  for (auto& items : interned.sessions) {
    for (auto& item : items) item = finalIndex[item];
    if (!items.empty()) ++m.trainSessions;
    m.trainEvents += items.size();
  }
  mineRules(interned.sessions, config, m);
  storeSessions(sessions, interned.sessions, config, m);
  attachCategories(categories, m);
  m.createdSec = static_cast<uint64_t>(std::max<int64_t>(config.createdSec, 0));
  return detail::writeModel(m);
}

}  // namespace engage::recommend
