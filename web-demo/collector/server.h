// The HTTP server: cpp-httplib routes onto CollectorApi, AnalysisApi and StaticFiles. Every answer carries CORS
// headers (SDK pages live on other origins) and OPTIONS preflights are answered.
#pragma once

#include <memory>

#include "analysis_api.h"
#include "collector_api.h"
#include "collector_config.h"
#include "static_files.h"

namespace engage::collector {

class CollectorServer {
 public:
  // store and clock outlive the server.
  CollectorServer(EventStore& store, Clock& clock, const CollectorConfig& config);
  ~CollectorServer();
  CollectorServer(const CollectorServer&) = delete;
  CollectorServer& operator=(const CollectorServer&) = delete;

  // Binds config.server.host:port (port 0 = a free port). Returns the bound port, or -1.
  int bind();
  // Accepts connections until stop(); call after bind(). Returns false if serving failed.
  bool serve();
  // Thread-safe; makes serve() return.
  void stop();
  // True while serve() is accepting.
  bool isRunning() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace engage::collector
