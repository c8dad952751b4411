#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace kube::serviceaccount {

// A random (version 4) UUID from OpenSSL's CSPRNG, for a token's "jti": the id that
// audit logs trace a token by, which must not be guessable.
absl::StatusOr<std::string> NewTokenId();

}  // namespace kube::serviceaccount
