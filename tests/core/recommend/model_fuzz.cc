// libFuzzer target for the model loader and the scorer (not part of the gtest suite: the concept
// rule compiles *_test.cpp only). The first input byte chooses whether the checksum is enforced
// (Model::load) or skipped (detail::readModel with verifyChecksum = false) so the fuzzer reaches
// the section parsers; any model that loads is then scored with a fixed request.
//   clang++-14 -std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -Isdk/include -Isdk/src \
//     tests/core/recommend/model_fuzz.cc sdk/src/recommend/*.cpp sdk/src/base/*.cpp -o /tmp/model_fuzz
//   /tmp/model_fuzz -max_total_time=60 /tmp/model_corpus
#include <cstddef>
#include <cstdint>
#include <memory>

#include "engage/recommend.h"
#include "recommend/model_data.h"
#include "recommend/model_format.h"

using namespace engage::recommend;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  bool verify = data[0] & 1;
  std::shared_ptr<detail::ModelData> m = std::make_shared<detail::ModelData>();
  detail::ReadResult read = detail::readModel(data + 1, size - 1, *m, verify);
  if (!read.ok) return 0;
  Recommender rec{Model(m)};
  for (Method method : {Method::Engage, Method::VSKNN, Method::STAN, Method::SequentialRules, Method::Popular}) {
    Request r;
    r.method = method;
    r.k = 10;
    r.session = {std::string(rec.model().idAt(0)), "x"};
    r.history = {{std::string(rec.model().idAt(0)), 0, 2.0}};
    r.filter.maxPerCategory = 1;
    r.filter.pin = {"x"};
    rec.recommend(r);
  }
  return 0;
}
