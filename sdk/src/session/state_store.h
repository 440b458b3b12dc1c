// Write-through JSON documents in the KeyValueStore (<prefix><name>). Every read goes to the store, so
// another tab's writes are seen at once; a document is parsed again only when its text changed, and
// written only when its text changes. When a write fails (quota), the text is kept in memory and served
// from there until a write succeeds, so this tab stays consistent with itself.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "base/json_access.h"
#include "engage/platform.h"

namespace engage::detail {

class StateStore {
 public:
  StateStore(KeyValueStore& store, std::string prefix) : store_(store), prefix_(std::move(prefix)) {}

  std::optional<std::string> readText(const std::string& name);
  // Returns false when the store refused it (the memory copy is used meanwhile).
  bool writeText(const std::string& name, const std::string& text);
  void remove(const std::string& name);
  bool lastWriteFailed() const { return !unsaved_.empty(); }

 private:
  KeyValueStore& store_;
  std::string prefix_;
  std::map<std::string, std::string> unsaved_;  // name -> text the store refused
};

// One document of type T with a parse cache keyed by its stored text.
template <class T>
class Document {
 public:
  Document(StateStore& store, std::string name) : store_(store), name_(std::move(name)) {}

  // The stored value; nullopt when absent or when `parse` (Json -> std::optional<T>) rejects it.
  template <class Parse>
  std::optional<T> load(Parse parse) {
    std::optional<std::string> text = store_.readText(name_);
    if (known_ && text == text_) return value_;
    known_ = true;
    text_ = std::move(text);
    value_ = std::nullopt;
    if (text_) {
      if (std::optional<Json> json = parseJson(*text_)) value_ = parse(*json);
    }
    return value_;
  }

  // Stores `value` (removes the document for nullopt); `toText` is T -> std::string (JSON text).
  template <class ToText>
  void save(const std::optional<T>& value, ToText toText) {
    if (!value) {
      if (!known_ || text_) store_.remove(name_);
      known_ = true;
      text_.reset();
      value_.reset();
      return;
    }
    std::string text = toText(*value);
    if (known_ && text_ == text) return;  // the store already holds exactly this
    store_.writeText(name_, text);
    known_ = true;
    text_ = std::move(text);
    value_ = value;
  }

 private:
  StateStore& store_;
  std::string name_;
  bool known_ = false;               // text_/value_ reflect a read or write of this object
  std::optional<std::string> text_;  // the stored text last seen
  std::optional<T> value_;           // its parse
};

}  // namespace engage::detail
