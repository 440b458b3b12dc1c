// engage-eval --input <log> [options]: the evaluation protocol for every method (evaluation.h).
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "evaluation.h"
#include "log_reader.h"

namespace {

using namespace engage;

const char* kUsage =
    "usage: engage-eval --input PATH [options]\n"
    "  --format F              auto|csv|diginetica|otto|engage-db|engage-jsonl (default auto)\n"
    "  --methods LIST          comma list of popular,sr,vsknn,stan,vstan,engage (default all)\n"
    "  --test-days N           test window in days (default 7)\n"
    "  --validation            evaluate on the last window of the training part (for tuning)\n"
    "  --slices N              N consecutive windows, each trained on all data before it; the\n"
    "                          metrics pool every prediction (default 1: the protocol's split)\n"
    "  --min-item-support N    (default 5)   --min-session-length N (default 2)\n"
    "  --session-gap-min N     (default 30)  --max-sessions N (default 50000)\n"
    "  --max-rules N (default 20)  --min-rule-share X (default 0.05): model size knobs\n"
    "  --blend-session W --blend-vsknn W --blend-rules W --blend-hop W --blend-history W\n"
    "  --history-half-life-days D\n"
    "                          Engage blend weights (defaults in engage/recommend.h)\n"
    "  --json                  machine-readable output\n"
    "  --quiet                 no progress on stderr\n";

struct Args {
  std::string input;
  tools::LogFormat format = tools::LogFormat::Auto;
  tools::EvalOptions eval;
  bool json = false;
};

bool parseMethods(const std::string& list, std::vector<recommend::Method>& out) {
  std::stringstream in(list);
  std::string name;
  while (std::getline(in, name, ',')) {
    auto m = recommend::methodFromName(name);
    if (!m) return false;
    out.push_back(*m);
  }
  return !out.empty();
}

bool parseArgs(int argc, char** argv, Args& a) {
  tools::EvalOptions& e = a.eval;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    if (k == "--validation") e.validation = true;
    else if (k == "--json") a.json = true;
    else if (k == "--quiet") e.progress = false;
    else if (i + 1 >= argc) return false;
    else {
      std::string v = argv[++i];
      char* end = nullptr;
      double x = std::strtod(v.c_str(), &end);
      bool numeric = end != v.c_str() && *end == '\0' && x >= 0;
      if (k == "--input") a.input = v;
      else if (k == "--format") { if (!tools::parseLogFormat(v, a.format)) return false; }
      else if (k == "--methods") { if (!parseMethods(v, e.methods)) return false; }
      else if (!numeric) return false;
      else if (k == "--slices") e.slices = static_cast<int>(x);
      else if (k == "--test-days") e.protocol.testWindowMs = static_cast<int64_t>(x * 86400000);
      else if (k == "--min-item-support") e.protocol.minItemSupport = static_cast<size_t>(x);
      else if (k == "--min-session-length") e.protocol.minSessionLength = static_cast<size_t>(x);
      else if (k == "--session-gap-min") e.protocol.sessionGapMs = static_cast<int64_t>(x * 60000);
      else if (k == "--max-sessions") e.build.maxSessions = static_cast<int>(x);
      else if (k == "--max-rules") e.build.maxRulesPerItem = static_cast<int>(x);
      else if (k == "--min-rule-share") e.build.minRuleShare = x;
      else if (k == "--blend-session") e.scoring.blend.sessionWeight = x;
      else if (k == "--blend-rules") e.scoring.blend.rulesWeight = x;
      else if (k == "--blend-vsknn") e.scoring.blend.vsknnWeight = x;
      else if (k == "--blend-hop") e.scoring.blend.secondHopWeight = x;
      else if (k == "--blend-history") e.scoring.blend.historyWeight = x;
      else if (k == "--history-half-life-days") e.scoring.blend.historyHalfLifeDays = x;
      else return false;
    }
  }
  if (e.methods.empty()) {
    using M = recommend::Method;
    e.methods = {M::Popular, M::SequentialRules, M::VSKNN, M::STAN, M::VSTAN, M::Engage};
  }
  return !a.input.empty();
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  if (!parseArgs(argc, argv, a)) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::vector<recommend::LogEvent> events;
  tools::ReadStats stats;
  std::string error;
  if (!tools::readEventLog(a.input, a.format, a.eval.progress, events, stats, error)) {
    std::fprintf(stderr, "engage-eval: %s\n", error.c_str());
    return 1;
  }
  std::vector<recommend::LogSession> sessions = recommend::groupSessions(std::move(events), a.eval.protocol);
  recommend::filterSessions(sessions, a.eval.protocol);
  tools::EvalReport report;
  if (!tools::runEvaluation(std::move(sessions), a.eval, report, error)) {
    std::fprintf(stderr, "engage-eval: %s\n", error.c_str());
    return 1;
  }
  if (a.json) tools::printReportJson(report);
  else tools::printReport(report, a.eval);
  return 0;
}
