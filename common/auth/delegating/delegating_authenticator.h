#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/authenticator.h"
#include "common/client/transport.h"

namespace kube::auth {

// How a component's port authenticates (upstream's DelegatingAuthenticationOptions).
struct DelegatingAuthenticationOptions {
  // --client-ca-file: client certificates signed by it are users (CN) in groups (O);
  // empty: certificates are not looked at.
  std::string client_ca_file;
  // --authentication-token-webhook-cache-ttl: how long a TokenReview answer counts.
  absl::Duration token_cache_ttl = absl::Seconds(10);
  // Requests with no credential at all are system:anonymous (upstream's delegated
  // authentication always allows them; authorization decides).
  bool anonymous = true;

  bool operator==(const DelegatingAuthenticationOptions&) const = default;
};

// Who a request to a component's port is, as upstream's delegating authenticator:
// a client certificate (--client-ca-file), then a bearer token reviewed by the
// apiserver (TokenReview), then — with no credential at all — anonymous. Every
// authenticated user also gets system:authenticated. A credential that is
// presented and not good (an unknown CA, an unknown token) is an error (401),
// never anonymous. Thread-safe.
class DelegatingAuthenticator {
 public:
  // `transport` (null: bearer tokens are not looked at) reaches the apiserver for
  // TokenReviews. InvalidArgument naming the file when --client-ca-file is unusable.
  static absl::StatusOr<std::unique_ptr<DelegatingAuthenticator>> Create(
      const DelegatingAuthenticationOptions& options, std::shared_ptr<client::Transport> transport);
  // From authenticators made elsewhere (tests, other credential kinds), tried in order.
  DelegatingAuthenticator(std::vector<std::unique_ptr<Authenticator>> authenticators,
                          bool anonymous);

  // The request's user; Unauthenticated (401) when a credential is bad, or when
  // there is none and anonymous requests are off. The message says why, for logs.
  absl::StatusOr<UserInfo> Authenticate(const RequestCredentials& credentials) const;

 private:
  const std::vector<std::unique_ptr<Authenticator>> authenticators_;  // never null
  const bool anonymous_;
};

}  // namespace kube::auth
