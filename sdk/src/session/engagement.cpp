// Engagement: the calls the engine makes. Each reads the shared session from the store, accounts this
// tab's engaged time, ends an expired session, applies the input, and writes the session back.
#include <algorithm>

#include "session/engagement_impl.h"

namespace engage {
namespace {

using detail::SessionState;

bool isEmittedName(const std::string& name) {
  namespace ev = engagement_events;
  for (const char* own : {ev::kSessionStarted, ev::kSessionEnded, ev::kPageLeft, ev::kCartAbandoned,
                          ev::kCheckoutAbandoned}) {
    if (name == own) return true;
  }
  return false;
}

const Json& pageOf(const Json& event) {
  static const Json kEmpty = Json::object();
  const Json* context = detail::member(event, "context");
  const Json* page = context ? detail::member(*context, "page") : nullptr;
  return page && page->is_object() ? *page : kEmpty;
}

}  // namespace

std::optional<Activity> parseActivity(std::string_view name) {
  if (name == "visible") return Activity::Visible;
  if (name == "hidden") return Activity::Hidden;
  if (name == "focus") return Activity::Focus;
  if (name == "blur") return Activity::Blur;
  if (name == "input") return Activity::Input;
  if (name == "scroll") return Activity::Scroll;
  if (name == "pagehide") return Activity::PageHide;
  return std::nullopt;
}

Engagement::Engagement(EngagementConfig config, KeyValueStore& store, std::string prefix)
    : impl_(std::make_unique<Impl>(std::move(config), store, std::move(prefix))) {}

Engagement::~Engagement() = default;

void Engagement::Impl::absorbOwnEvent(const std::string& name, const Json& event) {
  if (name != engagement_events::kPageLeft || !config.engagedTimeFromPageLeft) return;
  std::optional<SessionState> s = loadSession();
  if (!s) return;
  const Json* properties = detail::member(event, "properties");
  int64_t engaged = properties ? detail::integerOr(*properties, "engagedMs", 0) : 0;
  if (engaged <= 0) return;
  s->engagedMs += engaged;
  saveSession(s);
}

EngagementUpdate Engagement::onEvent(const nlohmann::json& event, int64_t wallMs) {
  EngagementUpdate update;
  if (!event.is_object()) return update;
  Impl& m = *impl_;
  std::string type = detail::stringOr(event, "type", "track");
  std::string name = detail::canonicalEventName(detail::stringOr(event, "event", ""));
  if (type == "track" && isEmittedName(name)) {
    m.absorbOwnEvent(name, event);
    update.sessionId = currentSessionId(wallMs);
    return update;
  }
  std::optional<SessionState> s = m.loadSession();
  if (type == "page" && m.page.hasOpenPage()) {
    update.emitted.push_back({engagement_events::kPageLeft, m.page.leave(wallMs), m.pageSessionId, wallMs});
  }
  m.creditEngaged(s, wallMs);
  m.endIfExpired(s, wallMs, update.emitted);
  detail::CampaignInfo campaign = detail::campaignOf(event);
  bool campaignChanged = s && s->attributed && detail::changesCampaign(campaign, s->campaignKey, s->campaignHost);
  if (campaignChanged && m.config.splitOnCampaignChange) m.end(s, detail::EndReason::CampaignChange, update.emitted);
  m.ensureOpen(s, wallMs, &event, campaign, update.emitted);
  s->lastActivityMs = std::max(s->lastActivityMs, wallMs);
  m.page.noteInput(wallMs);
  if (type == "page") {
    ++s->pageViews;
    m.page.startPage(pageOf(event), wallMs);
    m.pageSessionId = s->id;
  } else if (type == "track") {
    const Json* properties = detail::member(event, "properties");
    m.applyCommerce(*s, name, properties ? *properties : Json::object(), wallMs);
  }
  m.saveSession(s);
  update.sessionId = s->id;
  return update;
}

std::vector<Emitted> Engagement::onActivity(Activity kind, int64_t wallMs, double value) {
  Impl& m = *impl_;
  std::vector<Emitted> out;
  std::optional<SessionState> s = m.loadSession();
  bool changed = m.creditEngaged(s, wallMs);
  if (kind == Activity::PageHide && m.page.hasOpenPage()) {
    out.push_back({engagement_events::kPageLeft, m.page.leave(wallMs), m.pageSessionId, wallMs});
  }
  changed |= m.endIfExpired(s, wallMs, out);
  switch (kind) {
    case Activity::Hidden: m.page.setVisible(false, wallMs); break;
    case Activity::Blur: m.page.setFocused(false, wallMs); break;
    case Activity::PageHide: m.page.setVisible(false, wallMs); break;
    case Activity::Visible: m.page.setVisible(true, wallMs); m.page.reopen(wallMs); break;
    case Activity::Focus: m.page.setFocused(true, wallMs); break;
    case Activity::Input: m.page.noteInput(wallMs); break;
    case Activity::Scroll: m.page.noteScroll(value, wallMs); break;
  }
  bool isActivity = kind == Activity::Visible || kind == Activity::Focus || kind == Activity::Input ||
                    kind == Activity::Scroll;
  if (isActivity) {
    m.ensureOpen(s, wallMs, nullptr, detail::CampaignInfo{}, out);
    s->lastActivityMs = std::max(s->lastActivityMs, wallMs);
    if (m.pageSessionId == 0) m.pageSessionId = s->id;
    changed = true;
  }
  if (changed) m.saveSession(s);
  return out;
}

std::vector<Emitted> Engagement::tick(int64_t wallMs) {
  Impl& m = *impl_;
  std::vector<Emitted> out;
  std::optional<SessionState> s = m.loadSession();
  bool changed = m.creditEngaged(s, wallMs);
  changed |= m.endIfExpired(s, wallMs, out);
  if (changed) m.saveSession(s);
  return out;
}

std::vector<Emitted> Engagement::endSession(int64_t wallMs) {
  Impl& m = *impl_;
  std::vector<Emitted> out;
  std::optional<SessionState> s = m.loadSession();
  m.creditEngaged(s, wallMs);
  if (!m.endIfExpired(s, wallMs, out) && s) m.end(s, detail::EndReason::Explicit, out);
  m.saveSession(s);
  return out;
}

int64_t Engagement::nextWakeupMs(int64_t wallMs) {
  std::optional<SessionState> s = impl_->loadSession();
  if (!s) return -1;
  return std::max<int64_t>(0, detail::expiresAtMs(*s, impl_->config) - wallMs);
}

int64_t Engagement::currentSessionId(int64_t wallMs) {
  std::optional<SessionState> s = impl_->loadSession();
  return s && !detail::expiry(*s, wallMs, impl_->config) ? s->id : 0;
}

void Engagement::clear() {
  impl_->saveSession(std::nullopt);
  impl_->saveCart(detail::Cart{});
  impl_->lifetimeDoc.save(std::nullopt, [](const DeviceLifetime&) { return std::string(); });
  impl_->pageSessionId = 0;
}

// ---- Impl: documents and engaged time

std::optional<SessionState> Engagement::Impl::loadSession() { return sessionDoc.load(detail::sessionFromJson); }

void Engagement::Impl::saveSession(const std::optional<SessionState>& s) { sessionDoc.save(s, detail::sessionText); }

int64_t Engagement::Impl::creditWithin(const std::optional<detail::EngagedInterval>& interval,
                                        const SessionState& s) {
  if (!interval) return 0;
  return std::max<int64_t>(0, interval->toMs - std::max(interval->fromMs, s.startMs));
}

bool Engagement::Impl::creditEngaged(std::optional<SessionState>& s, int64_t nowMs) {
  std::optional<detail::EngagedInterval> credit = page.advance(nowMs);
  if (!s) return false;
  int64_t ms = creditWithin(credit, *s);
  s->engagedMs += ms;
  return ms > 0;
}

}  // namespace engage
