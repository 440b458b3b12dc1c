// The model file: round trip, and rejection of corrupt, truncated and wrong-version files.
#include <gtest/gtest.h>

#include "recommend/byte_io.h"
#include "recommend/model_data.h"
#include "recommend/model_format.h"
#include "recommend/planted.h"

namespace engage::recommend {
namespace {

std::vector<uint8_t> sampleModel() {
  testing::PlantedData data = testing::plantedGraph(5, 30, 3);
  for (size_t i = 0; i < data.sessions.size(); ++i) data.sessions[i].endMs += static_cast<int64_t>(i) * 60000;
  std::map<std::string, std::string> catalog = {{"a0", "x"}, {"b0", "y"}, {"f1", "x"}};
  return buildModel(data.sessions, catalog);
}

void fixChecksums(std::vector<uint8_t>& bytes) {
  detail::ByteWriter w;
  w.bytes() = bytes;
  w.patchU32(24, detail::crc32(bytes.data() + 32, bytes.size() - 32));
  w.patchU32(28, detail::crc32(w.bytes().data(), 28));
  bytes = w.bytes();
}

TEST(ModelFormat, Crc32MatchesTheStandardCheckValueAndTheBitwiseDefinition) {
  const char* check = "123456789";
  EXPECT_EQ(detail::crc32(reinterpret_cast<const uint8_t*>(check), 9), 0xCBF43926u);
  std::vector<uint8_t> data(1000);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 37 + 11);
  for (size_t n : {0, 1, 3, 4, 5, 63, 1000}) {
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; ++i) {
      c ^= data[i];
      for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    }
    EXPECT_EQ(detail::crc32(data.data(), n), c ^ 0xFFFFFFFFu) << n;
  }
}

TEST(ModelFormat, RoundTripKeepsEverything) {
  std::vector<TrainingSession> sessions = {{{"x", "y", "x", "z"}, 5000}, {{"y", "z"}, 9000}, {{"z", "x"}, 7000}};
  std::vector<uint8_t> bytes = buildModel(sessions, {{"x", "cat-1"}, {"z", "cat-2"}});
  LoadResult loaded = Model::load(bytes.data(), bytes.size());
  ASSERT_TRUE(loaded.ok()) << loaded.error.message;
  const Model& m = *loaded.model;
  ASSERT_EQ(m.itemCount(), 3u);
  // Popularity order: x (3), z (3), y (2); x < z by id.
  EXPECT_EQ(m.idAt(0), "x");
  EXPECT_EQ(m.idAt(1), "z");
  EXPECT_EQ(m.idAt(2), "y");
  EXPECT_EQ(m.popularityAt(0), 3u);
  EXPECT_EQ(m.popularityAt(2), 2u);
  EXPECT_EQ(m.categoryAt(0), "cat-1");
  EXPECT_EQ(m.categoryAt(1), "cat-2");
  EXPECT_EQ(m.categoryAt(2), "");
  EXPECT_EQ(*m.indexOf("y"), 2u);
  EXPECT_FALSE(m.indexOf("nope").has_value());
  const detail::ModelData& d = m.data();
  EXPECT_EQ(d.trainSessions, 3u);
  EXPECT_EQ(d.trainEvents, 8u);
  // Sessions stored oldest first, in seconds: 5 s, 7 s, 9 s.
  EXPECT_EQ(d.sessionEndSec, (std::vector<int64_t>{5, 7, 9}));
  EXPECT_EQ(d.sessionCount(), 3u);
  // Sequential rules, weight 1/d^2 for a successor d steps later:
  //   x -> y 1, x -> x 1/4, x -> z 1 + 1/9;  y -> x 1, y -> z 1/4 + 1;  z -> x 1.
  // Quantised per source relative to its strongest rule: round(255 * w / max).
  EXPECT_EQ(d.ruleOffsets, (std::vector<uint32_t>{0, 3, 4, 6}));
  EXPECT_EQ(d.ruleTargets, (std::vector<uint32_t>{0, 1, 2, 0, 0, 1}));
  EXPECT_EQ(d.ruleWeights, (std::vector<uint8_t>{57, 255, 230, 255, 204, 255}));
  // Writing what was read reproduces the file byte for byte.
  EXPECT_EQ(detail::writeModel(d), bytes);
}

TEST(ModelFormat, EveryTruncationIsRejectedCleanly) {
  std::vector<uint8_t> bytes = sampleModel();
  ASSERT_TRUE(Model::load(bytes.data(), bytes.size()).ok());
  for (size_t n = 0; n < bytes.size(); ++n) {
    LoadResult r = Model::load(bytes.data(), n);
    ASSERT_FALSE(r.ok()) << "prefix " << n;
    EXPECT_EQ(r.error.code, "truncated") << "prefix " << n;
  }
}

TEST(ModelFormat, FlippedBitsFailTheChecksum) {
  std::vector<uint8_t> bytes = sampleModel();
  for (size_t i = 0; i < bytes.size(); i += 7) {
    if (i >= 4 && i < 6) continue;  // the version field has its own error
    std::vector<uint8_t> damaged = bytes;
    damaged[i] ^= 0x10;
    LoadResult r = Model::load(damaged.data(), damaged.size());
    ASSERT_FALSE(r.ok()) << "byte " << i;
    EXPECT_TRUE(r.error.code == "checksum_mismatch" || r.error.code == "bad_magic") << r.error.code;
  }
}

TEST(ModelFormat, WrongVersionMagicAndTrailingBytes) {
  std::vector<uint8_t> bytes = sampleModel();
  std::vector<uint8_t> v2 = bytes;
  v2[4] = 2;
  fixChecksums(v2);
  LoadResult r = Model::load(v2.data(), v2.size());
  EXPECT_EQ(r.error.code, "unsupported_version");
  EXPECT_NE(r.error.message.find("version 2"), std::string::npos);
  std::vector<uint8_t> magic = bytes;
  magic[0] = 'X';
  EXPECT_EQ(Model::load(magic.data(), magic.size()).error.code, "bad_magic");
  std::vector<uint8_t> longer = bytes;
  longer.push_back(0);
  EXPECT_EQ(Model::load(longer.data(), longer.size()).error.code, "corrupt");
  EXPECT_EQ(Model::load(nullptr, 0).error.code, "truncated");
  EXPECT_EQ(Model::load(std::string_view("EGRM")).error.code, "truncated");
}

// With valid checksums the structure checks must still hold: mutate bytes, re-sign the file,
// and require a clean load or a clean "corrupt" error (never a crash; run under ASan in CI).
TEST(ModelFormat, MutatedButResignedFilesNeverCrash) {
  std::vector<uint8_t> bytes = sampleModel();
  testing::Rng rng(99);
  int rejected = 0;
  for (int round = 0; round < 3000; ++round) {
    std::vector<uint8_t> m = bytes;
    int edits = 1 + static_cast<int>(rng.below(4));
    for (int e = 0; e < edits; ++e) {
      size_t at = 32 + rng.below(static_cast<uint32_t>(m.size() - 32));
      m[at] = static_cast<uint8_t>(rng.below(256));
    }
    fixChecksums(m);
    LoadResult r = Model::load(m.data(), m.size());
    if (!r.ok()) {
      ++rejected;
      EXPECT_EQ(r.error.code, "corrupt");
      continue;
    }
    Recommender rec(*r.model);  // a structurally valid model must also score safely
    Request q;
    q.session = {"a0", "f1"};
    q.k = 5;
    EXPECT_LE(rec.recommend(q).size(), 5u);
  }
  EXPECT_GT(rejected, 1000);
}

TEST(ModelFormat, ReaderRejectsOutOfOrderItemsEvenWithValidChecksums) {
  detail::ModelData d;
  d.trainSessions = 1;
  d.idBlob = "ab";
  d.idOffsets = {0, 1, 2};
  d.popularity = {1, 2};  // increasing: violates the tie-break order
  d.ruleOffsets = {0, 0, 0};
  d.sessionOffsets = {0, 2};
  d.sessionItems = {0, 1};
  d.sessionEndSec = {10};
  std::vector<uint8_t> bytes = detail::writeModel(d);
  LoadResult r = Model::load(bytes.data(), bytes.size());
  EXPECT_EQ(r.error.code, "corrupt");
  d.popularity = {2, 2};
  d.idBlob = "aa";  // duplicate id
  bytes = detail::writeModel(d);
  EXPECT_EQ(Model::load(bytes.data(), bytes.size()).error.code, "corrupt");
  d.idBlob = "ab";
  bytes = detail::writeModel(d);
  EXPECT_TRUE(Model::load(bytes.data(), bytes.size()).ok());
}

TEST(ModelFormat, EmptyModelLoadsAndRecommendsNothing) {
  std::vector<uint8_t> bytes = buildModel({}, {});
  LoadResult r = Model::load(bytes.data(), bytes.size());
  ASSERT_TRUE(r.ok()) << r.error.message;
  Recommender rec(*r.model);
  Request q;
  q.session = {"x"};
  EXPECT_TRUE(rec.recommend(q).empty());
}

TEST(ModelFormat, BuilderCapsSessionsAndRules) {
  std::vector<TrainingSession> sessions;
  for (int i = 0; i < 30; ++i) sessions.push_back({{"s", "t" + std::to_string(i)}, i * 1000});
  BuildConfig config;
  config.maxSessions = 10;
  config.maxRulesPerItem = 4;
  std::vector<uint8_t> bytes = buildModel(sessions, {}, config);
  LoadResult r = Model::load(bytes.data(), bytes.size());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.model->sessionCount(), 10u);
  EXPECT_EQ(r.model->data().sessionEndSec.front(), 20);  // the 10 most recent: 20..29 s
  EXPECT_EQ(r.model->ruleCount(), 4u);
  EXPECT_EQ(r.model->data().trainSessions, 30u);
}

}  // namespace
}  // namespace engage::recommend
