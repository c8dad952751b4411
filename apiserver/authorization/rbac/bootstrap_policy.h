#pragma once

// The default policy of Kubernetes 1.32 (plugin/pkg/auth/authorizer/rbac/
// bootstrappolicy: policy.go, controller_policy.go, namespace_policy.go) with
// the feature gates at their 1.32 defaults: the roles and bindings every
// apiserver writes, and reconciles, at start. Rules are upstream's, including
// those for API groups this server does not serve yet.
//
// Every object is labelled kubernetes.io/bootstrapping=rbac-defaults and
// annotated rbac.authorization.kubernetes.io/autoupdate=true. Each call builds
// fresh objects; thread-safe.

#include <map>
#include <string>
#include <vector>

#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::apiserver::rbac {

inline constexpr char kBootstrappingLabel[] = "kubernetes.io/bootstrapping";
inline constexpr char kBootstrappingLabelValue[] = "rbac-defaults";
// "false" on an object stops reconciliation from touching it.
inline constexpr char kAutoUpdateAnnotation[] = "rbac.authorization.kubernetes.io/autoupdate";
// The prefix of the roles of kube-controller-manager's loops, each bound to the
// service account kube-system/<loop>.
inline constexpr char kControllerRolePrefix[] = "system:controller:";

// cluster-admin, admin/edit/view (aggregated) and system:aggregate-to-*, the
// system:* roles of components, nodes, discovery and certificates (policy.go).
std::vector<k8s::rbac::v1::ClusterRole> ClusterRoles();
// What the kubelet of any node may do: the rules of system:node, which the Node
// authorizer applies to every node identity after its own per-object checks.
std::vector<k8s::rbac::v1::PolicyRule> NodeRules();
// Their default bindings (system:masters to cluster-admin, ...).
std::vector<k8s::rbac::v1::ClusterRoleBinding> ClusterRoleBindings();

// system:controller:<loop> for each controller-manager loop on by default, and
// the binding of each to kube-system/<loop> (controller_policy.go).
std::vector<k8s::rbac::v1::ClusterRole> ControllerRoles();
std::vector<k8s::rbac::v1::ClusterRoleBinding> ControllerRoleBindings();

// The Roles and RoleBindings of kube-system and kube-public
// (namespace_policy.go), namespace set.
std::vector<k8s::rbac::v1::Role> NamespaceRoles();
std::vector<k8s::rbac::v1::RoleBinding> NamespaceRoleBindings();

// Everything the apiserver reconciles: ClusterRoles() then ControllerRoles(),
// and ClusterRoleBindings() then ControllerRoleBindings().
std::vector<k8s::rbac::v1::ClusterRole> AllClusterRoles();
std::vector<k8s::rbac::v1::ClusterRoleBinding> AllClusterRoleBindings();

// Pre-aggregation role name -> the role its rules moved to ("admin" ->
// "system:aggregate-to-admin"), for upgrading stores written before 1.9.
std::map<std::string, std::string> ClusterRolesToAggregate();

}  // namespace kube::apiserver::rbac
