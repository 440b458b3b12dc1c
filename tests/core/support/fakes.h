// Test doubles for the injected platform: a manual clock, an in-memory store, a recording transport,
// a seeded random and a capturing logger. Every core test builds its Platform from these.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "engage/platform.h"

namespace engage::testing {

class ManualClock : public Clock {
 public:
  int64_t wall = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
  int64_t mono = 1'000;
  int64_t wallMs() override { return wall; }
  int64_t monotonicMs() override { return mono; }
  void advance(int64_t ms) { wall += ms; mono += ms; }
};

class MemoryStore : public KeyValueStore {
 public:
  std::map<std::string, std::string> data;
  bool full = false;  // when true, set() fails as a full quota would
  int failedWrites = 0;
  std::optional<std::string> get(const std::string& key) override;
  bool set(const std::string& key, const std::string& value) override;
  void remove(const std::string& key) override { data.erase(key); }
};

class RecordingTransport : public Transport {
 public:
  std::vector<OutgoingBatch> sent;
  void send(const OutgoingBatch& batch) override { sent.push_back(batch); }
};

class SeededRandom : public Random {
 public:
  explicit SeededRandom(uint64_t seed = 42) : state_(seed) {}
  uint32_t nextU32() override;

 private:
  uint64_t state_;
};

class CapturingLogger : public Logger {
 public:
  std::vector<std::pair<LogLevel, std::string>> lines;
  void log(LogLevel level, const std::string& message) override { lines.emplace_back(level, message); }
};

// All fakes in one bundle, with a Platform pointing at them.
struct FakePlatform {
  ManualClock clock;
  MemoryStore store;
  RecordingTransport transport;
  SeededRandom random;
  CapturingLogger logger;
  Platform platform() { return Platform{&clock, &store, &transport, &random, &logger}; }
};

// Reads a whole file (test vectors, fixtures); fails the calling test when it cannot.
std::string readFile(const std::string& path);

}  // namespace engage::testing
