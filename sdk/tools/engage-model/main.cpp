// engage-model --input <log> --output <model.egrm> [options]
// Reads an event log, applies the evaluation protocol's filtering (sessions of length >= 2,
// items with >= 5 events), builds the model and writes it. Progress goes to stderr.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "engage/recommend.h"
#include "log_reader.h"

namespace {

using namespace engage;

const char* kUsage =
    "usage: engage-model --input PATH --output PATH [options]\n"
    "  --format F              auto|csv|diginetica|otto|engage-db|engage-jsonl (default auto)\n"
    "  --catalog PATH          item,category CSV (categories also come from event properties)\n"
    "  --min-item-support N    drop items with fewer events (default 5)\n"
    "  --min-session-length N  drop shorter sessions (default 2)\n"
    "  --session-gap-min N     split visitor events after N idle minutes (default 30)\n"
    "  --max-sessions N        most recent sessions stored for session-kNN (default 50000)\n"
    "  --max-session-length N  events kept per stored session (default 50)\n"
    "  --rule-steps N          sequential-rule window (default 20)\n"
    "  --max-rules N           rules kept per item (default 20)\n"
    "  --min-rule-share-pct N  drop rules weaker than N% of the item's strongest (default 5)\n"
    "  --created-sec N         creation time written into the model (default 0: reproducible)\n"
    "  --quiet                 no progress on stderr\n";

struct Options {
  std::string input, output, catalog;
  tools::LogFormat format = tools::LogFormat::Auto;
  recommend::ProtocolConfig protocol;
  recommend::BuildConfig build;
  bool progress = true;
};

bool parseNumber(const char* text, long long& out) {
  char* end = nullptr;
  out = std::strtoll(text, &end, 10);
  return end != text && *end == '\0' && out >= 0;
}

bool parseArgs(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--quiet") {
      o.progress = false;
      continue;
    }
    if (i + 1 >= argc) return false;
    const char* v = argv[++i];
    long long n = 0;
    bool numeric = parseNumber(v, n);
    if (a == "--input") o.input = v;
    else if (a == "--output") o.output = v;
    else if (a == "--catalog") o.catalog = v;
    else if (a == "--format") { if (!tools::parseLogFormat(v, o.format)) return false; }
    else if (!numeric) return false;
    else if (a == "--min-item-support") o.protocol.minItemSupport = static_cast<size_t>(n);
    else if (a == "--min-session-length") o.protocol.minSessionLength = static_cast<size_t>(n);
    else if (a == "--session-gap-min") o.protocol.sessionGapMs = n * 60000;
    else if (a == "--max-sessions") o.build.maxSessions = static_cast<int>(n);
    else if (a == "--max-session-length") o.build.maxSessionLength = static_cast<int>(n);
    else if (a == "--rule-steps") o.build.ruleSteps = static_cast<int>(n);
    else if (a == "--max-rules") o.build.maxRulesPerItem = static_cast<int>(n);
    else if (a == "--min-rule-share-pct") o.build.minRuleShare = static_cast<double>(n) / 100.0;
    else if (a == "--created-sec") o.build.createdSec = n;
    else return false;
  }
  return !o.input.empty() && !o.output.empty();
}

void say(const Options& o, const std::string& text) {
  if (o.progress) std::fprintf(stderr, "%s\n", text.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parseArgs(argc, argv, o)) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  auto started = std::chrono::steady_clock::now();
  std::vector<recommend::LogEvent> events;
  tools::ReadStats stats;
  std::string error;
  say(o, "reading " + o.input);
  if (!tools::readEventLog(o.input, o.format, o.progress, events, stats, error)) {
    std::fprintf(stderr, "engage-model: %s\n", error.c_str());
    return 1;
  }
  std::map<std::string, std::string> catalog;
  if (!o.catalog.empty() && !tools::readCatalog(o.catalog, catalog, error)) {
    std::fprintf(stderr, "engage-model: %s\n", error.c_str());
    return 1;
  }
  say(o, "grouping " + std::to_string(events.size()) + " events into sessions");
  std::vector<recommend::LogSession> sessions = recommend::groupSessions(std::move(events), o.protocol);
  size_t before = sessions.size();
  recommend::filterSessions(sessions, o.protocol);
  say(o, "filtered sessions: " + std::to_string(before) + " -> " + std::to_string(sessions.size()));
  for (const auto& [item, category] : recommend::catalogFromSessions(sessions)) catalog.emplace(item, category);
  say(o, "building the model");
  std::vector<uint8_t> bytes = recommend::buildModel(recommend::toTrainingSessions(sessions), catalog, o.build);
  recommend::LoadResult check = recommend::Model::load(bytes.data(), bytes.size());
  if (!check.ok()) {
    std::fprintf(stderr, "engage-model: the built model does not load: %s\n", check.error.message.c_str());
    return 1;
  }
  if (!tools::writeBinaryFile(o.output, bytes)) {
    std::fprintf(stderr, "engage-model: cannot write %s\n", o.output.c_str());
    return 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const recommend::Model& m = *check.model;
  std::printf("wrote %s: %zu bytes, %zu items, %zu sessions stored, %zu rules, categories %s (%.1f s)\n",
              o.output.c_str(), bytes.size(), m.itemCount(), m.sessionCount(), m.ruleCount(),
              m.hasCategories() ? "yes" : "no", seconds);
  return 0;
}
