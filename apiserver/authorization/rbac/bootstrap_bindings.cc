// policy.go's ClusterRoleBindings() and namespace_policy.go's Roles and
// RoleBindings of kube-system and kube-public.

#include "apiserver/authorization/rbac/bootstrap_builders.h"
#include "apiserver/authorization/rbac/bootstrap_policy.h"
#include "common/auth/user_info.h"

namespace kube::apiserver::rbac {

using namespace bootstrap;
using k8s::rbac::v1::ClusterRole;
using k8s::rbac::v1::ClusterRoleBinding;
using k8s::rbac::v1::Role;
using k8s::rbac::v1::RoleBinding;

namespace {

constexpr char kKubeSystem[] = "kube-system";
constexpr char kKubePublic[] = "kube-public";
// The users of the control-plane components (k8s.io/apiserver/pkg/authentication/user).
constexpr char kKubeProxy[] = "system:kube-proxy";
constexpr char kKubeControllerManager[] = "system:kube-controller-manager";
constexpr char kKubeScheduler[] = "system:kube-scheduler";
constexpr char kMonitoringGroup[] = "system:monitoring";

}  // namespace

std::vector<ClusterRoleBinding> ClusterRoleBindings() {
  std::vector<ClusterRoleBinding> bindings = {
      MakeClusterRoleBinding("cluster-admin", {Group(auth::kSystemMasters)}),
      MakeClusterRoleBinding("system:monitoring", {Group(kMonitoringGroup)}),
      MakeClusterRoleBinding("system:discovery", {Group(auth::kAllAuthenticated)}),
      MakeClusterRoleBinding("system:basic-user", {Group(auth::kAllAuthenticated)}),
      MakeClusterRoleBinding("system:public-info-viewer",
                             {Group(auth::kAllAuthenticated), Group(auth::kAllUnauthenticated)}),
      MakeClusterRoleBinding("system:node-proxier", {User(kKubeProxy)}),
      MakeClusterRoleBinding("system:kube-controller-manager", {User(kKubeControllerManager)}),
      MakeClusterRoleBinding("system:kube-dns", {ServiceAccount(kKubeSystem, "kube-dns")}),
      MakeClusterRoleBinding("system:kube-scheduler", {User(kKubeScheduler)}),
      MakeClusterRoleBinding("system:volume-scheduler", {User(kKubeScheduler)}),
      // Kept without subjects since the Node authorizer took over (1.7), so
      // reconciliation leaves clusters that removed system:nodes alone.
      MakeClusterRoleBinding("system:node", {}),
      // Every in-cluster workload may read the OIDC discovery documents.
      MakeClusterRoleBinding("system:service-account-issuer-discovery",
                             {Group(auth::kServiceAccountsGroup)}),
  };
  return bindings;
}

std::vector<Role> NamespaceRoles() {
  return {
      // The authentication configuration extension apiservers read.
      MakeRole(kKubeSystem, "extension-apiserver-authentication-reader",
               {Rule({"get", "list", "watch"}, {kLegacyGroup}, {"configmaps"},
                     {"extension-apiserver-authentication"})}),
      MakeRole(kKubeSystem, "system:controller:bootstrap-signer",
               {Rule({"get", "list", "watch"}, {kLegacyGroup}, {"secrets"})}),
      // Deprecated since 1.10, still created upstream.
      MakeRole(kKubeSystem, "system:controller:cloud-provider",
               {Rule({"create", "get", "list", "watch"}, {kLegacyGroup}, {"configmaps"})}),
      MakeRole(kKubeSystem, "system:controller:token-cleaner",
               {Rule({"get", "list", "watch", "delete"}, {kLegacyGroup}, {"secrets"}),
                EventsRule()}),
      MakeRole(kKubeSystem, "system::leader-locking-kube-controller-manager",
               {Rule({"watch"}, {kLegacyGroup}, {"configmaps"}),
                Rule({"get", "update"}, {kLegacyGroup}, {"configmaps"}, {"kube-controller-manager"}),
                Rule({"get", "watch", "list", "create", "update"}, {kCoordinationGroup},
                     {"leases"})}),
      MakeRole(kKubeSystem, "system::leader-locking-kube-scheduler",
               {Rule({"watch"}, {kLegacyGroup}, {"configmaps"}),
                Rule({"get", "update"}, {kLegacyGroup}, {"configmaps"}, {"kube-scheduler"})}),
      MakeRole(kKubePublic, "system:controller:bootstrap-signer",
               {Rule({"get", "list", "watch"}, {kLegacyGroup}, {"configmaps"}),
                Rule({"update"}, {kLegacyGroup}, {"configmaps"}, {"cluster-info"}),
                EventsRule()}),
  };
}

std::vector<RoleBinding> NamespaceRoleBindings() {
  RoleBinding delegated_auth =
      MakeRoleBinding(kKubeSystem, "extension-apiserver-authentication-reader",
                      {User(kKubeControllerManager), User(kKubeScheduler)});
  delegated_auth.mutable_metadata()->set_name("system::extension-apiserver-authentication-reader");
  return {
      std::move(delegated_auth),
      MakeRoleBinding(kKubeSystem, "system::leader-locking-kube-controller-manager",
                      {User(kKubeControllerManager),
                       ServiceAccount(kKubeSystem, "kube-controller-manager"),
                       ServiceAccount(kKubeSystem, "leader-election-controller")}),
      MakeRoleBinding(kKubeSystem, "system::leader-locking-kube-scheduler",
                      {User(kKubeScheduler), ServiceAccount(kKubeSystem, "kube-scheduler")}),
      MakeRoleBinding(kKubeSystem, "system:controller:bootstrap-signer",
                      {ServiceAccount(kKubeSystem, "bootstrap-signer")}),
      MakeRoleBinding(kKubeSystem, "system:controller:cloud-provider",
                      {ServiceAccount(kKubeSystem, "cloud-provider")}),
      MakeRoleBinding(kKubeSystem, "system:controller:token-cleaner",
                      {ServiceAccount(kKubeSystem, "token-cleaner")}),
      MakeRoleBinding(kKubePublic, "system:controller:bootstrap-signer",
                      {ServiceAccount(kKubeSystem, "bootstrap-signer")}),
  };
}

std::vector<ClusterRole> AllClusterRoles() {
  std::vector<ClusterRole> roles = ClusterRoles();
  for (ClusterRole& role : ControllerRoles()) roles.push_back(std::move(role));
  return roles;
}

std::vector<ClusterRoleBinding> AllClusterRoleBindings() {
  std::vector<ClusterRoleBinding> bindings = ClusterRoleBindings();
  for (ClusterRoleBinding& binding : ControllerRoleBindings()) bindings.push_back(std::move(binding));
  return bindings;
}

}  // namespace kube::apiserver::rbac
