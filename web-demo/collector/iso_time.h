// ISO 8601 date-times as events carry them ("2026-11-23T15:12:43.123Z"), to epoch milliseconds, so
// the store can order and range-filter events by their own time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace engage::collector {

// Accepts YYYY-MM-DDTHH:MM:SS, an optional fraction (digits beyond milliseconds are truncated) and a
// zone: Z, +HH:MM, -HH:MM, +HHMM or -HHMM ('t', 'z' and a space separator are accepted too). Fields
// are range-checked (month 1-12, day within the month, hour < 24, minute < 60, second <= 60).
// Returns std::nullopt for anything else, including a missing zone: local time is ambiguous.
std::optional<int64_t> parseIsoTimestamp(std::string_view text);

// A calendar date, YYYY-MM-DD exactly, to the epoch milliseconds of its start (00:00 UTC).
std::optional<int64_t> parseIsoDate(std::string_view text);

// Epoch milliseconds as "YYYY-MM-DDTHH:MM:SS.mmmZ" (years 0000-9999; the SDK's own format).
std::string formatIsoTimestamp(int64_t epochMs);

}  // namespace engage::collector
