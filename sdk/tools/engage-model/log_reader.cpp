#include "log_reader.h"

#include <sqlite3.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

namespace engage::tools {
namespace {

using recommend::LogEvent;

constexpr uint64_t kProgressEvery = 200000;  // lines between progress lines

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

LogFormat detectFormat(const std::string& path) {
  if (endsWith(path, ".db") || endsWith(path, ".sqlite") || endsWith(path, ".sqlite3")) return LogFormat::EngageDb;
  std::ifstream in(path);
  std::string first;
  std::getline(in, first);
  if (endsWith(path, ".jsonl") || endsWith(path, ".json") || (!first.empty() && first[0] == '{')) {
    return first.find("\"events\"") != std::string::npos ? LogFormat::Otto : LogFormat::EngageJsonl;
  }
  return first.find(';') != std::string::npos ? LogFormat::Diginetica : LogFormat::Csv;
}

size_t parseLine(LogFormat format, const std::string& line, std::vector<LogEvent>& out) {
  LogEvent e;
  switch (format) {
    case LogFormat::Csv:
      if (!recommend::parseSessionCsvLine(line, e)) return 0;
      out.push_back(std::move(e));
      return 1;
    case LogFormat::Diginetica:
      if (!recommend::parseDigineticaLine(line, e)) return 0;
      out.push_back(std::move(e));
      return 1;
    case LogFormat::Otto: return recommend::parseOttoLine(line, out);
    case LogFormat::EngageJsonl: return recommend::parseEngageEvent(line, out);
    default: return 0;
  }
}

void reportProgress(bool progress, const ReadStats& stats, bool final) {
  if (progress && (final || stats.lines % kProgressEvery == 0)) {
    std::fprintf(stderr, "  read %llu lines, %llu events%s\n", static_cast<unsigned long long>(stats.lines),
                 static_cast<unsigned long long>(stats.events), final ? " (done)" : "");
  }
}

bool readDatabase(const std::string& path, bool progress, std::vector<LogEvent>& out, ReadStats& stats,
                  std::string& error) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    error = "cannot open database " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return false;
  }
  sqlite3_stmt* stmt = nullptr;
  const char* sql = "SELECT json FROM events ORDER BY rowid";
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
    error = std::string("cannot read table events(json): ") + sqlite3_errmsg(db);
    sqlite3_close(db);
    return false;
  }
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    std::string json = text ? std::string(reinterpret_cast<const char*>(text), sqlite3_column_bytes(stmt, 0)) : "";
    ++stats.lines;
    size_t n = recommend::parseEngageEvent(json, out);
    stats.events += n;
    stats.skipped += n == 0;
    reportProgress(progress, stats, false);
  }
  if (rc != SQLITE_DONE) error = std::string("reading events failed: ") + sqlite3_errmsg(db);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  reportProgress(progress, stats, true);
  return error.empty();
}

}  // namespace

bool parseLogFormat(const std::string& name, LogFormat& out) {
  static const std::map<std::string, LogFormat> names = {
      {"auto", LogFormat::Auto},   {"csv", LogFormat::Csv},            {"diginetica", LogFormat::Diginetica},
      {"otto", LogFormat::Otto},   {"engage-db", LogFormat::EngageDb}, {"engage-jsonl", LogFormat::EngageJsonl}};
  auto it = names.find(name);
  if (it == names.end()) return false;
  out = it->second;
  return true;
}

bool readEventLog(const std::string& path, LogFormat format, bool progress, std::vector<LogEvent>& out,
                  ReadStats& stats, std::string& error) {
  if (format == LogFormat::Auto) format = detectFormat(path);
  if (format == LogFormat::EngageDb) return readDatabase(path, progress, out, stats, error);
  std::ifstream in(path);
  if (!in) {
    error = "cannot open " + path;
    return false;
  }
  std::string line;
  while (std::getline(in, line)) {
    ++stats.lines;
    size_t n = parseLine(format, line, out);
    stats.events += n;
    stats.skipped += n == 0;
    reportProgress(progress, stats, false);
  }
  reportProgress(progress, stats, true);
  return true;
}

bool readCatalog(const std::string& path, std::map<std::string, std::string>& out, std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = "cannot open catalog " + path;
    return false;
  }
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t comma = line.find(',');
    if (comma == std::string::npos || comma == 0 || comma + 1 == line.size()) continue;
    out[line.substr(0, comma)] = line.substr(comma + 1);
  }
  return true;
}

bool readBinaryFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

bool writeBinaryFile(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

}  // namespace engage::tools
