#pragma once

#include "absl/status/status.h"
#include "apiserver/generic/store_set.h"

namespace kube::apiserver {

// Upstream's RBAC bootstrap at every apiserver start: the default ClusterRoles,
// ClusterRoleBindings and the kube-system / kube-public Roles and RoleBindings are
// created when missing and get back any default rule or subject taken from them,
// unless annotated rbac.authorization.kubernetes.io/autoupdate=false; a binding
// whose roleRef changed is recreated. Several apiservers may run it at once:
// conflicts are retried.
//
// `node_authorizer`: with the Node authorizer, system:node is left without
// subjects, as upstream's (a system:nodes subject an earlier release added is
// removed); without it, the ClusterRole is bound to the group system:nodes (the
// pre-1.8 default), so kubelets keep the rights they need.
absl::Status EnsureBootstrapPolicy(const StoreSet& stores, bool node_authorizer);

}  // namespace kube::apiserver
