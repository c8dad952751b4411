#pragma once

// RFC 3339 timestamps as Kubernetes writes them: meta/v1.Time with whole seconds,
// meta/v1.MicroTime with six fractional digits, always in UTC ("Z").

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace kube::codec {

// A point in time as Unix seconds plus nanoseconds in [0, 1e9), the protobuf layout
// of meta/v1.Time and MicroTime.
struct UnixTime {
  int64_t seconds = 0;
  int32_t nanos = 0;
};

// "2006-01-02T15:04:05Z" with fraction_digits = 0, "2006-01-02T15:04:05.000000Z" with 6
// (digits beyond are truncated, as Go's time.Format does). Any count 0..9 works.
std::string FormatRfc3339(UnixTime time, int fraction_digits = 0);

// Accepts any RFC 3339 timestamp: "T" or "t", an optional fraction of any length (only
// nanoseconds are kept), and "Z", "z" or a "+hh:mm"/"-hh:mm" offset. Field ranges are
// checked (no February 30th, no leap second), like Go's time.Parse.
absl::StatusOr<UnixTime> ParseRfc3339(std::string_view text);

}  // namespace kube::codec
