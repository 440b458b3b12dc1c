// engage-stats: analyse an experiment from per-variation summaries.
//
//   engage-stats [--table] [--pretty] [--sequential] [--tuning N] [--alpha A] [--z] [--baseline I] [FILE|-]
//
// Reads one ExperimentData JSON object (or an array of them; see engage/stats.h) from FILE or stdin and
// prints the AnalysisResult JSON (an array for an array), or a table with --table. Flags override the
// input's "options". Exit status: 0 when every analysis succeeded, 1 when one failed (its error result
// is printed), 2 for a usage error or an unreadable input.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include "base/json_access.h"
#include "engage/stats.h"
#include "table.h"

namespace {

using engage::detail::Json;

const char* kUsage =
    "usage: engage-stats [--table] [--pretty] [--sequential] [--tuning N] [--alpha A] [--z] [--baseline I] [FILE|-]\n"
    "  reads experiment summaries as JSON (see sdk/include/engage/stats.h) from FILE or stdin\n"
    "  --table       print a human-readable table instead of JSON\n"
    "  --pretty      indent the JSON output\n"
    "  --sequential  always-valid (sequential) intervals and p-values; --tuning N sets gbstats' N (5000)\n"
    "  --alpha A     significance level (0.05); --z uses the pooled two-proportion z-test\n"
    "  --baseline I  index of the control variation (0)\n";

struct Arguments {
  std::string input = "-";
  bool table = false;
  bool pretty = false;
  Json overrides = Json::object();  // merged into every request's "options"
};

bool parseNumber(const char* text, double& out) {
  char* end = nullptr;
  out = std::strtod(text, &end);
  return end != text && *end == '\0';
}

// Returns false on a usage error.
bool parseArguments(int argc, char** argv, Arguments& args) {
  bool haveInput = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    double number = 0;
    auto numeric = [&](const char* key) {
      if (i + 1 >= argc || !parseNumber(argv[++i], number)) return false;
      args.overrides[key] = number;
      return true;
    };
    if (a == "--table") args.table = true;
    else if (a == "--pretty") args.pretty = true;
    else if (a == "--sequential") args.overrides["sequential"] = true;
    else if (a == "--z") args.overrides["proportionTest"] = "z";
    else if (a == "--tuning") { if (!numeric("sequentialTuning")) return false; }
    else if (a == "--alpha") { if (!numeric("alpha")) return false; }
    else if (a == "--baseline") { if (!numeric("baseline")) return false; }
    else if (a == "-" || a.rfind("-", 0) != 0) {
      if (haveInput) return false;
      args.input = a;
      haveInput = true;
    } else {
      return false;
    }
  }
  return true;
}

bool readInput(const std::string& path, std::string& text) {
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

engage::stats::AnalysisResult analyzeRequest(const Json& request, const Json& overrides) {
  using namespace engage::stats;
  ExperimentData data;
  AnalysisOptions options;
  AnalysisResult failed;
  if (!fromJson(request, data, &failed.error)) return failed;
  Json merged = Json::object();
  if (const Json* given = engage::detail::member(request, "options")) merged = *given;
  if (merged.is_object()) merged.update(overrides);
  if (!fromJson(merged, options, &failed.error)) return failed;
  return analyze(data, options);
}

}  // namespace

int main(int argc, char** argv) {
  Arguments args;
  if (!parseArguments(argc, argv, args)) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::string text;
  if (!readInput(args.input, text)) {
    std::fprintf(stderr, "engage-stats: cannot read %s\n", args.input.c_str());
    return 2;
  }
  const auto parsed = engage::detail::parseJson(text);
  if (!parsed) {
    std::fprintf(stderr, "engage-stats: the input is not valid JSON\n");
    return 2;
  }
  const bool many = parsed->is_array();
  Json results = Json::array();
  std::string tables;
  bool allOk = true;
  for (const Json& request : many ? *parsed : Json::array({*parsed})) {
    const engage::stats::AnalysisResult result = analyzeRequest(request, args.overrides);
    allOk = allOk && result.ok;
    if (args.table) tables += engage::tools::renderTable(result) + "\n";
    else results.push_back(engage::stats::toJson(result));
  }
  if (args.table) {
    std::fputs(tables.c_str(), stdout);
  } else {
    const Json& out = many ? results : results[0];
    std::puts(out.dump(args.pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace).c_str());
  }
  return allOk ? 0 : 1;
}
