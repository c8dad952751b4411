#pragma once

#include "apiserver/authentication/request_authenticator.h"
#include "common/auth/authorizer.h"
#include "apiserver/authorization/rbac/rbac_authorizer.h"
#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver::reviews {

// Registers the review resources (never stored; create only): tokenreviews and
// selfsubjectreviews of authentication.k8s.io/v1, subjectaccessreviews,
// localsubjectaccessreviews, selfsubjectaccessreviews and selfsubjectrulesreviews of
// authorization.k8s.io/v1. They answer 503 until AttachReviews gives them what they ask.
void RegisterReviewResources(ResourceRegistry& registry);

// What the reviews ask (not owned; outlive the registry).
struct ReviewBackends {
  const authentication::RequestAuthenticator* authenticator = nullptr;  // TokenReview
  const auth::Authorizer* authorizer = nullptr;  // the access reviews
  // SelfSubjectRulesReview's rules; null when RBAC is not an authorization mode.
  const rbac::RbacAuthorizer* rbac = nullptr;
  std::vector<std::string> api_audiences;  // TokenReview's audiences by default
};

// Gives each registered review its answer. Start-up only.
void AttachReviews(ResourceRegistry& registry, const ReviewBackends& backends);

}  // namespace kube::apiserver::reviews
