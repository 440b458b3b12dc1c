// The evaluation protocol's data steps (session-rec preprocessing, ../shared/RECOMMENDER.md):
// sessions, filtering, the time split. The model builder uses the same filtering.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "engage/recommend.h"

namespace engage::recommend {
namespace {

void sortSessions(std::vector<LogSession>& sessions) {
  std::sort(sessions.begin(), sessions.end(), [](const LogSession& a, const LogSession& b) {
    return a.endMs() != b.endMs() ? a.endMs() < b.endMs() : a.id < b.id;
  });
}

void dropShort(std::vector<LogSession>& sessions, size_t minLength) {
  sessions.erase(std::remove_if(sessions.begin(), sessions.end(),
                                [&](const LogSession& s) { return s.events.size() < minLength; }),
                 sessions.end());
}

}  // namespace

std::vector<LogSession> groupSessions(std::vector<LogEvent> events, const ProtocolConfig& config) {
  // Events keep their file order within equal timestamps (stable sort per group).
  std::unordered_map<std::string, size_t> byKey;
  std::vector<std::vector<LogEvent>> groups;
  std::vector<std::string> keys;
  for (LogEvent& e : events) {
    std::string key = e.session.empty() ? "v:" + e.visitor : "s:" + e.session;
    auto [it, inserted] = byKey.emplace(key, groups.size());
    if (inserted) {
      groups.emplace_back();
      keys.push_back(key);
    }
    groups[it->second].push_back(std::move(e));
  }
  std::vector<LogSession> sessions;
  for (size_t g = 0; g < groups.size(); ++g) {
    auto& group = groups[g];
    std::stable_sort(group.begin(), group.end(), [](const LogEvent& a, const LogEvent& b) { return a.tsMs < b.tsMs; });
    bool byGap = keys[g][0] == 'v';
    size_t part = 0;
    for (size_t i = 0; i < group.size(); ++i) {
      if (i == 0 || (byGap && group[i].tsMs - group[i - 1].tsMs > config.sessionGapMs)) {
        LogSession s;
        s.id = byGap ? group[i].visitor + "#" + std::to_string(part++) : group[i].session;
        s.visitor = group[i].visitor;
        sessions.push_back(std::move(s));
      }
      if (sessions.back().visitor.empty()) sessions.back().visitor = group[i].visitor;
      sessions.back().events.push_back(std::move(group[i]));
    }
  }
  sortSessions(sessions);
  return sessions;
}

void filterSessions(std::vector<LogSession>& sessions, const ProtocolConfig& config) {
  dropShort(sessions, config.minSessionLength);
  std::unordered_map<std::string, size_t> support;
  for (const auto& s : sessions) {
    for (const auto& e : s.events) ++support[e.item];
  }
  for (auto& s : sessions) {
    s.events.erase(std::remove_if(s.events.begin(), s.events.end(),
                                  [&](const LogEvent& e) { return support[e.item] < config.minItemSupport; }),
                   s.events.end());
  }
  dropShort(sessions, config.minSessionLength);
}

TrainTestSplit splitByTime(std::vector<LogSession> sessions, const ProtocolConfig& config) {
  TrainTestSplit split;
  int64_t latest = 0;
  for (const auto& s : sessions) latest = std::max(latest, s.endMs());
  int64_t testFrom = latest - config.testWindowMs;
  std::unordered_set<std::string> trainItems;
  for (auto& s : sessions) {
    if (s.endMs() > testFrom) {
      split.test.push_back(std::move(s));
    } else {
      for (const auto& e : s.events) trainItems.insert(e.item);
      split.train.push_back(std::move(s));
    }
  }
  dropShort(split.train, config.minSessionLength);
  for (auto& s : split.test) {
    s.events.erase(std::remove_if(s.events.begin(), s.events.end(),
                                  [&](const LogEvent& e) { return trainItems.count(e.item) == 0; }),
                   s.events.end());
  }
  dropShort(split.test, config.minSessionLength);
  sortSessions(split.train);
  sortSessions(split.test);
  return split;
}

std::vector<TrainingSession> toTrainingSessions(const std::vector<LogSession>& sessions) {
  std::vector<TrainingSession> out;
  out.reserve(sessions.size());
  for (const auto& s : sessions) {
    TrainingSession t;
    for (const auto& e : s.events) t.items.push_back(e.item);
    t.endMs = s.endMs();
    out.push_back(std::move(t));
  }
  return out;
}

std::map<std::string, std::string> catalogFromSessions(const std::vector<LogSession>& sessions) {
  std::map<std::string, std::string> catalog;
  for (const auto& s : sessions) {
    for (const auto& e : s.events) {
      if (!e.category.empty()) catalog[e.item] = e.category;
    }
  }
  return catalog;
}

}  // namespace engage::recommend
