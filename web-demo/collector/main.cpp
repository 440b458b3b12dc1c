// engage-collector: the reference collector. Prints
//   engage-collector listening on http://HOST:PORT
// once it accepts connections (tests parse this line), and shuts down cleanly on SIGINT/SIGTERM:
// in-flight requests finish and the store is closed (SQLite: its WAL checkpointed).
#include <pthread.h>
#include <signal.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli_options.h"
#include "server.h"
#include "store_factory.h"
#include "system_clock.h"

using namespace engage::collector;

int main(int argc, char** argv) {
  CollectorConfig config;
  CliResult cli = parseCli(std::vector<std::string>(argv + 1, argv + argc), config);
  if (cli.help || !cli.ok) {
    if (!cli.ok) std::cerr << "engage-collector: " << cli.error << "\n";
    (cli.ok ? std::cout : std::cerr) << usage();
    return cli.ok ? 0 : 2;
  }

  // Block the stop signals in every thread (the HTTP worker threads inherit this mask) and take
  // them synchronously below with sigwait: no work happens inside a signal handler.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

  if (const char* password = std::getenv("ENGAGE_CLICKHOUSE_PASSWORD")) config.clickhouse.password = password;
  std::string error;
  std::unique_ptr<EventStore> store = openStore(config, &error);
  if (!store) {
    std::cerr << "engage-collector: cannot open " << describeStore(config) << ": " << error << "\n";
    return 1;
  }
  if (!std::filesystem::is_directory(std::filesystem::path(config.server.root) / "web-demo" / "shop")) {
    std::cerr << "engage-collector: warning: no web-demo/shop under --root " << config.server.root
              << "; only the /v1/ routes will answer\n";
  }
  SystemClock clock;
  CollectorServer server(*store, clock, config);
  int port = server.bind();
  if (port < 0) {
    std::cerr << "engage-collector: cannot listen on " << config.server.host << ":" << config.server.port << "\n";
    return 1;
  }
  std::cout << "engage-collector listening on http://" << config.server.host << ":" << port << std::endl;

  bool served = true;
  std::thread serving([&] {
    served = server.serve();
    kill(getpid(), SIGTERM);  // wakes sigwait if serving ended on its own
  });
  int signal = 0;
  sigwait(&stopSignals, &signal);
  server.stop();
  serving.join();
  std::cerr << "engage-collector: stopped" << (signal == SIGINT ? " (SIGINT)" : "") << "\n";
  return served ? 0 : 1;
}
