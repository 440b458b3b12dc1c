// Engine commands: whatever the page (or a hostile script on it) hands to Engine::run() - configure
// config, track/page/identify/group/alias with their properties and context, context, and the
// delivery ops (flush, pagehide, pageshow, online, adopt, state, deliveryStats). The input is the commands JSON text itself.
// Invariants checked on every input:
//   - run() returns a JSON array; one result per command for an array input, one result otherwise;
//     every result is an object with a boolean "ok", and an error result carries a string code;
//   - every batch handed to the transport is a JSON object whose "batch" array holds eventCount events;
//   - a second engine on the same store (the next page load) configures and runs from what the
//     first one persisted, with the same guarantees.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/json_access.h"
#include "engage/engine.h"
#include "fuzz_support.h"

namespace {

using engage::detail::Json;
using engage::fuzz::require;

void checkResults(std::string_view input, const std::string& output) {
  auto results = engage::detail::parseJson(output);
  require(results.has_value(), "run() output is valid JSON");
  require(results->is_array(), "run() output is an array");
  auto commands = engage::detail::parseJson(input);
  const size_t expected = commands && commands->is_array() ? commands->size() : 1;
  require(results->size() == expected, "one result per command");
  for (const Json& r : *results) {
    require(r.is_object(), "a result is an object");
    const Json* ok = engage::detail::member(r, "ok");
    require(ok && ok->is_boolean(), "a result has a boolean ok");
    if (!ok->get<bool>()) {
      const Json* error = engage::detail::member(r, "error");
      require(error && error->is_object() && engage::detail::member(*error, "code") &&
                  engage::detail::member(*error, "code")->is_string(),
              "an error result has a string error.code");
    }
  }
}

void checkBatches(engage::fuzz::FuzzTransport& transport, size_t from) {
  for (size_t i = from; i < transport.sent.size(); ++i) {
    const auto& b = transport.sent[i];
    auto body = engage::detail::parseJson(b.body);
    require(body.has_value() && body->is_object(), "a batch body is a JSON object");
    const Json* batch = engage::detail::member(*body, "batch");
    require(batch && batch->is_array(), "a batch body has a batch array");
    require(batch->size() == static_cast<size_t>(b.eventCount), "eventCount matches the body");
    require(b.eventCount > 0, "no empty batch is sent");
  }
}

// Runs the input on one engine, then lets time pass and answers the batches it sent.
void session(engage::fuzz::FuzzPlatform& fake, std::string_view input) {
  engage::Engine engine(fake.platform());
  const size_t sentBefore = fake.transport.sent.size();
  const std::string output = engine.run(input);
  if (std::getenv("ENGAGE_FUZZ_VERBOSE")) std::fprintf(stderr, "run() -> %s\n", output.c_str());
  checkResults(input, output);
  fake.clock.advance(5000);
  engine.tick();
  // Acknowledge, reject and fail batches in turn so retries, splits and drops all run.
  static constexpr int kStatuses[] = {200, 500, 413, 0, 400, 429};
  for (size_t i = sentBefore; i < fake.transport.sent.size() && i < sentBefore + 12; ++i) {
    const auto& b = fake.transport.sent[i];
    if (!b.beacon) engine.onSendResult(b.id, kStatuses[i % 6], i % 2 ? 1500 : -1);
  }
  fake.clock.advance(70000);
  engine.tick();
  checkResults("{}", engine.run(R"({"op":"state"})"));
  checkResults("{}", engine.run(R"({"op":"pagehide"})"));
  checkBatches(fake.transport, sentBefore);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  engage::fuzz::FuzzPlatform fake;
  session(fake, input);
  // The next page load reads what the first one stored (queues, identity, tab registry).
  fake.clock.advance(1000);
  session(fake, input);
  return 0;
}
