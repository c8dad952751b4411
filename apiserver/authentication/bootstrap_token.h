#pragma once

#include <functional>
#include <memory>

#include "absl/time/time.h"
#include "apiserver/authentication/authenticator.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::authentication {

// --enable-bootstrap-token-auth, as upstream's bootstrap token authenticator: a
// bearer token "<id>.<secret>" whose Secret kube-system/bootstrap-token-<id> (type
// bootstrap.kubernetes.io/token) holds the same token-secret, is not expired
// ("expiration", RFC 3339), is not being deleted, and allows authentication
// (usage-bootstrap-authentication "true"), is user system:bootstrap:<id> in
// system:bootstrappers plus its auth-extra-groups (each system:bootstrappers:...).
// Any other token in that form is refused (401). Thread-safe.
class BootstrapTokenAuthenticator final : public TokenAuthenticator {
 public:
  // The Secret of that name in kube-system, or null when there is none.
  using SecretGetter = std::function<absl::StatusOr<std::shared_ptr<const k8s::core::v1::Secret>>(
      const std::string& name)>;

  explicit BootstrapTokenAuthenticator(SecretGetter get_secret,
                                       std::function<absl::Time()> now = absl::Now);

  absl::StatusOr<std::optional<auth::UserInfo>> AuthenticateToken(
      const std::string& token) const override;

 private:
  const SecretGetter get_secret_;
  const std::function<absl::Time()> now_;
};

}  // namespace kube::apiserver::authentication
