#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace kube::client {

// A bearer token that changes over time (a ServiceAccount token from
// TokenRequest, renewed before it expires), asked for on every request instead of
// a fixed ClientConfig::token. Implementations are thread-safe and cheap when the
// token they hold is still good.
class TokenSource {
 public:
  virtual ~TokenSource() = default;
  virtual absl::StatusOr<std::string> Token() = 0;
};

}  // namespace kube::client
