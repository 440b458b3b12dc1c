// Loads sections of GrowthBook's conformance file (tests/spec/growthbook_cases.json) for
// value-parameterised tests: one gtest case per entry, named after its index and description.
// Loading happens while tests are registered, so it cannot use gtest assertions; a missing or
// unreadable file gives empty sections, which SpecFile.SectionsHaveTheVendoredCaseCounts catches.
#pragma once

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/json_access.h"

namespace engage::testing {

using detail::Json;

struct GbCase {
  size_t index = 0;
  std::string name;  // the case's own description
  Json data;         // the whole entry

  friend void PrintTo(const GbCase& c, std::ostream* os) { *os << "#" << c.index << " " << c.name; }
};

inline const Json& growthbookCases() {
  static const Json cases = [] {
    std::ifstream in(ENGAGE_SPEC_DIR "/growthbook_cases.json", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    std::optional<Json> parsed = detail::parseJson(text.str());
    return parsed && parsed->is_object() ? *parsed : Json::object();
  }();
  return cases;
}

// Entries of `section`; `nameIndex` is where the description sits (-1: the entry has none).
inline std::vector<GbCase> loadSection(const char* section, int nameIndex = 0) {
  std::vector<GbCase> out;
  const Json* entries = detail::member(growthbookCases(), section);
  if (!entries || !entries->is_array()) return out;
  for (size_t i = 0; i < entries->size(); ++i) {
    const Json& entry = (*entries)[i];
    std::string name = nameIndex >= 0 && entry.is_array() && entry.size() > static_cast<size_t>(nameIndex) &&
                               entry[static_cast<size_t>(nameIndex)].is_string()
                           ? entry[static_cast<size_t>(nameIndex)].get<std::string>()
                           : detail::dumpJson(entry.is_array() && !entry.empty() ? entry[0] : entry);
    out.push_back(GbCase{i, name, entry});
  }
  return out;
}

// A gtest-safe parameter name: "<index>_<description with non-alphanumerics as _>".
inline std::string caseName(const ::testing::TestParamInfo<GbCase>& info) {
  std::string name = std::to_string(info.param.index) + "_";
  for (char c : info.param.name) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (name.size() < 64) name += alnum ? c : '_';
  }
  return name;
}

// Deep JSON equality with numbers compared by value (integers and floats of equal value match).
inline bool sameJson(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!sameJson(a[i], b[i])) return false;
    }
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end() || !sameJson(*it, *other)) return false;
    }
    return true;
  }
  return a == b;
}

inline ::testing::AssertionResult jsonMatches(const Json& actual, const Json& expected) {
  if (sameJson(actual, expected)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\n  actual:   " << detail::dumpJson(actual)
                                       << "\n  expected: " << detail::dumpJson(expected);
}

}  // namespace engage::testing
