#include "recommend/ranking.h"

#include <algorithm>
#include <cmath>

namespace engage::recommend::detail {
namespace {

struct Candidate {
  double score;
  uint32_t item;
};

bool better(const Candidate& a, const Candidate& b) {
  return a.score != b.score ? a.score > b.score : a.item < b.item;
}

bool contains(const std::vector<std::string>& list, std::string_view id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

// The request's business rules resolved against the model.
class Rules {
 public:
  Rules(const ModelData& m, const Request& r, Workspace& ws) : m_(m), r_(r), ws_(ws) {
    excluded_ = ws.stamp();
    placed_ = ws.stamp();
    auto exclude = [&](std::string_view id) {
      uint32_t item = m.find(id);
      if (item != kNoItem) ws.seenStamp[item] = excluded_;
    };
    for (const auto& id : r.cart) exclude(id);
    for (const auto& id : r.purchased) exclude(id);
    for (const auto& id : r.filter.excludeItems) exclude(id);
    if (r.context == Context::Product && !r.item.empty()) exclude(r.item);
    if (r.filter.excludeSession) {
      for (const auto& id : r.session) exclude(id);
    }
    resolveCategories();
    for (const auto& [id, factor] : r.filter.boostItems) {
      uint32_t item = m.find(id);
      if (item != kNoItem && factor > 0 && std::isfinite(factor)) itemBoost_.push_back({factor, item});
    }
    std::sort(itemBoost_.begin(), itemBoost_.end(),
              [](const Candidate& a, const Candidate& b) { return a.item < b.item; });
  }

  bool excludedId(std::string_view id) const {
    return contains(r_.cart, id) || contains(r_.purchased, id) || contains(r_.filter.excludeItems, id) ||
           (r_.context == Context::Product && r_.item == id) ||
           (r_.filter.excludeSession && contains(r_.session, id));
  }
  bool allowed(uint32_t item) const {
    if (ws_.seenStamp[item] == excluded_) return false;
    uint32_t c = m_.categoryOf(item);
    if (!include_.empty() && (c == 0 || !include_[c])) return false;
    return excludeCategory_.empty() || !excludeCategory_[c];
  }
  double boost(uint32_t item) const {
    double factor = 1.0;
    auto it = std::lower_bound(itemBoost_.begin(), itemBoost_.end(), item,
                               [](const Candidate& c, uint32_t i) { return c.item < i; });
    if (it != itemBoost_.end() && it->item == item) factor *= it->score;
    if (!categoryBoost_.empty()) factor *= categoryBoost_[m_.categoryOf(item)];
    return factor;
  }
  bool placed(uint32_t item) const { return ws_.itemStamp[item] == placed_; }
  bool capped(uint32_t item) const {
    uint32_t c = m_.categoryOf(item);
    return r_.filter.maxPerCategory > 0 && c != 0 && perCategory_[c] >= r_.filter.maxPerCategory;
  }
  void place(uint32_t item) {
    ws_.itemStamp[item] = placed_;
    uint32_t c = m_.categoryOf(item);
    if (c != 0 && !perCategory_.empty()) ++perCategory_[c];
  }

 private:
  void resolveCategories() {
    size_t count = m_.categoryNames.size() + 1;
    auto mark = [&](const std::vector<std::string>& names, std::vector<char>& set) {
      if (names.empty()) return;
      set.assign(count, 0);
      for (size_t c = 1; c < count; ++c) set[c] = contains(names, m_.categoryNames[c - 1]);
    };
    if (!r_.filter.categories.empty()) {
      mark(r_.filter.categories, include_);
      if (include_.empty()) include_.assign(1, 0);
    }
    mark(r_.filter.excludeCategories, excludeCategory_);
    if (!r_.filter.boostCategories.empty()) {
      categoryBoost_.assign(count, 1.0);
      for (size_t c = 1; c < count; ++c) {
        auto it = r_.filter.boostCategories.find(m_.categoryNames[c - 1]);
        if (it != r_.filter.boostCategories.end() && it->second > 0 && std::isfinite(it->second)) {
          categoryBoost_[c] = it->second;
        }
      }
    }
    if (r_.filter.maxPerCategory > 0) perCategory_.assign(count, 0);
  }

  const ModelData& m_;
  const Request& r_;
  Workspace& ws_;
  uint32_t excluded_ = 0, placed_ = 0;
  std::vector<char> include_, excludeCategory_;
  std::vector<double> categoryBoost_;
  std::vector<int> perCategory_;
  std::vector<Candidate> itemBoost_;  // (factor, item) sorted by item
};

Recommendation result(const ModelData& m, const Request& r, uint32_t item, double score,
                      uint32_t anchor) {
  Recommendation rec;
  rec.id = std::string(m.id(item));
  rec.score = score;
  if (anchor == kNoItem) {
    rec.reason = ReasonCode::Popular;
  } else {
    rec.because = std::string(m.id(anchor));
    rec.reason = contains(r.cart, rec.because) ? ReasonCode::BoughtTogether : ReasonCode::Viewed;
  }
  return rec;
}

void placePins(const ModelData& m, const Request& r, const Accumulator& scores, size_t k,
               Rules& rules, std::vector<Recommendation>& out) {
  std::vector<std::string> unknownPlaced;
  for (const auto& id : r.filter.pin) {
    if (out.size() >= k) return;
    if (id.empty() || rules.excludedId(id)) continue;
    uint32_t item = m.find(id);
    Recommendation rec;
    rec.reason = ReasonCode::Pinned;
    rec.id = id;
    if (item == kNoItem) {
      if (contains(unknownPlaced, id)) continue;
      unknownPlaced.push_back(id);
    } else {
      if (!rules.allowed(item) || rules.placed(item) || rules.capped(item)) continue;
      rules.place(item);
      rec.score = std::max(scores.score(item), 0.0);
    }
    out.push_back(std::move(rec));
  }
}

}  // namespace

std::vector<Recommendation> rankResults(const ModelData& m, const Request& request,
                                        const Accumulator& scores, size_t k,
                                        bool popularityScores, Workspace& ws) {
  std::vector<Recommendation> out;
  Rules rules(m, request, ws);
  placePins(m, request, scores, k, rules, out);
  std::vector<Candidate> cands;
  for (uint32_t item : scores.touched()) {
    double s = scores.score(item);
    if (s > 0 && rules.allowed(item)) cands.push_back({s * rules.boost(item), item});
  }
  size_t sorted = 0, ci = 0;
  uint32_t fi = 0, n = static_cast<uint32_t>(m.itemCount());
  double topPopularity = n > 0 && m.popularity[0] > 0 ? m.popularity[0] : 1.0;
  auto fallbackScore = [&](uint32_t i) { return popularityScores ? m.popularity[i] / topPopularity : 0.0; };
  while (out.size() < k) {
    for (;; ++ci) {  // next acceptable candidate, extending the sorted prefix as needed
      if (ci == sorted && sorted < cands.size()) {
        size_t next = std::min(cands.size(), std::max(2 * sorted, 2 * k + 8));
        std::partial_sort(cands.begin() + sorted, cands.begin() + next, cands.end(), better);
        sorted = next;
      }
      if (ci >= cands.size() || (!rules.placed(cands[ci].item) && !rules.capped(cands[ci].item))) break;
    }
    while (fi < n && (scores.score(fi) > 0 || rules.placed(fi) || !rules.allowed(fi) || rules.capped(fi))) ++fi;
    bool haveCandidate = ci < cands.size(), haveFallback = fi < n;
    if (!haveCandidate && !haveFallback) break;
    Candidate fallback{haveFallback ? fallbackScore(fi) : 0.0, fi};
    if (haveCandidate && (!haveFallback || better(cands[ci], fallback))) {
      uint32_t item = cands[ci++].item;
      rules.place(item);
      out.push_back(result(m, request, item, cands[ci - 1].score,
                           popularityScores ? kNoItem : scores.anchor(item)));
    } else {
      rules.place(fi);
      out.push_back(result(m, request, fi, fallback.score, kNoItem));
      ++fi;
    }
  }
  return out;
}

}  // namespace engage::recommend::detail

