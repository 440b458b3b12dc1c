// HTTP round trips against the collector started in-process on a free loopback port.
#include "server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "base/json_access.h"
#include "sqlite_event_store.h"
#include "test_support.h"

namespace engage::collector {
namespace {

using detail::Json;
using testing::batchOf;
using testing::trackEvent;
using testing::writeFile;

// Sends `request` as is (no client-side normalisation of the path) and returns the raw answer.
std::string rawRequest(int port, const std::string& request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
    char buffer[4096];
    ssize_t n;
    while ((n = recv(fd, buffer, sizeof buffer, 0)) > 0) answer.append(buffer, static_cast<std::size_t>(n));
  }
  close(fd);
  return answer;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    writeFile(dir / "root/web-demo/shop/index.html", "<h1>shop</h1>");
    writeFile(dir / "root/web-demo/dashboard/index.html", "<h1>dashboard</h1>");
    writeFile(dir / "root/js/dist/engage.wasm", std::string("\0asm\1\0\0\0", 8));
    writeFile(dir / "root/js/dist/engage.mjs", "export default 1;");
    writeFile(dir / "root/secret.txt", "top secret");
    config.server.port = 0;
    config.server.root = (dir / "root").string();
    config.sqlite.path = (dir / "engage.db").string();
    std::string error;
    store = SqliteEventStore::open(config.sqlite, &error);
    ASSERT_NE(store, nullptr) << error;
    server = std::make_unique<CollectorServer>(*store, clock, config);
    port = server->bind();
    ASSERT_GT(port, 0);
    serving = std::thread([this] { server->serve(); });
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!server->isRunning() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_TRUE(server->isRunning());
  }
  void TearDown() override {
    if (server) server->stop();
    if (serving.joinable()) serving.join();
  }
  httplib::Client client() {
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(5);
    c.set_read_timeout(5);
    c.set_write_timeout(5);
    return c;
  }
  static Json json(const httplib::Result& result) {
    auto parsed = detail::parseJson(result ? result->body : "");
    EXPECT_TRUE(parsed.has_value()) << (result ? result->body : "no response");
    return parsed.value_or(Json());
  }
  int64_t storedTotal() { return json(client().Get("/v1/stats"))["total"].get<int64_t>(); }

  testing::TempDir dir;
  testing::FixedClock clock;
  CollectorConfig config;
  std::unique_ptr<SqliteEventStore> store;
  std::unique_ptr<CollectorServer> server;
  std::thread serving;
  int port = -1;
};

TEST_F(ServerTest, BatchRoundTripThroughEventsAndStats) {
  auto c = client();
  auto posted = c.Post("/v1/batch", batchOf(trackEvent("m1") + "," + trackEvent("m2", "Order Completed")),
                       "application/json");
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 200);
  EXPECT_EQ(posted->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(json(posted), Json::parse(R"({"ok":true,"received":2,"stored":2,"duplicates":0})"));
  auto resent = c.Post("/v1/batch", batchOf(trackEvent("m1")), "text/plain;charset=UTF-8");
  EXPECT_EQ(json(resent)["duplicates"], 1);

  Json events = json(c.Get("/v1/events?limit=10&type=track"));
  ASSERT_EQ(events["events"].size(), 2u);
  EXPECT_EQ(events["events"][0]["event"], "Order Completed");
  EXPECT_EQ(events["events"][1]["properties"]["product_id"], "sku-1");
  EXPECT_EQ(json(c.Get("/v1/stats")),
            Json::parse(R"({"total":2,"byType":{"track":2},"byEvent":{"Product Viewed":1,"Order Completed":1}})"));
}

TEST_F(ServerTest, CorsOnAnswersAndPreflight) {
  auto c = client();
  auto preflight = c.Options("/v1/batch", {{"Origin", "http://other.example"},
                                           {"Access-Control-Request-Method", "POST"},
                                           {"Access-Control-Request-Headers", "content-type"}});
  ASSERT_TRUE(preflight);
  EXPECT_EQ(preflight->status, 204);
  EXPECT_EQ(preflight->get_header_value("Access-Control-Allow-Origin"), "*");
  EXPECT_NE(preflight->get_header_value("Access-Control-Allow-Methods").find("POST"), std::string::npos);
  EXPECT_NE(preflight->get_header_value("Access-Control-Allow-Headers").find("Content-Type"), std::string::npos);
  auto ok = c.Post("/v1/batch", batchOf(trackEvent("m1")), "application/json");
  EXPECT_EQ(ok->get_header_value("Access-Control-Allow-Origin"), "*");
  auto bad = c.Post("/v1/batch", "nope", "application/json");
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(bad->get_header_value("Access-Control-Allow-Origin"), "*");
}

TEST_F(ServerTest, RejectedBodiesAnswerJsonAndStoreNothing) {
  auto c = client();
  std::string huge = batchOf(R"({"type":"track","event":"Big","messageId":"big","anonymousId":"a",)"
                             R"("timestamp":"2026-01-01T00:00:00Z","properties":{"pad":")" +
                             std::string(config.batch.maxBodyBytes, 'x') + R"("}})");
  struct Case {
    std::string body, type;
    int status;
    std::string code;
  };
  for (const Case& k : {Case{"{", "application/json", 400, "invalid_json"},
                        Case{R"({"batch":[]})", "application/json", 400, "invalid_batch"},
                        Case{batchOf(trackEvent("m1") + R"(,{"type":"track"})"), "application/json", 400, "invalid_event"},
                        Case{batchOf(trackEvent("m1")), "application/x-www-form-urlencoded", 415, "unsupported_media_type"},
                        Case{huge, "application/json", 413, "payload_too_large"}}) {
    auto result = c.Post("/v1/batch", k.body, k.type.c_str());
    ASSERT_TRUE(result) << k.code;
    EXPECT_EQ(result->status, k.status) << k.code;
    EXPECT_EQ(json(result)["error"]["code"], k.code);
  }
  // The same oversized body sent chunked (no Content-Length up front).
  auto chunked = c.Post(
      "/v1/batch",
      [&](std::size_t offset, httplib::DataSink& sink) {
        std::size_t n = std::min<std::size_t>(64 * 1024, huge.size() - offset);
        sink.write(huge.data() + offset, n);
        if (offset + n == huge.size()) sink.done();
        return true;
      },
      "application/json");
  // The server may also close the connection mid-upload; either way nothing is stored.
  if (chunked) {
    EXPECT_EQ(chunked->status, 413);
  }
  EXPECT_EQ(storedTotal(), 0);
}

TEST_F(ServerTest, AcceptsAGzipEncodedBody) {
  auto c = client();
  c.set_compress(true);  // the client gzips the body and sends Content-Encoding: gzip
  auto result = c.Post("/v1/batch", batchOf(trackEvent("gz-1")), "application/json");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200) << result->body;
  EXPECT_EQ(storedTotal(), 1);
}

TEST_F(ServerTest, PostHogBatchRouteWithAndWithoutTrailingSlash) {
  auto c = client();
  const std::string body =
      R"({"api_key":"k","batch":[{"event":"$pageview","uuid":"ph-1","timestamp":"2026-01-01T00:00:00Z",)"
      R"("properties":{"distinct_id":"a-9","$current_url":"https://shop.example/","$pathname":"/"}}]})";
  auto first = c.Post("/batch/", body, "application/json");
  ASSERT_TRUE(first);
  EXPECT_EQ(json(first), Json::parse(R"({"ok":true,"received":1,"stored":1,"duplicates":0})"));
  auto again = c.Post("/batch", body, "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(json(again)["duplicates"], 1);
  Json stored = json(c.Get("/v1/events"))["events"][0];
  EXPECT_EQ(stored["type"], "page");
  EXPECT_EQ(stored["messageId"], "ph-1");
  EXPECT_EQ(stored["context"]["page"]["path"], "/");
}

TEST_F(ServerTest, SegmentWriteKeyAsBasicAuthOverTheWire) {
  server->stop();
  serving.join();
  config.auth.writeKeys = {"wk-1"};
  server = std::make_unique<CollectorServer>(*store, clock, config);
  port = server->bind();
  ASSERT_GT(port, 0);
  serving = std::thread([this] { server->serve(); });
  while (!server->isRunning()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto c = client();
  auto refused = c.Post("/v1/batch", batchOf(trackEvent("m1")), "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  c.set_basic_auth("wk-1", "");
  auto accepted = c.Post("/v1/batch", batchOf(trackEvent("m1")), "application/json");
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 200) << accepted->body;
  EXPECT_EQ(storedTotal(), 1);
}

TEST_F(ServerTest, ExperimentRoutesOverTheWire) {
  auto c = client();
  std::string exposure = R"({"type":"track","event":"Experiment Viewed","messageId":"x1","anonymousId":"a",)"
                         R"("timestamp":"2026-01-01T00:00:00Z","properties":{"experimentId":"new checkout",)"
                         R"("variationId":"1"}})";
  ASSERT_EQ(c.Post("/v1/batch", batchOf(exposure), "application/json")->status, 200);
  Json list = json(c.Get("/v1/experiments"));
  ASSERT_EQ(list["experiments"].size(), 1u);
  EXPECT_EQ(list["experiments"][0]["id"], "new checkout");
  auto one = c.Get("/v1/experiments/new%20checkout?goal=Order%20Completed&metric=conversion");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 200) << one->body;
  EXPECT_EQ(json(one)["variations"][0]["visitors"], 1);
  EXPECT_EQ(c.Get("/v1/experiments/missing")->status, 404);
}

TEST_F(ServerTest, UnknownApiRoutesAreJson404) {
  auto c = client();
  std::vector<httplib::Result> results;
  results.push_back(c.Get("/v1/nothing"));
  results.push_back(c.Post("/v1/events", "{}", "application/json"));
  results.push_back(c.Get("/v1/batch"));
  for (const auto& result : results) {
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 404);
    EXPECT_EQ(json(result)["error"]["code"], "not_found");
  }
}

TEST_F(ServerTest, ServesStaticFilesWithTypes) {
  auto c = client();
  auto shop = c.Get("/");
  EXPECT_EQ(shop->status, 200);
  EXPECT_EQ(shop->body, "<h1>shop</h1>");
  EXPECT_EQ(shop->get_header_value("Content-Type"), "text/html; charset=utf-8");
  auto wasm = c.Get("/dist/engage.wasm");
  EXPECT_EQ(wasm->status, 200);
  EXPECT_EQ(wasm->get_header_value("Content-Type"), "application/wasm");
  EXPECT_EQ(wasm->body.size(), 8u);
  EXPECT_EQ(c.Get("/dist/engage.mjs")->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  auto redirect = c.Get("/dashboard");
  EXPECT_EQ(redirect->status, 301);
  EXPECT_EQ(redirect->get_header_value("Location"), "/dashboard/");
  EXPECT_EQ(c.Get("/dashboard/")->body, "<h1>dashboard</h1>");
}

TEST_F(ServerTest, DirectoryTraversalOverTheWireFindsNothing) {
  for (const char* target : {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/dist/../../secret.txt",
                             "/dashboard/%2e%2e/%2e%2e/secret.txt", "/..%5csecret.txt", "//secret.txt"}) {
    std::string answer =
        rawRequest(port, std::string("GET ") + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(answer.rfind("HTTP/1.1 ", 0), 0u) << target << ": " << answer;
    EXPECT_EQ(answer.find("HTTP/1.1 200"), std::string::npos) << target;
    EXPECT_EQ(answer.find("top secret"), std::string::npos) << target;
  }
}

TEST_F(ServerTest, ConcurrentSendersStoreEveryEventOnce) {
  constexpr int kThreads = 4, kBatches = 10;
  std::vector<std::thread> senders;
  for (int t = 0; t < kThreads; ++t) {
    senders.emplace_back([this, t] {
      auto c = client();
      for (int b = 0; b < kBatches; ++b) {
        std::string id = "t" + std::to_string(t) + "-b" + std::to_string(b);
        // Each batch carries its own event plus one every thread also sends.
        c.Post("/v1/batch", batchOf(trackEvent(id) + "," + trackEvent("shared-" + std::to_string(b))),
               "application/json");
      }
    });
  }
  for (auto& s : senders) s.join();
  EXPECT_EQ(storedTotal(), kThreads * kBatches + kBatches);
}

}  // namespace
}  // namespace engage::collector
