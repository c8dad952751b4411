#pragma once

#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/auth/authorizer.h"
#include "apiserver/authorization/rbac/rbac_authorizer.h"
#include "k8s/authorization/v1/authorization.pb.h"

namespace kube::apiserver::reviews {

// authorization.k8s.io/v1 access reviews, as upstream's registry answers them: the
// spec's attributes are put to the apiserver's authorizer (system:masters, then the
// --authorization-mode chain) for the subject, and status.allowed / denied / reason
// say what it decided. Invalid specs are 422 naming the field.

// Any user (spec.user, groups, extra, uid), cluster-wide.
absl::StatusOr<std::unique_ptr<k8s::authorization::v1::SubjectAccessReview>> ReviewSubjectAccess(
    const auth::Authorizer& authorizer,
    const k8s::authorization::v1::SubjectAccessReview& review);

// Any user, within `ns`: resource attributes only, and their namespace must be `ns`.
absl::StatusOr<std::unique_ptr<k8s::authorization::v1::LocalSubjectAccessReview>>
ReviewLocalSubjectAccess(const auth::Authorizer& authorizer, std::string_view ns,
                         const k8s::authorization::v1::LocalSubjectAccessReview& review);

// The requester itself (kubectl auth can-i).
absl::StatusOr<std::unique_ptr<k8s::authorization::v1::SelfSubjectAccessReview>>
ReviewSelfSubjectAccess(const auth::Authorizer& authorizer,
                        const auth::UserInfo& requester,
                        const k8s::authorization::v1::SelfSubjectAccessReview& review);

// What the requester may do in spec.namespace (kubectl auth can-i --list): RBAC's
// rules, everything for system:masters; `rbac` null (RBAC not enabled) leaves the
// answer incomplete, as upstream marks what it cannot list.
absl::StatusOr<std::unique_ptr<k8s::authorization::v1::SelfSubjectRulesReview>>
ReviewSelfSubjectRules(const rbac::RbacAuthorizer* rbac, const auth::UserInfo& requester,
                       const k8s::authorization::v1::SelfSubjectRulesReview& review);

}  // namespace kube::apiserver::reviews
