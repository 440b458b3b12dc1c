// The loaded model in memory: flat arrays indexed by item (0..N-1) and session (0..S-1).
//
// Invariants established by the builder and re-checked by the loader (model_reader.cpp):
// - item index order is popularity descending, then id bytewise ascending, so "lower index"
//   is exactly the documented tie-break after the score;
// - session index order is end time ascending, so "higher index" means "more recent";
// - every stored index is in range, rule targets of one item are strictly ascending.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace engage::recommend::detail {

// Open-addressing id -> index table over the id blob (FNV-1a hash, linear probing).
class IdIndex {
 public:
  static constexpr uint32_t kEmpty = 0xFFFFFFFFu;
  void build(const std::string& blob, const std::vector<uint32_t>& offsets);
  // kEmpty when absent.
  uint32_t find(std::string_view id, const std::string& blob, const std::vector<uint32_t>& offsets) const;
  // Returns false when an id occurs twice.
  bool unique() const { return unique_; }

 private:
  std::vector<uint32_t> slots_;
  uint32_t mask_ = 0;
  bool unique_ = true;
};

uint32_t fnv1a(std::string_view s);

struct ModelData {
  // Stored in the file.
  uint64_t trainSessions = 0;  // sessions in the training data (for idf), >= stored sessions
  uint64_t trainEvents = 0;
  uint64_t createdSec = 0;
  std::string idBlob;                  // all ids concatenated
  std::vector<uint32_t> idOffsets;     // N + 1
  std::vector<uint32_t> popularity;    // training events per item, non-increasing
  std::vector<std::string> categoryNames;
  std::vector<uint32_t> itemCategory;  // N entries (0 = none, c + 1) or empty
  std::vector<uint32_t> ruleOffsets;   // N + 1
  std::vector<uint32_t> ruleTargets;
  std::vector<uint8_t> ruleWeights;    // 1..255, relative to the source item's strongest rule
  std::vector<uint32_t> sessionOffsets;  // S + 1
  std::vector<uint32_t> sessionItems;
  std::vector<int64_t> sessionEndSec;    // non-decreasing

  // Derived when loading (finalize()).
  IdIndex index;
  std::vector<uint32_t> postingOffsets;  // N + 1: sessions containing each item, ascending
  std::vector<uint32_t> postings;
  std::vector<uint32_t> sessionDistinct;  // distinct items per session
  std::vector<double> idf;                // log(trainSessions / popularity)

  size_t itemCount() const { return popularity.size(); }
  size_t sessionCount() const { return sessionEndSec.size(); }
  std::string_view id(uint32_t i) const {
    return std::string_view(idBlob).substr(idOffsets[i], idOffsets[i + 1] - idOffsets[i]);
  }
  uint32_t find(std::string_view id) const { return index.find(id, idBlob, idOffsets); }
  uint32_t categoryOf(uint32_t i) const { return itemCategory.empty() ? 0 : itemCategory[i]; }
};

// Builds the derived arrays. Returns false (with a reason) when an invariant does not hold.
bool finalizeModel(ModelData& m, std::string& reason);

}  // namespace engage::recommend::detail
