#pragma once

// Debian's Abseil is built with its own absl::string_view (not std::string_view), so
// Abseil string functions need this conversion for the std::string_view we use.

#include <string_view>

#include "absl/strings/string_view.h"

namespace kube::codec::internal {

inline absl::string_view AbslView(std::string_view text) {
  return absl::string_view(text.data(), text.size());
}

}  // namespace kube::codec::internal
