// A minimal JSON text writer for the hot paths (metrics() and the session document, written on every
// input): appending to one string is several times cheaper than building an nlohmann object (a tree
// of map nodes) and dumping it, most of all in wasm. Output is valid JSON; doubles print as nlohmann's
// dump() prints them (shortest digits that read back exactly, "20.0" for integral values); NaN and
// infinities print as null.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/json_access.h"

namespace engage::detail {

class JsonWriter {
 public:
  JsonWriter& beginObject();
  JsonWriter& endObject();
  JsonWriter& beginArray();
  JsonWriter& endArray();
  explicit JsonWriter(size_t reserve = 512) { out_.reserve(reserve); }

  // `name` is written as is: keys are this code's own identifiers, never input.
  JsonWriter& key(std::string_view name);
  JsonWriter& value(int64_t v);
  JsonWriter& value(int v) { return value(static_cast<int64_t>(v)); }
  JsonWriter& value(double v);
  JsonWriter& value(bool v);
  JsonWriter& value(std::string_view v);
  JsonWriter& value(const char* v) { return value(std::string_view(v)); }
  JsonWriter& value(const std::string& v) { return value(std::string_view(v)); }
  JsonWriter& value(const Json& v);  // any nlohmann value, dumped
  JsonWriter& null();
  template <class T>
  JsonWriter& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

  std::string_view text() const { return std::string_view(out_.data(), out_.size()); }
  std::string take() const { return std::string(out_.data(), out_.size()); }

 private:
  void separate();  // a comma before the second and later members of the open container
  void put(char c) { out_.push_back(c); }
  void put(std::string_view s) { out_.insert(out_.end(), s.begin(), s.end()); }

  // A vector, not a std::string: Emscripten's libc++ instantiates basic_string<char> out of line, so
  // every string append there is a chain of calls; vector<char> inlines to a bounds check and a copy.
  std::vector<char> out_;
  std::vector<bool> hasMember_;  // per open container
  bool afterKey_ = false;
};

}  // namespace engage::detail
