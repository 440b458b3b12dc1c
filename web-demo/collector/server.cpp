#include "server.h"

#include <httplib.h>

#include <string>

#include "recommend_api.h"

namespace engage::collector {
namespace {

const httplib::Headers kCorsHeaders = {
    {"Access-Control-Allow-Origin", "*"},
    {"Access-Control-Allow-Methods", "GET, POST, OPTIONS"},
    {"Access-Control-Allow-Headers", "Content-Type, Content-Encoding, Authorization"},
    {"Access-Control-Max-Age", "86400"},
    {"X-Content-Type-Options", "nosniff"},
};

void write(const ApiResponse& from, httplib::Response& to) {
  to.status = from.status;
  for (const auto& [name, value] : from.headers) to.set_header(name, value);
  to.set_content(from.body, from.contentType.c_str());
}

QueryParams firstValues(const httplib::Params& params) {
  QueryParams query;
  for (const auto& [name, value] : params) query.emplace(name, value);  // emplace keeps the first
  return query;
}

bool isApiPath(const std::string& path) { return path.rfind("/v1/", 0) == 0; }

void postBatch(CollectorApi& api, BatchFormat format, const httplib::Request& req, httplib::Response& res) {
  const std::string contentType = req.get_header_value("Content-Type");  // BatchRequest holds views
  const std::string authorization = req.get_header_value("Authorization");
  write(api.postBatch(BatchRequest{format, contentType, authorization, req.body}), res);
}

}  // namespace

struct CollectorServer::Impl {
  Impl(EventStore& store, Clock& clock, const CollectorConfig& config)
      : config(config),
        api(store, clock, config.batch, config.query, config.auth),
        analysis(store, clock, config.analysis),
        recommendations(store),
        files(StaticFiles::forRepo(config.server.root)) {}

  void route();

  CollectorConfig config;
  CollectorApi api;
  AnalysisApi analysis;
  RecommendApi recommendations;
  StaticFiles files;
  httplib::Server http;
};

void CollectorServer::Impl::route() {
  http.set_default_headers(kCorsHeaders);
  http.set_payload_max_length(config.batch.maxBodyBytes);
  http.set_read_timeout(config.server.readTimeoutSec);
  http.set_write_timeout(config.server.writeTimeoutSec);

  http.Options(".*", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  http.Post("/v1/batch", [this](const httplib::Request& req, httplib::Response& res) {
    postBatch(api, BatchFormat::Engage, req, res);
  });
  // PostHog's batch endpoint, with and without the trailing slash its clients differ on.
  http.Post("/batch/?", [this](const httplib::Request& req, httplib::Response& res) {
    postBatch(api, BatchFormat::PostHog, req, res);
  });
  http.Get("/v1/events", [this](const httplib::Request& req, httplib::Response& res) {
    write(api.getEvents(firstValues(req.params)), res);
  });
  http.Get("/v1/stats", [this](const httplib::Request&, httplib::Response& res) { write(api.getStats(), res); });
  http.Get("/v1/metrics", [this](const httplib::Request& req, httplib::Response& res) {
    write(analysis.getMetrics(firstValues(req.params)), res);
  });
  http.Get("/v1/experiments", [this](const httplib::Request& req, httplib::Response& res) {
    write(analysis.getExperiments(firstValues(req.params)), res);
  });
  http.Get("/v1/experiments/(.+)", [this](const httplib::Request& req, httplib::Response& res) {
    write(analysis.getExperiment(req.matches[1], firstValues(req.params)), res);
  });
  http.Post("/v1/recommendations/model", [this](const httplib::Request&, httplib::Response& res) {
    write(recommendations.rebuild(), res);
  });
  http.Get("/v1/recommendations/model", [this](const httplib::Request&, httplib::Response& res) {
    write(recommendations.model(), res);
  });
  http.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
    if (isApiPath(req.path)) {
      write(errorResponse(404, "not_found", "no route " + req.path), res);
    } else {
      write(files.serve(req.path), res);
    }
  });

  // Errors the HTTP layer produces itself (a body over the limit, an unknown route, a bad request)
  // get the same JSON shape as ours; answers that already have a body are left alone.
  http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413) {
      write(api.payloadTooLarge(), res);
    } else if (res.status == 404) {
      write(errorResponse(404, "not_found", "no route " + req.method + " " + req.path), res);
    } else if (res.status == 415) {
      write(errorResponse(415, "unsupported_media_type", "unsupported Content-Encoding"), res);
    } else {
      write(errorResponse(res.status, "bad_request", "the request was refused"), res);
    }
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    write(errorResponse(500, "internal_error", "the collector failed on this request"), res);
  });
}

CollectorServer::CollectorServer(EventStore& store, Clock& clock, const CollectorConfig& config)
    : impl_(std::make_unique<Impl>(store, clock, config)) {
  impl_->route();
}

CollectorServer::~CollectorServer() { stop(); }

int CollectorServer::bind() {
  const ServerOptions& options = impl_->config.server;
  if (options.port == 0) return impl_->http.bind_to_any_port(options.host);
  return impl_->http.bind_to_port(options.host, options.port) ? options.port : -1;
}

bool CollectorServer::serve() { return impl_->http.listen_after_bind(); }

void CollectorServer::stop() { impl_->http.stop(); }

bool CollectorServer::isRunning() const { return impl_->http.is_running(); }

}  // namespace engage::collector
