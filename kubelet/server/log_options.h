#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace kube::kubelet {

// What a container log request asks for (core/v1 PodLogOptions, as kubectl sends
// them in the query).
struct LogOptions {
  bool follow = false;          // keep streaming while the container runs
  bool previous = false;        // the previous instance of the container
  bool timestamps = false;      // prefix every line with its RFC 3339 time
  std::optional<int64_t> tail_lines;   // only the last N lines
  std::optional<int64_t> limit_bytes;  // stop after this many bytes
  std::optional<absl::Time> since;     // only lines at or after this time
};

// Reads the options from a query through `param` (the value of a parameter, ""
// when absent). InvalidArgument naming the parameter for a bad value, or when
// both sinceSeconds and sinceTime are given. `now` anchors sinceSeconds.
absl::StatusOr<LogOptions> ParseLogOptions(const std::function<std::string(const char*)>& param,
                                           absl::Time now);

}  // namespace kube::kubelet
