// The few calls the ClickHouse store makes over ClickHouse's HTTP interface (port 8123 by default),
// with cpp-httplib: no client library. Every call opens its own connection, so one ClickHouseHttp is
// safe to use from many threads (the collector's request threads share the store).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "collector_config.h"

namespace engage::collector {

struct ClickHouseReply {
  bool ok = false;
  std::string body;   // the answer (ok), or ClickHouse's or the transport's error text (!ok)
};

class ClickHouseHttp {
 public:
  explicit ClickHouseHttp(ClickHouseOptions options);

  // Runs `sql` (sent as the POST body, so it may be long) and returns the whole answer.
  ClickHouseReply query(const std::string& sql) const;
  // Runs `statement` (e.g. "INSERT INTO t FORMAT JSONEachRow") with `data` as its input rows.
  ClickHouseReply insert(const std::string& statement, const std::string& data) const;
  // Runs a SELECT and hands each line of the answer to `line` as it streams in (bounded memory for
  // large scans). `line` returns false to stop early, which is not an error. Returns false (and sets
  // *error) when the query or the connection failed.
  bool streamLines(const std::string& sql, const std::function<bool(std::string_view)>& line,
                   std::string* error) const;

  const ClickHouseOptions& options() const { return options_; }

 private:
  ClickHouseOptions options_;
};

// `text` as a ClickHouse single-quoted string literal, with backslash escapes.
std::string clickHouseQuote(std::string_view text);

}  // namespace engage::collector
