// Reads event logs from files and the collector's SQLite database into LogEvents, streaming
// line by line, with progress on stderr for long runs. Shared by engage-model and engage-eval.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engage/recommend.h"

namespace engage::tools {

enum class LogFormat { Auto, Csv, Diginetica, Otto, EngageDb, EngageJsonl };

// "auto", "csv", "diginetica", "otto", "engage-db", "engage-jsonl"; false when unknown.
bool parseLogFormat(const std::string& name, LogFormat& out);

struct ReadStats {
  uint64_t lines = 0;
  uint64_t events = 0;
  uint64_t skipped = 0;  // lines that held no usable event (headers, other event types)
};

// Appends the events of `path` to `out`. Returns false with `error` set on I/O failure.
bool readEventLog(const std::string& path, LogFormat format, bool progress,
                  std::vector<recommend::LogEvent>& out, ReadStats& stats, std::string& error);

// A catalog CSV: item,category per line (a header line is allowed).
bool readCatalog(const std::string& path, std::map<std::string, std::string>& out, std::string& error);

// Whole file into a string (model files).
bool readBinaryFile(const std::string& path, std::string& out);
bool writeBinaryFile(const std::string& path, const std::vector<uint8_t>& bytes);

}  // namespace engage::tools
