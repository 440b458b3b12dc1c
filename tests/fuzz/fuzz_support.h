// Shared helpers of the libFuzzer targets: a deterministic in-memory platform (the fuzz build does
// not link GoogleTest, so tests/core/support/fakes.cpp is not used), and an invariant check that
// aborts with a message libFuzzer reports as a crash (the input is then saved as crash-<sha1>).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engage/platform.h"

namespace engage::fuzz {

// A violated invariant is a crash: print why, then abort so libFuzzer keeps the input.
inline void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
  std::abort();
}

class FuzzClock : public Clock {
 public:
  int64_t wall = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
  int64_t mono = 1'000;
  int64_t wallMs() override { return wall; }
  int64_t monotonicMs() override { return mono; }
  void advance(int64_t ms) { wall += ms; mono += ms; }
};

class FuzzStore : public KeyValueStore {
 public:
  std::map<std::string, std::string> data;
  size_t quotaBytes = 4u << 20;  // like localStorage's ~5 MB: a larger total makes set() fail
  std::optional<std::string> get(const std::string& key) override {
    auto it = data.find(key);
    if (it == data.end()) return std::nullopt;
    return it->second;
  }
  bool set(const std::string& key, const std::string& value) override {
    size_t total = key.size() + value.size();
    for (const auto& [k, v] : data)
      if (k != key) total += k.size() + v.size();
    if (total > quotaBytes) return false;
    data[key] = value;
    return true;
  }
  void remove(const std::string& key) override { data.erase(key); }
};

class FuzzTransport : public Transport {
 public:
  std::vector<OutgoingBatch> sent;
  void send(const OutgoingBatch& batch) override { sent.push_back(batch); }
};

class FuzzRandom : public Random {
 public:
  uint32_t nextU32() override {  // SplitMix64, fixed seed: every run of an input is the same
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return static_cast<uint32_t>((z ^ (z >> 31)) >> 32);
  }

 private:
  uint64_t state_ = 42;
};

class NullLogger : public Logger {
 public:
  void log(LogLevel, const std::string&) override {}
};

struct FuzzPlatform {
  FuzzClock clock;
  FuzzStore store;
  FuzzTransport transport;
  FuzzRandom random;
  NullLogger logger;
  Platform platform() { return Platform{&clock, &store, &transport, &random, &logger}; }
};

// Splits `data` at every occurrence of `separator` (a seed file stays readable text).
inline std::vector<std::string_view> splitInput(std::string_view data, std::string_view separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t at = data.find(separator, start);
    if (at == std::string_view::npos) break;
    parts.push_back(data.substr(start, at - start));
    start = at + separator.size();
  }
  parts.push_back(data.substr(start));
  return parts;
}

}  // namespace engage::fuzz
