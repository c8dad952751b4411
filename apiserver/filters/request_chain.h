#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "apiserver/authentication/request_authenticator.h"
#include "common/auth/authorizer.h"
#include "apiserver/filters/impersonation.h"

namespace kube::apiserver::filters {

// The request chain every API request passes before the registry, defined once for
// both transports (REST and gRPC), in upstream's order: authentication (401),
// impersonation (400/403), authorization (403). Admission runs later, in the store,
// where the objects are. Immutable and thread-safe.
class RequestChain {
 public:
  RequestChain(std::unique_ptr<authentication::RequestAuthenticator> authenticator,
               std::unique_ptr<auth::Authorizer> authorizer);

  // Whom the request acts as, once it is authenticated, any impersonation is
  // allowed and the acting user may do what `attributes` describe (its `user` is
  // filled in here). Errors carry the Status to answer with.
  absl::StatusOr<auth::UserInfo> Admit(const auth::RequestCredentials& credentials,
                                       const ImpersonationRequest& impersonation,
                                       auth::Attributes attributes) const;

  // For access reviews (SubjectAccessReview and friends), which ask the same
  // authorizer about another user.
  const auth::Authorizer& authorizer() const { return *authorizer_; }
  const authentication::RequestAuthenticator& authenticator() const { return *authenticator_; }

 private:
  const std::unique_ptr<authentication::RequestAuthenticator> authenticator_;
  const std::unique_ptr<auth::Authorizer> authorizer_;
};

}  // namespace kube::apiserver::filters
