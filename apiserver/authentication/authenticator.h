#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "common/auth/authenticator.h"

namespace kube::apiserver::authentication {

// A bearer token recogniser of the apiserver's own (ServiceAccount JWTs, the static
// token file, bootstrap tokens): the contract of auth::Authenticator for the token
// alone. Thread-safe.
class TokenAuthenticator {
 public:
  virtual ~TokenAuthenticator() = default;
  // The user when the token is good; nullopt when it is not one of this kind; an
  // Unauthenticated error when it is and is bad (expired, forged, revoked).
  virtual absl::StatusOr<std::optional<auth::UserInfo>> AuthenticateToken(
      const std::string& token) const = 0;
};

}  // namespace kube::apiserver::authentication
