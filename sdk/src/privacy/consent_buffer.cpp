// Opt-in events waiting for the visitor's decision: in memory only (never in the store: nothing is
// stored before consent), bounded by count and serialised bytes, the newest dropped on overflow.
#include <algorithm>

#include "base/json_access.h"
#include "engage/privacy.h"

namespace engage {

using detail::Json;

namespace {

// Released events carry the decision under which they were released, not the undecided stamp they
// were built with. A text that does not parse (never produced by the engine) is released unchanged.
std::string restamp(const std::string& text, const Json& stamp) {
  auto event = detail::parseJson(text);
  if (!event || !event->is_object()) return text;
  Json& context = (*event)["context"];
  if (!context.is_object()) context = Json::object();
  context["consent"] = stamp;
  return detail::dumpJson(*event);
}

}  // namespace

void ConsentBuffer::setLimits(size_t maxEvents, size_t maxBytes) {
  maxEvents_ = maxEvents;
  maxBytes_ = maxBytes;
}

bool ConsentBuffer::hold(std::string text, ConsentCategory category) {
  if (held_.size() >= maxEvents_ || text.size() > maxBytes_ - std::min(maxBytes_, bytes_)) {
    ++dropped_;
    return false;
  }
  bytes_ += text.size();
  held_.push_back(Held{std::move(text), category});
  return true;
}

ConsentBuffer::Settled ConsentBuffer::settle(const ConsentState& consent) {
  Settled out;
  std::vector<Held> kept;
  size_t keptBytes = 0;
  for (Held& h : held_) {
    switch (consent.disposition(h.category)) {
      case Disposition::Send:
        out.released.push_back(restamp(h.text, consent.stamp()));
        break;
      case Disposition::Drop:
        ++out.discarded;
        break;
      case Disposition::Hold:
        keptBytes += h.text.size();
        kept.push_back(std::move(h));
        break;
    }
  }
  held_ = std::move(kept);
  bytes_ = keptBytes;
  discarded_ += out.discarded;
  return out;
}

void ConsentBuffer::clear() {
  discarded_ += held_.size();
  held_.clear();
  bytes_ = 0;
}

}  // namespace engage
