#include "experiment/version_string.h"

#include "experiment/js_value.h"

namespace engage::detail {

namespace {

bool allDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string paddedVersionString(const Json& input) {
  std::string text;
  if (input.is_number()) {
    text = jsNumberToString(input.get<double>());
  } else if (input.is_string() && !input.get_ref<const std::string&>().empty()) {
    text = input.get_ref<const std::string&>();
  } else {
    text = "0";
  }
  // Remove a leading "v" and any "+build" suffix.
  if (!text.empty() && text[0] == 'v') text.erase(0, 1);
  size_t plus = text.find('+');
  if (plus != std::string::npos) text.erase(plus);

  std::vector<std::string> parts(1);
  for (char c : text) {
    if (c == '-' || c == '.') {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  if (parts.size() == 3) parts.emplace_back("~");

  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += '-';
    if (allDigits(parts[i]) && parts[i].size() < 5) out.append(5 - parts[i].size(), ' ');
    out += parts[i];
  }
  return out;
}

}  // namespace engage::detail
