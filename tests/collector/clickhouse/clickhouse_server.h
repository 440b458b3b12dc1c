// Starts a private clickhouse-server for a test: the binary run directly as the current user (no
// systemd, no root paths), listening on 127.0.0.1 only, HTTP on a free port and no other protocol,
// with its data, logs and a minimal config in a fresh temporary directory that is removed afterwards.
// The server dies with the test process (PR_SET_PDEATHSIG), so a crashed test leaves nothing behind.
#pragma once

#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include <httplib.h>

#include "../test_support.h"

namespace engage::collector::testing {

struct ClickHouseLimits {
  std::chrono::milliseconds startTimeout{30000};  // from exec to the first answered /ping
  std::chrono::milliseconds stopTimeout{15000};   // from SIGTERM to exit; then SIGKILL
};

class ClickHouseServer {
 public:
  ClickHouseServer() = default;
  ~ClickHouseServer() { stop(); }
  ClickHouseServer(const ClickHouseServer&) = delete;
  ClickHouseServer& operator=(const ClickHouseServer&) = delete;

  // Writes the config, starts `binary` and waits (bounded) until it answers /ping. On failure returns
  // false with the reason and the tail of the server's error log in *error; the process is stopped.
  bool start(const std::string& binary, std::string* error, ClickHouseLimits limits = {}) {
    limits_ = limits;
    port_ = freePort();
    if (port_ <= 0) return fail("no free port on 127.0.0.1", error);
    writeConfig();
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);
      std::string log = (dir_ / "stdout.log").string();
      if (!freopen(log.c_str(), "w", stdout) || !freopen(log.c_str(), "a", stderr)) _exit(126);
      std::string config = "--config-file=" + (dir_ / "config.xml").string();
      execl(binary.c_str(), binary.c_str(), config.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    if (pid_ < 0) return fail("fork failed", error);
    auto deadline = std::chrono::steady_clock::now() + limits_.startTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return fail("clickhouse-server exited during start-up (status " + std::to_string(status) + ")", error);
      }
      httplib::Client client("127.0.0.1", port_);
      client.set_connection_timeout(std::chrono::milliseconds(200));
      if (auto ping = client.Get("/ping"); ping && ping->status == 200) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return fail("clickhouse-server did not answer /ping within " + std::to_string(limits_.startTimeout.count()) + " ms",
                error);
  }

  // SIGTERM, a bounded wait, then SIGKILL. Idempotent.
  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    auto deadline = std::chrono::steady_clock::now() + limits_.stopTimeout;
    int status = 0;
    while (waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    pid_ = -1;
  }

  bool running() const { return pid_ > 0; }
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  // A port the kernel just handed out on 127.0.0.1 (released again for the server to take).
  static int freePort() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof addr;
    int port = -1;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) == 0) {
      port = ntohs(addr.sin_port);
    }
    close(fd);
    return port;
  }

  // The least clickhouse-server 18.16 runs with: HTTP only, every path inside the temp dir, and the
  // `default` user without a password, reachable from 127.0.0.1 only.
  void writeConfig() {
    std::string d = dir_.path().string();
    writeFile(dir_ / "config.xml",
              "<?xml version=\"1.0\"?>\n<yandex>\n"
              "  <logger><level>warning</level><log>" + d + "/server.log</log><errorlog>" + d +
              "/server.err.log</errorlog><console>0</console></logger>\n"
              "  <listen_host>127.0.0.1</listen_host>\n"
              "  <http_port>" + std::to_string(port_) + "</http_port>\n"
              "  <path>" + d + "/data/</path>\n  <tmp_path>" + d + "/tmp/</tmp_path>\n"
              "  <user_files_path>" + d + "/user_files/</user_files_path>\n"
              "  <format_schema_path>" + d + "/format_schemas/</format_schema_path>\n"
              "  <mark_cache_size>67108864</mark_cache_size>\n"
              "  <uncompressed_cache_size>67108864</uncompressed_cache_size>\n"
              "  <max_concurrent_queries>50</max_concurrent_queries>\n"
              "  <users_config>" + d + "/users.xml</users_config>\n"
              "  <default_profile>default</default_profile>\n  <default_database>default</default_database>\n"
              "  <timezone>UTC</timezone>\n</yandex>\n");
    writeFile(dir_ / "users.xml",
              "<?xml version=\"1.0\"?>\n<yandex>\n  <profiles><default></default></profiles>\n"
              "  <users><default><password></password><networks><ip>127.0.0.1</ip></networks>"
              "<profile>default</profile><quota>default</quota></default></users>\n"
              "  <quotas><default></default></quotas>\n</yandex>\n");
  }

  bool fail(const std::string& why, std::string* error) {
    stop();
    if (error) {
      std::ifstream log(dir_ / "server.err.log");
      std::stringstream text;
      text << log.rdbuf();
      std::string tail = text.str();
      if (tail.size() > 2000) tail = tail.substr(tail.size() - 2000);
      *error = why + (tail.empty() ? "" : "\n--- server.err.log (tail) ---\n" + tail);
    }
    return false;
  }

  TempDir dir_;
  ClickHouseLimits limits_;
  pid_t pid_ = -1;
  int port_ = -1;
};

}  // namespace engage::collector::testing
