#include <cmath>
#include <cstdio>

#include "base/json_access.h"
#include "evaluation.h"

namespace engage::tools {

void printReport(const EvalReport& r, const EvalOptions& o) {
  std::printf("%s split: data %s .. %s, train until %s, test window %lld days, %d slice(s)%s\n",
              o.validation ? "VALIDATION" : "TEST", r.firstDay.c_str(), r.lastDay.c_str(), r.splitDay.c_str(),
              static_cast<long long>(o.protocol.testWindowMs / 86400000), r.slices,
              r.slices > 1 ? " (counts summed over slices; model figures from the latest)" : "");
  std::printf("train: %zu sessions, %zu events, %zu items | test: %zu sessions, %zu events (%zu with history)\n",
              r.trainSessions, r.trainEvents, r.items, r.testSessions, r.testEvents, r.testSessionsWithHistory);
  std::printf("model: %zu bytes (%zu stored sessions, %zu rules)\n\n", r.modelBytes, r.storedSessions, r.rules);
  std::printf("| method  | HR@5   | HR@10  | HR@20  | MRR@5  | MRR@10 | MRR@20 | cov@20 | pop@20 | bytes  | p50 us | p99 us |\n");
  std::printf("|---------|--------|--------|--------|--------|--------|--------|--------|--------|--------|--------|--------|\n");
  for (const MethodResult& m : r.results) {
    std::printf("| %-7s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %6zu | %6.1f | %6.1f |\n",
                recommend::methodName(m.method), m.hr[0], m.hr[1], m.hr[2], m.mrr[0], m.mrr[1], m.mrr[2],
                m.coverage, m.popularity, r.modelBytes, m.p50Us, m.p99Us);
  }
  if (!r.results.empty()) {
    size_t n = r.results.front().predictions;
    double p = r.results.front().hr[2];
    std::printf("\n%zu predictions per method; a naive binomial standard error of HR@20 is about %.4f\n", n,
                n > 0 ? std::sqrt(p * (1 - p) / static_cast<double>(n)) : 0.0);
  }
}

void printReportJson(const EvalReport& r) {
  using engage::detail::Json;
  Json j = {{"trainSessions", r.trainSessions}, {"trainEvents", r.trainEvents}, {"testSessions", r.testSessions},
            {"testEvents", r.testEvents},       {"items", r.items},             {"modelBytes", r.modelBytes},
            {"firstDay", r.firstDay},           {"splitDay", r.splitDay},       {"lastDay", r.lastDay}};
  Json methods = Json::array();
  for (const MethodResult& m : r.results) {
    methods.push_back({{"method", recommend::methodName(m.method)}, {"predictions", m.predictions},
                       {"hr5", m.hr[0]}, {"hr10", m.hr[1]}, {"hr20", m.hr[2]},
                       {"mrr5", m.mrr[0]}, {"mrr10", m.mrr[1]}, {"mrr20", m.mrr[2]},
                       {"coverage20", m.coverage}, {"popularity20", m.popularity},
                       {"p50us", m.p50Us}, {"p99us", m.p99Us}});
  }
  j["methods"] = methods;
  std::printf("%s\n", engage::detail::dumpJson(j).c_str());
}

}  // namespace engage::tools
