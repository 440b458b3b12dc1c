// Batch bodies for the backends Engage speaks. Events are queued in the Engage wire format (Segment's
// event shape); a format turns a run of them into one request body.
//   engage   {"batch":[...],"sentAt":"...","writeKey":"..."}           (Engage's collector)
//   segment  the same body: Segment's HTTP Tracking API /v1/batch (RudderStack and Jitsu accept it)
//   posthog  {"api_key":"...","batch":[{"event","properties":{"distinct_id",...},"timestamp","uuid"}]}
#pragma once

#include <string>
#include <vector>

namespace engage::detail {

enum class WireFormat { Engage, Segment, PostHog };

// Parses "engage" | "segment" | "posthog"; false for anything else.
bool parseWireFormat(const std::string& name, WireFormat& out);
const char* wireFormatName(WireFormat format);

// `events` are serialised Engage events. Returns the request body.
std::string formatBatch(WireFormat format, const std::vector<const std::string*>& events,
                        const std::string& writeKey, const std::string& sentAt);

// One Engage event as PostHog's capture shape (exposed for the golden tests).
std::string toPostHogEvent(const std::string& engageEventJson);

}  // namespace engage::detail
