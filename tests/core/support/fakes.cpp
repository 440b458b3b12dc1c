#include "support/fakes.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace engage::testing {

std::optional<std::string> MemoryStore::get(const std::string& key) {
  auto it = data.find(key);
  if (it == data.end()) return std::nullopt;
  return it->second;
}

bool MemoryStore::set(const std::string& key, const std::string& value) {
  if (full) {
    ++failedWrites;
    return false;
  }
  data[key] = value;
  return true;
}

uint32_t SeededRandom::nextU32() {
  // SplitMix64: tiny, deterministic, good enough for ids and jitter in tests.
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return static_cast<uint32_t>((z ^ (z >> 31)) >> 32);
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace engage::testing
