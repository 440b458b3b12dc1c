// The real clocks, for the running collector (tests inject a manual clock instead).
#pragma once

#include <chrono>

#include "engage/platform.h"

namespace engage::collector {

class SystemClock : public Clock {
 public:
  int64_t wallMs() override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
  int64_t monotonicMs() override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
  }
};

}  // namespace engage::collector
