// One tab's current page: engaged time and scroll depth. Per tab, so kept in memory, not in the store.
// The page counts as engaged while it is visible AND focused AND the last input (or visible/focus,
// which are the visitor turning to the page) is less than idleCutoffMs ago.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/json_access.h"
#include "metrics/json_writer.h"

namespace engage::detail {

struct EngagedInterval {
  int64_t fromMs = 0;
  int64_t toMs = 0;  // exclusive; toMs > fromMs
};

class PageTracker {
 public:
  explicit PageTracker(int64_t idleCutoffMs) : idleCutoffMs_(idleCutoffMs) {}

  // Accounts time up to nowMs under the current state; returns the engaged part not yet reported.
  // Call before changing state at nowMs. Time running backwards reports nothing.
  std::optional<EngagedInterval> advance(int64_t nowMs);

  void setVisible(bool visible, int64_t nowMs);
  void setFocused(bool focused, int64_t nowMs);
  void noteInput(int64_t nowMs);
  void noteScroll(double percent, int64_t nowMs);

  // A page view in this tab: the previous page is left (see hasOpenPage) and counters restart.
  void startPage(const Json& page, int64_t nowMs);
  // Whether a page was viewed here and not yet left.
  bool hasOpenPage() const { return open_; }
  // Page Left properties: path, url, title, engagedMs, maxScrollPct, durationMs; closes the page.
  Json leave(int64_t nowMs);
  // Reopens the current page after a pagehide (a page restored from the back-forward cache).
  void reopen(int64_t nowMs);

  Json summary(int64_t nowMs) const;  // the same fields, without closing
  void writeSummary(JsonWriter& out, int64_t nowMs) const;  // ... as an object into `out`
  int64_t engagedMs() const { return engagedMs_; }
  const std::string& path() const { return path_; }
  // The engaged interval between the last advance() and nowMs (what advance(nowMs) would report).
  std::optional<EngagedInterval> pending(int64_t nowMs) const;

 private:
  int64_t idleCutoffMs_;
  bool visible_ = false;
  bool focused_ = false;
  std::optional<int64_t> lastInputMs_;
  std::optional<int64_t> accountedUntilMs_;
  bool open_ = false;
  bool viewed_ = false;  // a page view happened in this tab
  std::string path_, url_, title_;  // of the page view; "" when not given
  int64_t pageStartMs_ = 0;
  int64_t engagedMs_ = 0;
  double maxScrollPct_ = 0;
};

}  // namespace engage::detail
