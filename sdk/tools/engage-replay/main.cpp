// engage-replay: feeds event logs through the engagement core (one Engagement per visitor, the same
// code as on the device and in the collector) and prints the aggregate metrics as JSON.
//
//   engage-replay [--format auto|engage|otto] [--as-of MS] [--per-visitor]
//                 [--session-timeout-ms N] [--max-length-ms N] [FILE ... | -]
//
// Output: {"input":{"lines","events","skipped","visitors"},
//          "config":{"sessionTimeoutMs","sessionMaxLengthMs","asOfMs"},
//          "metrics": aggregateVisitors(...)            // docs/METRICS.md, "Across visitors"
//          [, "visitors":[{"visitor":id,"lifetime":{...}}]]}   // with --per-visitor
// Exit status: 0 ok, 2 usage error or unreadable input.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "event_log.h"

namespace {

using engage::replay::LogFormat;

struct Options {
  LogFormat format = LogFormat::Auto;
  std::optional<int64_t> asOfMs;
  bool perVisitor = false;
  engage::EngagementConfig config;
  std::vector<std::string> files;
};

int usage(const std::string& problem) {
  if (!problem.empty()) std::cerr << "engage-replay: " << problem << "\n";
  std::cerr << "usage: engage-replay [--format auto|engage|otto] [--as-of MS] [--per-visitor]\n"
               "                     [--session-timeout-ms N] [--max-length-ms N] [FILE ... | -]\n";
  return 2;
}

std::optional<int64_t> number(const char* text) {
  char* end = nullptr;
  long long v = std::strtoll(text, &end, 10);
  if (end == text || *end != '\0' || v < 0) return std::nullopt;
  return static_cast<int64_t>(v);
}

// Returns an error message, or "" when the arguments were understood.
std::string parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool hasValue = i + 1 < argc;
    if (arg == "--per-visitor") {
      o.perVisitor = true;
    } else if (arg == "--format" && hasValue) {
      std::string f = argv[++i];
      if (f == "auto") o.format = LogFormat::Auto;
      else if (f == "engage") o.format = LogFormat::Engage;
      else if (f == "otto") o.format = LogFormat::Otto;
      else return "unknown format " + f;
    } else if ((arg == "--as-of" || arg == "--session-timeout-ms" || arg == "--max-length-ms") && hasValue) {
      std::optional<int64_t> v = number(argv[++i]);
      if (!v) return arg + " needs a non-negative integer";
      if (arg == "--as-of") o.asOfMs = *v;
      if (arg == "--session-timeout-ms") o.config.sessionTimeoutMs = *v;
      if (arg == "--max-length-ms") o.config.sessionMaxLengthMs = *v;
    } else if (arg == "--help" || arg == "-h") {
      return "help";
    } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      return "unknown or incomplete option " + arg;
    } else {
      o.files.push_back(arg);
    }
  }
  if (o.files.empty()) o.files.push_back("-");
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  std::string problem = parse(argc, argv, options);
  if (!problem.empty()) return usage(problem == "help" ? "" : problem);

  engage::replay::EventLog log;
  for (const std::string& file : options.files) {
    if (file == "-") {
      engage::replay::readLog(std::cin, options.format, log);
      continue;
    }
    std::ifstream in(file);
    if (!in) return usage("cannot read " + file);
    engage::replay::readLog(in, options.format, log);
  }

  std::vector<engage::EngagementTotals> totals;
  nlohmann::json perVisitor = nlohmann::json::array();
  for (const auto& [visitor, events] : log.visitors) {
    engage::VisitorReplay r = engage::replayVisitor(events, options.config, options.asOfMs);
    totals.push_back(r.totals);
    if (options.perVisitor) perVisitor.push_back({{"visitor", visitor}, {"lifetime", r.metrics["lifetime"]}});
  }

  nlohmann::json out;
  out["input"] = {{"lines", log.lines}, {"events", log.events}, {"skipped", log.skipped},
                  {"visitors", log.visitors.size()}};
  out["config"] = {{"sessionTimeoutMs", options.config.sessionTimeoutMs},
                   {"sessionMaxLengthMs", options.config.sessionMaxLengthMs},
                   {"asOfMs", options.asOfMs ? nlohmann::json(*options.asOfMs) : nlohmann::json()}};
  out["metrics"] = engage::aggregateVisitors(totals);
  if (options.perVisitor) out["visitors"] = perVisitor;
  std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return 0;
}
