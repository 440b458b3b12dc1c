#include "delivery/persistent_queue.h"

#include <algorithm>
#include <string_view>

#include "base/json_access.h"

namespace engage::detail {

namespace {
constexpr size_t kMaxSegments = 100000;  // a corrupt meta record never makes load() run long
constexpr int64_t kMaxStoredWallMs = 9'000'000'000'000'000;  // |wallMs| bound (as integerOr)

// One stored line "<wallMs>|<event json>": false when it is not one we could have written (another
// script, a truncated write). Only the first character and the JSON syntax are checked, not the
// event's fields: the collector validates those, but a line that is not a JSON object would make
// the whole batch body invalid and lose every other event in it. A NUL byte is refused first:
// nlohmann's parser takes it for the end of the input, so `{...}<NUL>junk` would pass as JSON
// (what we write never holds one: dumpJson escapes control characters).
bool parseLine(std::string_view line, int64_t& wallMs, std::string_view& json) {
  const size_t bar = line.find('|');
  if (bar == std::string_view::npos || bar == 0 || bar > 20) return false;
  int64_t value = 0;
  size_t i = line[0] == '-' ? 1 : 0;
  if (i == bar) return false;
  for (; i < bar; ++i) {
    if (line[i] < '0' || line[i] > '9') return false;
    value = value * 10 + (line[i] - '0');
    if (value > kMaxStoredWallMs) return false;
  }
  wallMs = line[0] == '-' ? -value : value;
  json = line.substr(bar + 1);
  return !json.empty() && json.front() == '{' && json.find('\0') == std::string_view::npos &&
         Json::accept(json.begin(), json.end());
}
}  // namespace

PersistentQueue::PersistentQueue(KeyValueStore* store, std::string ns)
    : store_(store), ns_(std::move(ns)) {}

void PersistentQueue::load(int64_t nowMonoMs) {
  items_.clear();
  segments_.clear();
  bytes_ = 0;
  unsaved_ = 0;
  nextSegment_ = 1;
  auto meta = store_->get(ns_ + "meta");
  auto parsed = meta ? parseJson(*meta) : std::nullopt;
  if (!parsed) return;
  nextSegment_ = static_cast<uint64_t>(std::max<int64_t>(1, integerOr(*parsed, "next", 1)));
  const Json* segs = member(*parsed, "segs");
  if (!segs || !segs->is_array()) return;
  for (const Json& seg : *segs) {
    if (segments_.size() >= kMaxSegments) break;
    if (!seg.is_array() || seg.size() != 3 || !seg[0].is_number_unsigned() ||
        !seg[1].is_number_unsigned() || !seg[2].is_array())
      continue;  // not written by us: skip it
    const uint64_t id = seg[0].get<uint64_t>();
    if (id == 0 || id == UINT64_MAX || segments_.count(id)) continue;  // 0 = unstored; no twice
    loadSegment(id, seg, nowMonoMs);
  }
}

// Loads segment `id` as `seg` ([id, count, [removed...]]) describes it. The segment's count is what
// its record really holds, and a line that cannot be read counts as removed, so that erasing every
// loaded event removes the record; removed indices beyond the count are ignored, so that they never
// make the record go while loaded events still wait in it.
void PersistentQueue::loadSegment(uint64_t id, const Json& seg, int64_t nowMonoMs) {
  auto text = store_->get(segmentKey(id));
  if (!text) return;
  const uint32_t listed = static_cast<uint32_t>(std::min<uint64_t>(seg[1].get<uint64_t>(), 1u << 20));
  std::set<uint32_t> listedRemoved;
  for (const Json& r : seg[2])
    if (r.is_number_unsigned() && r.get<uint64_t>() < listed) listedRemoved.insert(r.get<uint32_t>());
  Segment s;
  const std::string_view all(*text);
  size_t start = 0;
  uint32_t index = 0;
  for (; index < listed && start < all.size(); ++index) {
    size_t end = all.find('\n', start);
    if (end == std::string_view::npos) end = all.size();
    int64_t wallMs = 0;
    std::string_view json;
    if (listedRemoved.count(index) || !parseLine(all.substr(start, end - start), wallMs, json)) {
      s.removed.insert(index);
    } else {
      items_.push_back(QueuedEvent{id, index, wallMs, nowMonoMs, std::string(json)});
      bytes_ += json.size();
    }
    start = end + 1;
  }
  s.count = index;
  nextSegment_ = std::max(nextSegment_, id + 1);
  if (s.removed.size() >= s.count) {
    store_->remove(segmentKey(id));  // nothing in it waits
    metaDirty_ = true;
    return;
  }
  segments_[id] = std::move(s);
}

void PersistentQueue::push(std::string json, int64_t wallMs, int64_t nowMonoMs) {
  bytes_ += json.size();
  items_.push_back(QueuedEvent{0, 0, wallMs, nowMonoMs, std::move(json)});
  ++unsaved_;
}

void PersistentQueue::adopt(std::deque<QueuedEvent>&& events, int64_t nowMonoMs) {
  for (auto& e : events) push(std::move(e.json), e.wallMs, nowMonoMs);
}

void PersistentQueue::erase(const QueuedEvent& event) {
  const uint64_t segment = event.segment;
  const uint32_t index = event.index;
  auto it = std::find_if(items_.begin(), items_.end(), [&](const QueuedEvent& e) {
    return &e == &event || (segment != 0 && e.segment == segment && e.index == index);
  });
  if (it == items_.end()) return;
  const size_t position = static_cast<size_t>(it - items_.begin());
  if (position >= items_.size() - unsaved_) --unsaved_;  // never written: nothing to remove
  bytes_ -= it->json.size();
  items_.erase(it);
  auto seg = segments_.find(segment);
  if (segment == 0 || seg == segments_.end()) return;
  seg->second.removed.insert(index);
  if (seg->second.removed.size() >= seg->second.count) {
    store_->remove(segmentKey(segment));
    segments_.erase(seg);
  }
  metaDirty_ = true;
}

void PersistentQueue::clearStorage() {
  for (const auto& [id, seg] : segments_) store_->remove(segmentKey(id));
  store_->remove(ns_ + "meta");
  items_.clear();
  segments_.clear();
  bytes_ = 0;
  unsaved_ = 0;
  metaDirty_ = false;
}

void PersistentQueue::commit() {
  if (unsaved_ > 0) {
    const uint64_t id = nextSegment_++;
    std::string text;
    const size_t first = items_.size() - unsaved_;
    for (size_t i = first; i < items_.size(); ++i) {
      if (i > first) text += '\n';
      text += std::to_string(items_[i].wallMs);
      text += '|';
      text += items_[i].json;
    }
    if (store_->set(segmentKey(id), text)) {
      for (size_t i = first; i < items_.size(); ++i) {
        items_[i].segment = id;
        items_[i].index = static_cast<uint32_t>(i - first);
      }
      segments_[id].count = static_cast<uint32_t>(unsaved_);
    } else {
      storageFailures_ += unsaved_;
    }
    unsaved_ = 0;
    metaDirty_ = true;
  }
  if (metaDirty_) writeMeta();
}

void PersistentQueue::writeMeta() {
  metaDirty_ = false;
  if (segments_.empty()) {
    store_->remove(ns_ + "meta");
    return;
  }
  std::string text = "{\"next\":" + std::to_string(nextSegment_) + ",\"segs\":[";
  bool firstSeg = true;
  for (const auto& [id, seg] : segments_) {
    if (!firstSeg) text += ',';
    firstSeg = false;
    text += '[' + std::to_string(id) + ',' + std::to_string(seg.count) + ",[";
    bool firstRemoved = true;
    for (uint32_t r : seg.removed) {
      if (!firstRemoved) text += ',';
      firstRemoved = false;
      text += std::to_string(r);
    }
    text += "]]";
  }
  text += "]}";
  if (!store_->set(ns_ + "meta", text)) ++storageFailures_;
}

}  // namespace engage::detail
