#include "apiserver/admission/rbac_escalation/rbac_escalation.h"

#include "common/util/strings.h"
#include "apiserver/authorization/rbac/covers.h"
#include "common/api/errors.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::apiserver::admission {
namespace {

constexpr char kRbacGroup[] = "rbac.authorization.k8s.io";

rbac::Rules RulesOf(const google::protobuf::RepeatedPtrField<k8s::rbac::v1::PolicyRule>& rules) {
  return rbac::Rules(rules.begin(), rules.end());
}

}  // namespace

bool RbacEscalation::Allowed(const auth::UserInfo& user, std::string_view verb,
                             std::string_view resource, std::string_view ns,
                             std::string_view name) const {
  auth::Attributes attributes;
  attributes.user = &user;
  attributes.verb = std::string(verb);
  attributes.resource_request = true;
  attributes.api_group = kRbacGroup;
  attributes.resource = std::string(resource);
  attributes.namespace_ = std::string(ns);
  attributes.name = std::string(name);
  std::string reason;
  absl::StatusOr<auth::Decision> decision = authorizer_.Authorize(attributes, &reason);
  return decision.ok() && *decision == auth::Decision::kAllow;
}

absl::Status RbacEscalation::CheckRole(const Request& request) const {
  const auth::UserInfo& user = *request.user;
  const ResourceInfo& resource = *request.resource;
  const bool cluster = resource.kind == "ClusterRole";
  const google::protobuf::RepeatedPtrField<k8s::rbac::v1::PolicyRule>* rules;
  if (cluster) {
    const auto& role = static_cast<const k8s::rbac::v1::ClusterRole&>(*request.object);
    // The aggregation controller writes the rules of an aggregated role with its
    // own rights: giving a role a selector is as strong as holding every rule.
    if (role.has_aggregationrule() && !user.InGroup(auth::kSystemMasters) &&
        !Allowed(user, "escalate", resource.resource, "", request.name)) {
      return api::ForbiddenError(resource.QualifiedResource(), request.name,
                                 "must have cluster-admin privileges to use the aggregationRule");
    }
    rules = &role.rules();
  } else {
    rules = &static_cast<const k8s::rbac::v1::Role&>(*request.object).rules();
  }
  if (Allowed(user, "escalate", resource.resource, request.namespace_, request.name)) {
    return absl::OkStatus();
  }
  absl::Status held = rbac::ConfirmNoEscalation(
      user, rbac_.PolicyRulesFor(user, cluster ? "" : request.namespace_), RulesOf(*rules));
  if (held.ok()) return held;
  return api::ForbiddenError(resource.QualifiedResource(), request.name, std::string(held.message()));
}

absl::Status RbacEscalation::CheckBinding(const Request& request) const {
  const auth::UserInfo& user = *request.user;
  const ResourceInfo& resource = *request.resource;
  const k8s::rbac::v1::RoleRef& role_ref =
      resource.kind == "ClusterRoleBinding"
          ? static_cast<const k8s::rbac::v1::ClusterRoleBinding&>(*request.object).roleref()
          : static_cast<const k8s::rbac::v1::RoleBinding&>(*request.object).roleref();
  const bool cluster_role = role_ref.kind() == "ClusterRole";
  // `bind` on the referenced role: for a ClusterRole, checked cluster-wide and in
  // the binding's namespace, as upstream's BindingAuthorized.
  if (Allowed(user, "bind", cluster_role ? "clusterroles" : "roles",
              cluster_role ? "" : request.namespace_, role_ref.name()) ||
      (cluster_role && !request.namespace_.empty() &&
       Allowed(user, "bind", "clusterroles", request.namespace_, role_ref.name()))) {
    return absl::OkStatus();
  }
  rbac::Rules granted;
  if (cluster_role) {
    absl::StatusOr<std::shared_ptr<const k8s::rbac::v1::ClusterRole>> role =
        roles_.GetClusterRole(role_ref.name());
    if (!role.ok()) return api::ForbiddenError(resource.QualifiedResource(), request.name,
                                               std::string(role.status().message()));
    granted = RulesOf((*role)->rules());
  } else {
    absl::StatusOr<std::shared_ptr<const k8s::rbac::v1::Role>> role =
        roles_.GetRole(request.namespace_, role_ref.name());
    if (!role.ok()) return api::ForbiddenError(resource.QualifiedResource(), request.name,
                                               std::string(role.status().message()));
    granted = RulesOf((*role)->rules());
  }
  absl::Status held =
      rbac::ConfirmNoEscalation(user, rbac_.PolicyRulesFor(user, request.namespace_), granted);
  if (held.ok()) return held;
  return api::ForbiddenError(resource.QualifiedResource(), request.name, std::string(held.message()));
}

absl::Status RbacEscalation::Validate(const Request& request) const {
  if (request.resource->group != kRbacGroup || request.operation == Operation::kDelete) {
    return absl::OkStatus();
  }
  if (request.user->InGroup(auth::kSystemMasters)) return absl::OkStatus();
  const std::string& kind = request.resource->kind;
  if (kind == "Role" || kind == "ClusterRole") return CheckRole(request);
  if (kind == "RoleBinding" || kind == "ClusterRoleBinding") return CheckBinding(request);
  return absl::OkStatus();
}

}  // namespace kube::apiserver::admission
