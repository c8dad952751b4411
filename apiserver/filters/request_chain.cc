#include "apiserver/filters/request_chain.h"

#include "common/auth/forbidden.h"
#include "common/api/errors.h"

namespace kube::apiserver::filters {

RequestChain::RequestChain(std::unique_ptr<authentication::RequestAuthenticator> authenticator,
                           std::unique_ptr<auth::Authorizer> authorizer)
    : authenticator_(std::move(authenticator)), authorizer_(std::move(authorizer)) {}

absl::StatusOr<auth::UserInfo> RequestChain::Admit(
    const auth::RequestCredentials& credentials, const ImpersonationRequest& impersonation,
    auth::Attributes attributes) const {
  absl::StatusOr<auth::UserInfo> user = authenticator_->Authenticate(credentials);
  if (!user.ok()) return api::UnauthorizedError();
  if (impersonation.requested()) {
    user = Impersonate(*user, impersonation, *authorizer_);
    if (!user.ok()) return user.status();
  }
  attributes.user = &*user;
  std::string reason;
  absl::StatusOr<auth::Decision> decision = authorizer_->Authorize(attributes, &reason);
  // Upstream answers 500 when no authorizer could decide (a webhook that failed).
  if (!decision.ok()) return api::InternalError(std::string(decision.status().message()));
  if (*decision != auth::Decision::kAllow) {
    return auth::ForbiddenStatus(attributes, reason);
  }
  return user;
}

}  // namespace kube::apiserver::filters
