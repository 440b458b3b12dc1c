// Write-through JSON documents in the KeyValueStore (<prefix><name>). Every read goes to the store, so
// another tab's writes are seen at once. When a write fails (quota), the document is kept in memory and
// served from there until a write succeeds, so this tab stays consistent with itself.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "base/json_access.h"
#include "engage/platform.h"

namespace engage::detail {

class StateStore {
 public:
  StateStore(KeyValueStore& store, std::string prefix) : store_(store), prefix_(std::move(prefix)) {}

  // The parsed document, or nullopt when absent or unparsable.
  std::optional<Json> read(const std::string& name);
  // Returns false when the store refused it (the memory copy is used meanwhile).
  bool write(const std::string& name, const Json& doc);
  void remove(const std::string& name);
  bool lastWriteFailed() const { return !unsaved_.empty(); }

 private:
  KeyValueStore& store_;
  std::string prefix_;
  std::map<std::string, std::optional<Json>> unsaved_;  // name -> document the store refused
};

}  // namespace engage::detail
