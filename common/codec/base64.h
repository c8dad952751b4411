#pragma once

// Standard base64 (RFC 4648, "+/", padded), the JSON form of []byte in Go.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace kube::codec {

std::string Base64Encode(std::string_view bytes);

// Like Go's base64.StdEncoding.DecodeString: padding is required and '\r'/'\n' are
// skipped; anything else outside the alphabet is an error.
absl::StatusOr<std::string> Base64Decode(std::string_view text);

}  // namespace kube::codec
