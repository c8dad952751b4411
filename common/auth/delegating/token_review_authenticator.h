#pragma once

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "common/auth/authenticator.h"
#include "common/auth/delegating/expiring_cache.h"
#include "common/client/transport.h"

namespace kube::auth {

// Bearer tokens, checked by the apiserver: each unknown token is sent in an
// authentication.k8s.io/v1 TokenReview (upstream's webhook token authenticator as
// delegated authentication uses it), and the answer — authenticated or not — is
// remembered for `cache_ttl` (upstream: --authentication-token-webhook-cache-ttl,
// 10 s). A review that fails (the apiserver unreachable, or refusing this
// component's identity) is an Unavailable/its own error and is not remembered.
// Tokens are remembered by their SHA-256 only. Thread-safe.
class TokenReviewAuthenticator final : public Authenticator {
 public:
  // `transport` reaches the apiserver as an identity allowed to create tokenreviews
  // (system:auth-delegator's rights; kube-scheduler's and kube-controller-manager's
  // default roles have them).
  TokenReviewAuthenticator(std::shared_ptr<client::Transport> transport, absl::Duration cache_ttl);

  // Authenticator: the "Bearer" Authorization header; nullopt without one.
  absl::StatusOr<std::optional<UserInfo>> Authenticate(
      const RequestCredentials& credentials) const override;

  // Who `token` belongs to; Unauthenticated with the review's error (or "invalid
  // bearer token") when the apiserver does not know it.
  absl::StatusOr<UserInfo> AuthenticateToken(const std::string& token) const;

 private:
  // One review's answer.
  struct Answer {
    bool authenticated = false;
    UserInfo user;
    std::string error;  // status.error when not authenticated
  };

  absl::StatusOr<Answer> Review(const std::string& token) const;

  const std::shared_ptr<client::Transport> transport_;
  const absl::Duration cache_ttl_;
  mutable ExpiringCache<Answer> answers_;  // by hex SHA-256 of the token; thread-safe itself
};

}  // namespace kube::auth
