#include "evaluation.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>

namespace engage::tools {
namespace {

using recommend::HistoryEvent;
using recommend::LogSession;

struct Timed {
  int64_t tsMs;
  std::string session;
  HistoryEvent event;
};

// Every visitor's events (train and test), in time order: the history a device would hold.
std::map<std::string, std::vector<Timed>> historyIndex(const std::vector<LogSession>& a,
                                                       const std::vector<LogSession>& b, const EvalOptions& o) {
  std::map<std::string, std::vector<Timed>> index;
  for (const auto* list : {&a, &b}) {
    for (const LogSession& s : *list) {
      if (s.visitor.empty()) continue;
      for (const auto& e : s.events) {
        double w = e.kind == recommend::EventKind::Order  ? o.orderWeight
                   : e.kind == recommend::EventKind::Cart ? o.cartWeight
                                                           : o.viewWeight;
        index[s.visitor].push_back(Timed{e.tsMs, s.id, HistoryEvent{e.item, e.tsMs, w}});
      }
    }
  }
  for (auto& [visitor, events] : index) {
    std::stable_sort(events.begin(), events.end(), [](const Timed& x, const Timed& y) { return x.tsMs < y.tsMs; });
  }
  return index;
}

std::vector<HistoryEvent> historyBefore(const std::map<std::string, std::vector<Timed>>& index, const LogSession& s) {
  std::vector<HistoryEvent> out;
  auto it = index.find(s.visitor);
  if (s.visitor.empty() || it == index.end()) return out;
  int64_t start = s.events.front().tsMs;
  for (const Timed& t : it->second) {
    if (t.tsMs < start && t.session != s.id) out.push_back(t.event);
  }
  return out;
}

std::string utcDay(int64_t ms) {
  int64_t z = ms / 86400000 + 719468;  // civil_from_days (Howard Hinnant)
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y), static_cast<long long>(m),
                static_cast<long long>(d));
  return buf;
}

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(i), v.end());
  return v[i];
}

MethodResult evaluateMethod(recommend::Recommender& rec, recommend::Method method,
                            const std::vector<LogSession>& test,
                            const std::map<std::string, std::vector<Timed>>& history, const EvalOptions& o) {
  MethodResult r;
  r.method = method;
  const recommend::Model& model = rec.model();
  std::vector<char> covered(model.itemCount(), 0);
  std::vector<double> micros;
  double topPopularity = model.itemCount() > 0 ? std::max(1u, model.popularityAt(0)) : 1.0;
  for (const LogSession& s : test) {
    recommend::Request q;
    q.method = method;
    q.k = 20;
    if (method == recommend::Method::Engage) q.history = historyBefore(history, s);
    for (size_t k = 1; k < s.events.size(); ++k) {
      q.session.push_back(s.events[k - 1].item);
      q.nowMs = s.events[k - 1].tsMs;
      auto started = std::chrono::steady_clock::now();
      std::vector<recommend::Recommendation> list = rec.recommend(q);
      micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - started).count());
      const std::string& truth = s.events[k].item;
      double popularity = 0;
      size_t rank = 0;
      for (size_t i = 0; i < list.size(); ++i) {
        if (rank == 0 && list[i].id == truth) rank = i + 1;
        auto index = model.indexOf(list[i].id);
        if (index) {
          covered[*index] = 1;
          popularity += model.popularityAt(*index) / topPopularity;
        }
      }
      r.popularity += list.empty() ? 0 : popularity / static_cast<double>(list.size());
      for (int c = 0; c < 3; ++c) {
        if (rank > 0 && rank <= kCutoffs[c]) {
          r.hr[c] += 1;
          r.mrr[c] += 1.0 / static_cast<double>(rank);
        }
      }
      ++r.predictions;
    }
  }
  double n = r.predictions > 0 ? static_cast<double>(r.predictions) : 1.0;
  for (int c = 0; c < 3; ++c) {
    r.hr[c] /= n;
    r.mrr[c] /= n;
  }
  r.popularity /= n;
  r.coverage = static_cast<double>(std::count(covered.begin(), covered.end(), 1)) /
               std::max<double>(1.0, static_cast<double>(covered.size()));
  r.p50Us = percentile(micros, 0.50);
  r.p99Us = percentile(micros, 0.99);
  r.micros = std::move(micros);
  return r;
}

size_t countEvents(const std::vector<LogSession>& sessions) {
  size_t n = 0;
  for (const auto& s : sessions) n += s.events.size();
  return n;
}

// One split: build the model from its training part and evaluate every method on its test part.
bool evaluateSplit(recommend::TrainTestSplit split, const EvalOptions& o, EvalReport& report, std::string& error) {
  if (split.train.empty() || split.test.empty()) {
    error = "the time split left no training or no test sessions";
    return false;
  }
  if (report.slices == 0) {  // the latest slice describes the report
    report.splitDay = utcDay(split.train.back().endMs());
    report.lastDay = utcDay(split.test.back().endMs());
  }
  report.trainSessions += split.train.size();
  report.trainEvents += countEvents(split.train);
  report.testSessions += split.test.size();
  report.testEvents += countEvents(split.test);
  std::vector<uint8_t> bytes = recommend::buildModel(recommend::toTrainingSessions(split.train),
                                                     recommend::catalogFromSessions(split.train), o.build);
  recommend::LoadResult loaded = recommend::Model::load(bytes.data(), bytes.size());
  if (!loaded.ok()) {
    error = "the model does not load: " + loaded.error.message;
    return false;
  }
  if (report.slices == 0) {
    report.modelBytes = bytes.size();
    report.items = loaded.model->itemCount();
    report.storedSessions = loaded.model->sessionCount();
    report.rules = loaded.model->ruleCount();
  }
  auto history = historyIndex(split.train, split.test, o);
  for (const auto& s : split.test) report.testSessionsWithHistory += !historyBefore(history, s).empty();
  recommend::Recommender rec(*loaded.model, o.scoring);
  for (size_t i = 0; i < o.methods.size(); ++i) {
    if (o.progress) std::fprintf(stderr, "slice %d: evaluating %s\n", report.slices, recommend::methodName(o.methods[i]));
    MethodResult r = evaluateMethod(rec, o.methods[i], split.test, history, o);
    if (report.results.size() <= i) {
      report.results.push_back(r);
      continue;
    }
    MethodResult& pooled = report.results[i];
    double a = static_cast<double>(pooled.predictions), b = static_cast<double>(r.predictions);
    auto mix = [&](double x, double y) { return a + b > 0 ? (x * a + y * b) / (a + b) : 0.0; };
    for (int c = 0; c < 3; ++c) {
      pooled.hr[c] = mix(pooled.hr[c], r.hr[c]);
      pooled.mrr[c] = mix(pooled.mrr[c], r.mrr[c]);
    }
    pooled.coverage = mix(pooled.coverage, r.coverage);
    pooled.popularity = mix(pooled.popularity, r.popularity);
    pooled.predictions += r.predictions;
    pooled.micros.insert(pooled.micros.end(), r.micros.begin(), r.micros.end());
    pooled.p50Us = percentile(pooled.micros, 0.50);
    pooled.p99Us = percentile(pooled.micros, 0.99);
  }
  ++report.slices;
  return true;
}

}  // namespace

bool runEvaluation(std::vector<LogSession> sessions, const EvalOptions& o, EvalReport& report, std::string& error) {
  if (sessions.empty()) {
    error = "no sessions left after filtering";
    return false;
  }
  int64_t first = sessions.front().events.front().tsMs, latest = 0;
  for (const auto& s : sessions) {
    first = std::min(first, s.events.front().tsMs);
    latest = std::max(latest, s.endMs());
  }
  report.firstDay = utcDay(first);
  int skip = o.validation ? 1 : 0;
  for (int i = 0; i < std::max(o.slices, 1); ++i) {
    int64_t cutoff = latest - static_cast<int64_t>(i + skip) * o.protocol.testWindowMs;
    std::vector<LogSession> available;
    for (const auto& s : sessions) {
      if (s.endMs() <= cutoff) available.push_back(s);
    }
    if (!evaluateSplit(recommend::splitByTime(std::move(available), o.protocol), o, report, error)) return false;
  }
  return true;
}

}  // namespace engage::tools
