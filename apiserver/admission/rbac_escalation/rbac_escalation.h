#pragma once

#include "apiserver/admission/admission.h"
#include "common/auth/authorizer.h"
#include "apiserver/authorization/rbac/rbac_authorizer.h"
#include "apiserver/authorization/rbac/rbac_object_source.h"

namespace kube::apiserver::admission {

// RBAC's escalation prevention, as upstream's rbac registry enforces it on every
// write of a role or binding:
//  - a Role or ClusterRole may only hold rules its author already holds (in the
//    role's namespace, or cluster-wide), unless the author may `escalate` it; only
//    system:masters may give a ClusterRole an aggregationRule;
//  - a RoleBinding or ClusterRoleBinding may only grant a role whose rules its
//    author holds where the binding applies, unless the author may `bind` that role.
// Members of system:masters may do anything. The refusal is upstream's 403:
//   rolebindings.rbac.authorization.k8s.io "x" is forbidden: user "u" (groups=[...])
//   is attempting to grant RBAC permissions not currently held:
//   {APIGroups:[""], Resources:["pods"], Verbs:["delete"]}
// Thread-safe; the authorizers and source outlive it.
class RbacEscalation final : public Plugin {
 public:
  RbacEscalation(const auth::Authorizer& authorizer, const rbac::RbacAuthorizer& rbac,
                 const rbac::RbacObjectSource& roles)
      : authorizer_(authorizer), rbac_(rbac), roles_(roles) {}

  absl::Status Validate(const Request& request) const override;

 private:
  // Whether the author may `verb` (escalate, bind) the role `name` of `resource`.
  bool Allowed(const auth::UserInfo& user, std::string_view verb, std::string_view resource,
               std::string_view ns, std::string_view name) const;
  absl::Status CheckRole(const Request& request) const;
  absl::Status CheckBinding(const Request& request) const;

  const auth::Authorizer& authorizer_;
  const rbac::RbacAuthorizer& rbac_;
  const rbac::RbacObjectSource& roles_;
};

}  // namespace kube::apiserver::admission
