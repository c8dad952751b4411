#pragma once

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "apiserver/authentication/authenticator.h"

namespace kube::apiserver::authentication {

// Upstream's authentication of a request, in its order: the client certificate,
// then the bearer token through each token authenticator, then (when allowed)
// anonymous. Any authenticator that recognises the request wins, even after
// another rejected it (a certificate from an unknown CA beside a good token); when
// none does and one rejected, the request is 401, never anonymous. A bearer token
// no authenticator recognises is rejected ("invalid bearer token").
//
// Every authenticated user gets the group system:authenticated; anonymous is
// system:anonymous in system:unauthenticated. Immutable and thread-safe.
class RequestAuthenticator {
 public:
  RequestAuthenticator(std::vector<std::unique_ptr<auth::Authenticator>> authenticators,
                       std::vector<std::unique_ptr<TokenAuthenticator>> token_authenticators,
                       bool allow_anonymous);

  // The user, or Unauthenticated (answered 401 "Unauthorized").
  absl::StatusOr<auth::UserInfo> Authenticate(const auth::RequestCredentials& credentials) const;

 private:
  // nullopt: no bearer token in the header.
  absl::StatusOr<std::optional<auth::UserInfo>> AuthenticateBearer(
      const std::string& authorization) const;

  const std::vector<std::unique_ptr<auth::Authenticator>> authenticators_;
  const std::vector<std::unique_ptr<TokenAuthenticator>> token_authenticators_;
  const bool allow_anonymous_;
};

}  // namespace kube::apiserver::authentication
