#include "session/page_tracker.h"

#include <algorithm>
#include <cmath>

namespace engage::detail {

std::optional<EngagedInterval> PageTracker::pending(int64_t nowMs) const {
  if (!accountedUntilMs_ || !visible_ || !focused_ || !lastInputMs_) return std::nullopt;
  int64_t from = *accountedUntilMs_;
  int64_t to = std::min(nowMs, *lastInputMs_ + idleCutoffMs_);
  if (to <= from) return std::nullopt;
  return EngagedInterval{from, to};
}

std::optional<EngagedInterval> PageTracker::advance(int64_t nowMs) {
  std::optional<EngagedInterval> credit = pending(nowMs);
  if (credit) engagedMs_ += credit->toMs - credit->fromMs;
  if (!accountedUntilMs_ || nowMs > *accountedUntilMs_) accountedUntilMs_ = nowMs;
  return credit;
}

void PageTracker::setVisible(bool visible, int64_t nowMs) {
  visible_ = visible;
  if (visible) noteInput(nowMs);
}

void PageTracker::setFocused(bool focused, int64_t nowMs) {
  focused_ = focused;
  if (focused) noteInput(nowMs);
}

void PageTracker::noteInput(int64_t nowMs) {
  if (!lastInputMs_ || nowMs > *lastInputMs_) lastInputMs_ = nowMs;
}

void PageTracker::noteScroll(double percent, int64_t nowMs) {
  if (std::isfinite(percent)) maxScrollPct_ = std::max(maxScrollPct_, std::clamp(percent, 0.0, 100.0));
  noteInput(nowMs);
}

void PageTracker::startPage(const Json& page, int64_t nowMs) {
  path_ = stringOr(page, "path", "");
  url_ = stringOr(page, "url", "");
  title_ = stringOr(page, "title", "");
  open_ = viewed_ = true;
  pageStartMs_ = nowMs;
  engagedMs_ = 0;
  maxScrollPct_ = 0;
}

void PageTracker::writeSummary(JsonWriter& out, int64_t nowMs) const {
  std::optional<EngagedInterval> unreported = pending(nowMs);
  out.beginObject();
  if (!path_.empty()) out.field("path", path_);
  if (!url_.empty()) out.field("url", url_);
  if (!title_.empty()) out.field("title", title_);
  out.field("engagedMs", engagedMs_ + (unreported ? unreported->toMs - unreported->fromMs : 0))
      .field("maxScrollPct", maxScrollPct_)
      .field("durationMs", std::max<int64_t>(0, nowMs - pageStartMs_))
      .endObject();
}

Json PageTracker::summary(int64_t nowMs) const {
  JsonWriter out;
  writeSummary(out, nowMs);
  return parseJson(out.text()).value_or(Json::object());
}

Json PageTracker::leave(int64_t nowMs) {
  Json j = summary(nowMs);
  open_ = false;
  return j;
}

void PageTracker::reopen(int64_t nowMs) {
  if (open_ || !viewed_) return;
  open_ = true;
  pageStartMs_ = nowMs;
  engagedMs_ = 0;
  maxScrollPct_ = 0;
}

}  // namespace engage::detail
