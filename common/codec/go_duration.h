#pragma once

// Go's time.Duration text form ("1h2m3.5s", "150ms", "0s"), which meta/v1.Duration
// uses in JSON. The value is a signed count of nanoseconds.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace kube::codec {

// Exactly Go's Duration.String(), including "µs" (U+00B5) for microseconds.
std::string FormatGoDuration(int64_t nanoseconds);

// Exactly Go's time.ParseDuration: a signed sequence of decimal numbers with units
// "ns", "us" (or "µs"/"μs"), "ms", "s", "m", "h"; "0" alone is zero; overflow is an error.
absl::StatusOr<int64_t> ParseGoDuration(std::string_view text);

}  // namespace kube::codec
