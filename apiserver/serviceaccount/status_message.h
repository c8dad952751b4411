#pragma once

#include <string_view>

#include "absl/status/status.h"

namespace kube::serviceaccount {

// A status's message as std::string_view (Debian's abseil has its own string_view).
inline std::string_view MessageOf(const absl::Status& status) {
  return std::string_view(status.message().data(), status.message().size());
}

// The same status code with "<prefix><message>".
absl::Status Prefixed(const absl::Status& status, std::string_view prefix);

}  // namespace kube::serviceaccount
