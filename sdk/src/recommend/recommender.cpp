#include <algorithm>

#include "engage/recommend.h"
#include "recommend/blend.h"
#include "recommend/knn.h"
#include "recommend/ranking.h"
#include "recommend/rules.h"
#include "recommend/workspace.h"

namespace engage::recommend {
namespace {

using detail::kNoItem;
using detail::ModelData;

// The sequence the session methods see, oldest first, as model indices: the session's views,
// then the product on screen (product context) or the cart's items (cart context). Unknown ids
// are skipped; only the last `limit` entries are kept.
std::vector<uint32_t> buildSequence(const ModelData& m, const Request& r, int limit) {
  std::vector<uint32_t> seq;
  auto push = [&](const std::string& id) {
    uint32_t item = m.find(id);
    if (item != kNoItem) seq.push_back(item);
  };
  for (const auto& id : r.session) push(id);
  if (r.context == Context::Product && !r.item.empty() && (r.session.empty() || r.session.back() != r.item)) {
    push(r.item);
  }
  if (r.context == Context::Cart) {
    for (const auto& id : r.cart) push(id);
  }
  size_t keep = static_cast<size_t>(std::max(limit, 1));
  if (seq.size() > keep) seq.erase(seq.begin(), seq.end() - static_cast<std::ptrdiff_t>(keep));
  return seq;
}

int64_t effectiveNow(const Request& r) {
  if (r.nowMs != 0) return r.nowMs;
  int64_t latest = 0;
  for (const auto& e : r.history) latest = std::max(latest, e.tsMs);
  return latest;
}

// The Popular method ranks by popularity; boosted items enter as scored candidates so that
// their boost can lift them (everything else comes from the popularity fallback).
void scorePopularBoosts(const ModelData& m, const Request& r, detail::Accumulator& out) {
  if (m.itemCount() == 0) return;
  double top = m.popularity[0] > 0 ? m.popularity[0] : 1.0;
  auto add = [&](uint32_t item) {
    if (item != kNoItem && m.popularity[item] > 0 && out.score(item) == 0) {
      out.add(item, m.popularity[item] / top, kNoItem);
    }
  };
  for (const auto& entry : r.filter.boostItems) add(m.find(entry.first));
  if (r.filter.boostCategories.empty() || m.itemCategory.empty()) return;
  for (uint32_t i = 0; i < m.itemCount(); ++i) {
    uint32_t c = m.itemCategory[i];
    if (c != 0 && r.filter.boostCategories.count(m.categoryNames[c - 1])) add(i);
  }
}

}  // namespace

Recommender::Recommender(Model model, ScoringConfig config)
    : model_(std::move(model)),
      config_(config),
      workspace_(std::make_unique<detail::Workspace>(model_.data(), config_)) {}

Recommender::~Recommender() = default;
Recommender::Recommender(Recommender&&) noexcept = default;
Recommender& Recommender::operator=(Recommender&&) noexcept = default;

std::vector<Recommendation> Recommender::recommend(const Request& request) {
  const ModelData& m = model_.data();
  detail::Workspace& ws = *workspace_;
  size_t k = static_cast<size_t>(std::clamp(request.k, 0, std::max(config_.maxK, 0)));
  if (k == 0) return {};
  ws.clearScores();
  std::vector<uint32_t> seq = buildSequence(m, request, config_.maxSessionItems);
  bool popularityScores = false;
  switch (request.method) {
    case Method::Popular:
      popularityScores = true;
      scorePopularBoosts(m, request, ws.final);
      break;
    case Method::SequentialRules:
      if (!seq.empty()) detail::scoreRules(m, seq.back(), 1.0, ws.final);
      break;
    case Method::VSKNN:
      detail::scoreVsknn(m, seq, config_.vsknn, ws, ws.final);
      break;
    case Method::STAN:
      detail::scoreStan(m, seq, config_.stan, ws, ws.final);
      break;
    case Method::VSTAN:
      detail::scoreVstan(m, seq, config_.vstan, ws, ws.final);
      break;
    case Method::Engage:
      detail::scoreEngage(m, seq, request.history, effectiveNow(request), config_, ws, ws.final);
      break;
  }
  return detail::rankResults(m, request, ws.final, k, popularityScores, ws);
}

std::string Recommendation::reasonText() const {
  switch (reason) {
    case ReasonCode::Viewed: return "because you viewed " + because;
    case ReasonCode::BoughtTogether: return "bought together with " + because;
    case ReasonCode::Pinned: return "featured";
    case ReasonCode::Popular: break;
  }
  return "popular";
}

const char* methodName(Method method) {
  switch (method) {
    case Method::Popular: return "popular";
    case Method::SequentialRules: return "sr";
    case Method::VSKNN: return "vsknn";
    case Method::STAN: return "stan";
    case Method::VSTAN: return "vstan";
    case Method::Engage: return "engage";
  }
  return "engage";
}

std::optional<Method> methodFromName(std::string_view name) {
  for (Method m : {Method::Popular, Method::SequentialRules, Method::VSKNN, Method::STAN,
                   Method::VSTAN, Method::Engage}) {
    if (name == methodName(m)) return m;
  }
  return std::nullopt;
}

const char* reasonCodeName(ReasonCode code) {
  switch (code) {
    case ReasonCode::Viewed: return "viewed";
    case ReasonCode::BoughtTogether: return "bought_together";
    case ReasonCode::Pinned: return "pinned";
    case ReasonCode::Popular: break;
  }
  return "popular";
}

}  // namespace engage::recommend
