// The JSON shapes this concept emits and stores, written with JsonWriter (one code path for the
// metrics() text, the emitted events' properties and the session document).
#pragma once

#include <string>

#include "commerce/cart.h"
#include "engage/engagement.h"
#include "metrics/json_writer.h"
#include "session/session_state.h"

namespace engage::detail {

// Members of a session summary (Session Started/Ended and metrics().session), into an open object.
void writeSessionSummary(JsonWriter& out, const SessionState& s, const EngagementConfig& config);

// The cart as a Segment products array: [{"product_id","name"(if any),"price","quantity"}].
void writeProducts(JsonWriter& out, const Cart& cart);

// The stored session document (read back by sessionFromJson()).
std::string sessionText(const SessionState& s);

// Parses text this concept wrote (never fails for it); an empty object otherwise.
Json parsed(const JsonWriter& out);

}  // namespace engage::detail
