#pragma once

// Upstream's rbac validation (pkg/apis/rbac/validation/validation.go) of what
// follows metadata, with its field paths and wording. Metadata is validated
// generically (names as path segments, ValidateRBACName).

#include <string>

#include "common/api/field_error.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::apiserver::rbac_registry {

// Verbs required; non-resource URLs only in cluster rules and never with
// groups, resources or names; otherwise groups and resources required.
// `path` is "rules[0]".
api::FieldErrors ValidatePolicyRule(const k8s::rbac::v1::PolicyRule& rule, bool namespaced,
                                    const std::string& path);

// A ServiceAccount (DNS-subdomain name, no apiGroup, a namespace outside
// RoleBindings), a User or a Group (apiGroup rbac.authorization.k8s.io).
api::FieldErrors ValidateSubject(const k8s::rbac::v1::Subject& subject, bool namespaced,
                                 const std::string& path);

api::FieldErrors ValidateRole(const k8s::rbac::v1::Role& role);
api::FieldErrors ValidateClusterRole(const k8s::rbac::v1::ClusterRole& role);
// roleRef to a Role or ClusterRole of rbac.authorization.k8s.io; subjects.
api::FieldErrors ValidateRoleBinding(const k8s::rbac::v1::RoleBinding& binding);
// As ValidateRoleBinding, the roleRef to a ClusterRole only.
api::FieldErrors ValidateClusterRoleBinding(const k8s::rbac::v1::ClusterRoleBinding& binding);

// "roleRef: Invalid value: rbac.RoleRef{...}: cannot change roleRef" when the
// roleRef differs.
api::FieldErrors ValidateRoleRefUnchanged(const k8s::rbac::v1::RoleRef& updated,
                                          const k8s::rbac::v1::RoleRef& old);

// SetDefaults_*: a binding's roleRef.apiGroup, and User and Group subjects'
// apiGroup, default to rbac.authorization.k8s.io.
void DefaultRoleRef(k8s::rbac::v1::RoleRef& ref);
void DefaultSubject(k8s::rbac::v1::Subject& subject);

}  // namespace kube::apiserver::rbac_registry
