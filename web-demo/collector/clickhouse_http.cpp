#include "clickhouse_http.h"

#include <httplib.h>

#include <utility>

namespace engage::collector {
namespace {

// Settings sent with every call: 64-bit integers as JSON numbers (they are epoch ms, well inside a
// double's exact range), and room for an IN list of a full batch of message ids.
const char* kSettings = "output_format_json_quote_64bit_integers=0&max_query_size=16777216";

std::unique_ptr<httplib::Client> connect(const ClickHouseOptions& options) {
  std::string url = options.url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  auto client = std::make_unique<httplib::Client>(url);
  client->set_connection_timeout(std::chrono::milliseconds(options.connectTimeoutMs));
  client->set_read_timeout(std::chrono::milliseconds(options.queryTimeoutMs));
  client->set_write_timeout(std::chrono::milliseconds(options.queryTimeoutMs));
  if (!options.user.empty()) client->set_basic_auth(options.user, options.password);
  return client;
}

ClickHouseReply reply(const httplib::Result& result, const std::string& url) {
  ClickHouseReply out;
  if (!result) {
    out.body = "ClickHouse at " + url + " did not answer: " + httplib::to_string(result.error());
    return out;
  }
  out.ok = result->status == 200;
  out.body = result->body;
  if (!out.ok && out.body.empty()) out.body = "ClickHouse answered HTTP " + std::to_string(result->status);
  return out;
}

}  // namespace

ClickHouseHttp::ClickHouseHttp(ClickHouseOptions options) : options_(std::move(options)) {}

ClickHouseReply ClickHouseHttp::query(const std::string& sql) const {
  auto client = connect(options_);
  return reply(client->Post(std::string("/?") + kSettings, sql, "text/plain"), options_.url);
}

ClickHouseReply ClickHouseHttp::insert(const std::string& statement, const std::string& data) const {
  auto client = connect(options_);
  std::string path = std::string("/?") + kSettings + "&query=" + httplib::detail::encode_query_param(statement);
  return reply(client->Post(path, data, "text/plain"), options_.url);
}

bool ClickHouseHttp::streamLines(const std::string& sql, const std::function<bool(std::string_view)>& line,
                                 std::string* error) const {
  auto client = connect(options_);
  int status = 0;
  bool stopped = false;
  std::string pending, failure;
  auto onResponse = [&](const httplib::Response& response) {
    status = response.status;
    return true;
  };
  auto onData = [&](const char* data, std::size_t size) {
    if (status != 200) {
      failure.append(data, size);
      return true;
    }
    pending.append(data, size);
    std::size_t start = 0, end;
    while ((end = pending.find('\n', start)) != std::string::npos) {
      if (!line(std::string_view(pending).substr(start, end - start))) {
        stopped = true;
        return false;
      }
      start = end + 1;
    }
    pending.erase(0, start);
    return true;
  };
  // The query goes in the POST body (no URL length limit); the answer is read as it arrives.
  httplib::Request request;
  request.method = "POST";
  request.path = std::string("/?") + kSettings;
  request.body = sql;
  request.set_header("Content-Type", "text/plain");
  request.response_handler = onResponse;
  request.content_receiver = [&](const char* data, std::size_t size, uint64_t, uint64_t) {
    return onData(data, size);
  };
  httplib::Result result = client->send(request);
  if (stopped) return true;
  if (!result || status != 200 || !pending.empty()) {
    if (error) {
      *error = !result ? "ClickHouse at " + options_.url + " did not answer: " + httplib::to_string(result.error())
               : status != 200 ? (failure.empty() ? "ClickHouse answered HTTP " + std::to_string(status) : failure)
                               : "ClickHouse's answer ended inside a row: " + pending;
    }
    return false;
  }
  return true;
}

std::string clickHouseQuote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\'': out += "\\'"; break;
      case '\0': out += "\\0"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "'";
}

}  // namespace engage::collector
