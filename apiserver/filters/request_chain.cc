#include "apiserver/filters/request_chain.h"

#include "apiserver/authorization/forbidden.h"
#include "common/api/errors.h"

namespace kube::apiserver::filters {

RequestChain::RequestChain(std::unique_ptr<authentication::RequestAuthenticator> authenticator,
                           std::unique_ptr<authorization::Authorizer> authorizer)
    : authenticator_(std::move(authenticator)), authorizer_(std::move(authorizer)) {}

absl::StatusOr<auth::UserInfo> RequestChain::Admit(
    const authentication::Credentials& credentials, const ImpersonationRequest& impersonation,
    authorization::Attributes attributes) const {
  absl::StatusOr<auth::UserInfo> user = authenticator_->Authenticate(credentials);
  if (!user.ok()) return api::UnauthorizedError();
  if (impersonation.requested()) {
    user = Impersonate(*user, impersonation, *authorizer_);
    if (!user.ok()) return user.status();
  }
  attributes.user = &*user;
  std::string reason;
  if (authorizer_->Authorize(attributes, &reason) != authorization::Decision::kAllow) {
    return authorization::ForbiddenStatus(attributes, reason);
  }
  return user;
}

}  // namespace kube::apiserver::filters
