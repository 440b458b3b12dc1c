// The engage-collector executable as the browser tests use it: started with --port 0, it prints
// its URL on one line, serves, and exits 0 on SIGTERM/SIGINT with its database closed.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <thread>

#include "test_support.h"

namespace engage::collector {
namespace {

struct Child {
  pid_t pid = -1;
  int stdoutFd = -1;
};

Child spawnCollector(const std::string& db) {
  int out[2];
  if (pipe(out) != 0) return {};
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    execl(ENGAGE_COLLECTOR_BIN, ENGAGE_COLLECTOR_BIN, "--port", "0", "--db", db.c_str(), "--root", ENGAGE_REPO_ROOT,
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  return {pid, out[0]};
}

// Reads stdout until a full line arrives or 10 s pass.
std::string readLine(int fd) {
  std::string line;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char buffer[256];
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    line.append(buffer, static_cast<std::size_t>(n));
  }
  return line;
}

// waitpid with a 10 s bound; -1 when the child did not exit (it is then killed).
int exitStatus(pid_t pid) {
  for (int i = 0; i < 1000; ++i) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return -1;
}

class ProcessTest : public ::testing::TestWithParam<int> {};

TEST_P(ProcessTest, PrintsItsUrlServesAndStopsCleanly) {
  testing::TempDir dir;
  std::string db = (dir / "engage.db").string();
  Child child = spawnCollector(db);
  ASSERT_GT(child.pid, 0);
  std::string line = readLine(child.stdoutFd);
  close(child.stdoutFd);
  std::smatch match;
  bool printed = std::regex_search(line, match, std::regex("^engage-collector listening on http://127\\.0\\.0\\.1:(\\d+)\n"));
  if (!printed) {
    kill(child.pid, SIGKILL);
    waitpid(child.pid, nullptr, 0);
    FAIL() << "unexpected first line: " << line;
  }
  int port = std::stoi(match[1]);
  EXPECT_GT(port, 0);

  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(5);
  client.set_read_timeout(5);
  auto posted = client.Post("/v1/batch", testing::batchOf(testing::trackEvent("p-1")), "application/json");
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 200);
  auto stats = client.Get("/v1/stats");
  ASSERT_TRUE(stats);
  EXPECT_NE(stats->body.find("\"total\":1"), std::string::npos) << stats->body;

  kill(child.pid, GetParam());
  EXPECT_EQ(exitStatus(child.pid), 0);
  // Closed cleanly: the last connection checkpointed the WAL and removed it.
  EXPECT_TRUE(std::filesystem::exists(db));
  EXPECT_FALSE(std::filesystem::exists(db + "-wal"));
}

INSTANTIATE_TEST_SUITE_P(Signals, ProcessTest, ::testing::Values(SIGTERM, SIGINT));

}  // namespace
}  // namespace engage::collector
