#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "apiserver/authentication/request_authenticator.h"
#include "k8s/authentication/v1/authentication.pb.h"

namespace kube::apiserver::reviews {

// authentication.k8s.io/v1 TokenReview, as upstream answers it: spec.token goes
// through the apiserver's bearer-token authenticators; status.authenticated and
// user say whom it belongs to, status.error why not. A review without a token is
// 400. `api_audiences` are reported as the token's audiences.
absl::StatusOr<std::unique_ptr<k8s::authentication::v1::TokenReview>> ReviewToken(
    const authentication::RequestAuthenticator& authenticator,
    const std::vector<std::string>& api_audiences,
    const k8s::authentication::v1::TokenReview& review);

// SelfSubjectReview (kubectl auth whoami): who the requester is, as the request
// chain authenticated it (and after impersonation).
std::unique_ptr<k8s::authentication::v1::SelfSubjectReview> ReviewSelfSubject(
    const auth::UserInfo& requester, const k8s::authentication::v1::SelfSubjectReview& review);

}  // namespace kube::apiserver::reviews
