// policy.go's ClusterRoles() with the 1.32 feature-gate defaults (DRA,
// CoordinatedLeaderElection, KubeletFineGrainedAuthz and ClusterTrustBundle
// projection are off, so their rules are absent), in upstream's order.

#include "apiserver/authorization/rbac/bootstrap_builders.h"
#include "apiserver/authorization/rbac/bootstrap_policy.h"

namespace kube::apiserver::rbac {

using namespace bootstrap;
using k8s::rbac::v1::ClusterRole;
using k8s::rbac::v1::PolicyRule;

namespace {

constexpr char kAggregateToAdmin[] = "rbac.authorization.k8s.io/aggregate-to-admin";
constexpr char kAggregateToEdit[] = "rbac.authorization.k8s.io/aggregate-to-edit";
constexpr char kAggregateToView[] = "rbac.authorization.k8s.io/aggregate-to-view";

std::vector<PolicyRule> AggregateToEditRules() {
  return {
      // Read on the escalating resources view leaves out.
      Rule(kRead, {kLegacyGroup},
           {"pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets",
            "services/proxy"}),
      Rule({"impersonate"}, {kLegacyGroup}, {"serviceaccounts"}),
      Rule(kWrite, {kLegacyGroup},
           {"pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"}),
      Rule({"create"}, {kLegacyGroup}, {"pods/eviction"}),
      Rule(kWrite, {kLegacyGroup},
           {"replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services",
            "services/proxy", "persistentvolumeclaims", "configmaps", "secrets", "events"}),
      Rule({"create"}, {kLegacyGroup}, {"serviceaccounts/token"}),
      Rule(kWrite, {kAppsGroup},
           {"statefulsets", "statefulsets/scale", "daemonsets", "deployments", "deployments/scale",
            "deployments/rollback", "replicasets", "replicasets/scale"}),
      Rule(kWrite, {kAutoscalingGroup}, {"horizontalpodautoscalers"}),
      Rule(kWrite, {kBatchGroup}, {"jobs", "cronjobs"}),
      Rule(kWrite, {kExtensionsGroup},
           {"daemonsets", "deployments", "deployments/scale", "deployments/rollback", "ingresses",
            "replicasets", "replicasets/scale", "replicationcontrollers/scale",
            "networkpolicies"}),
      Rule(kWrite, {kPolicyGroup}, {"poddisruptionbudgets"}),
      Rule(kWrite, {kNetworkingGroup}, {"networkpolicies", "ingresses"}),
      Rule(kReadWrite, {kCoordinationGroup}, {"leases"}),
  };
}

std::vector<PolicyRule> AggregateToViewRules() {
  return {
      Rule(kRead, {kLegacyGroup},
           {"pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts",
            "services", "services/status", "endpoints", "persistentvolumeclaims",
            "persistentvolumeclaims/status", "configmaps"}),
      Rule(kRead, {kLegacyGroup},
           {"limitranges", "resourcequotas", "bindings", "events", "pods/status",
            "resourcequotas/status", "namespaces/status", "replicationcontrollers/status",
            "pods/log"}),
      // Read on namespaces at namespace scope reads *this* namespace.
      Rule(kRead, {kLegacyGroup}, {"namespaces"}),
      Rule(kRead, {kDiscoveryGroup}, {"endpointslices"}),
      Rule(kRead, {kAppsGroup},
           {"controllerrevisions", "statefulsets", "statefulsets/status", "statefulsets/scale",
            "daemonsets", "daemonsets/status", "deployments", "deployments/status",
            "deployments/scale", "replicasets", "replicasets/status", "replicasets/scale"}),
      Rule(kRead, {kAutoscalingGroup},
           {"horizontalpodautoscalers", "horizontalpodautoscalers/status"}),
      Rule(kRead, {kBatchGroup}, {"jobs", "cronjobs", "cronjobs/status", "jobs/status"}),
      Rule(kRead, {kExtensionsGroup},
           {"daemonsets", "daemonsets/status", "deployments", "deployments/scale",
            "deployments/status", "ingresses", "ingresses/status", "replicasets",
            "replicasets/scale", "replicasets/status", "replicationcontrollers/scale",
            "networkpolicies"}),
      Rule(kRead, {kPolicyGroup}, {"poddisruptionbudgets", "poddisruptionbudgets/status"}),
      Rule(kRead, {kNetworkingGroup}, {"networkpolicies", "ingresses", "ingresses/status"}),
  };
}

std::vector<PolicyRule> KubeControllerManagerRules() {
  return {
      EventsRule(),
      // Leader election.
      Rule({"create"}, {kCoordinationGroup}, {"leases"}),
      Rule({"get", "update"}, {kCoordinationGroup}, {"leases"}, {"kube-controller-manager"}),
      // The credentials of the per-controller service accounts.
      Rule({"create"}, {kLegacyGroup}, {"secrets", "serviceaccounts"}),
      Rule({"delete"}, {kLegacyGroup}, {"secrets"}),
      Rule({"get"}, {kLegacyGroup}, {"namespaces", "secrets", "serviceaccounts", "configmaps"}),
      Rule({"update"}, {kLegacyGroup}, {"secrets", "serviceaccounts"}),
      Rule({"create"}, {kAuthenticationGroup}, {"tokenreviews"}),
      Rule({"create"}, {kAuthorizationGroup}, {"subjectaccessreviews"}),
      // Every shared informer.
      Rule({"list", "watch"}, {"*"}, {"*"}),
      Rule({"create"}, {kLegacyGroup}, {"serviceaccounts/token"}),
  };
}

std::vector<PolicyRule> KubeSchedulerRules() {
  return {
      EventsRule(),
      // Leader election.
      Rule({"create"}, {kCoordinationGroup}, {"leases"}),
      Rule({"get", "update"}, {kCoordinationGroup}, {"leases"}, {"kube-scheduler"}),
      Rule(kRead, {kLegacyGroup}, {"nodes"}),
      Rule({"get", "list", "watch", "delete"}, {kLegacyGroup}, {"pods"}),
      Rule({"create"}, {kLegacyGroup}, {"pods/binding", "bindings"}),
      Rule({"patch", "update"}, {kLegacyGroup}, {"pods/status"}),
      // What selects pods.
      Rule(kRead, {kLegacyGroup}, {"services", "replicationcontrollers"}),
      Rule(kRead, {kAppsGroup, kExtensionsGroup}, {"replicasets"}),
      Rule(kRead, {kAppsGroup}, {"statefulsets"}),
      // What pods use or what applies to them.
      Rule(kRead, {kPolicyGroup}, {"poddisruptionbudgets"}),
      Rule(kRead, {kLegacyGroup}, {"persistentvolumeclaims", "persistentvolumes"}),
      Rule({"create"}, {kAuthenticationGroup}, {"tokenreviews"}),
      Rule({"create"}, {kAuthorizationGroup}, {"subjectaccessreviews"}),
      Rule(kRead, {kStorageGroup}, {"csinodes"}),
      Rule(kRead, {kLegacyGroup}, {"namespaces"}),
      Rule(kRead, {kStorageGroup}, {"csidrivers"}),
      Rule(kRead, {kStorageGroup}, {"csistoragecapacities"}),
  };
}

// The approver role of one certificate signer.
ClusterRole ApproverRole(std::string name, std::string_view signer) {
  return MakeClusterRole(std::move(name),
                         {Rule({"approve"}, {kCertificatesGroup}, {"signers"}, {signer})});
}

}  // namespace

std::vector<PolicyRule> NodeRules() {
  return {
      Rule({"create"}, {kAuthenticationGroup}, {"tokenreviews"}),
      Rule({"create"}, {kAuthorizationGroup}, {"subjectaccessreviews", "localsubjectaccessreviews"}),
      Rule(kRead, {kLegacyGroup}, {"services"}),
      Rule({"create", "get", "list", "watch"}, {kLegacyGroup}, {"nodes"}),
      Rule({"update", "patch"}, {kLegacyGroup}, {"nodes/status"}),
      Rule({"update", "patch"}, {kLegacyGroup}, {"nodes"}),
      Rule({"create", "update", "patch"}, {kLegacyGroup}, {"events"}),
      Rule(kRead, {kLegacyGroup}, {"pods"}),
      Rule({"create", "delete"}, {kLegacyGroup}, {"pods"}),
      Rule({"update", "patch"}, {kLegacyGroup}, {"pods/status"}),
      Rule({"create"}, {kLegacyGroup}, {"pods/eviction"}),
      Rule({"get", "list", "watch"}, {kLegacyGroup}, {"secrets", "configmaps"}),
      Rule({"get"}, {kLegacyGroup}, {"persistentvolumeclaims", "persistentvolumes"}),
      Rule({"get"}, {kLegacyGroup}, {"endpoints"}),
      Rule({"create", "get", "list", "watch"}, {kCertificatesGroup}, {"certificatesigningrequests"}),
      Rule({"get", "create", "update", "patch", "delete"}, {kCoordinationGroup}, {"leases"}),
      Rule({"get"}, {kStorageGroup}, {"volumeattachments"}),
      Rule({"create"}, {kLegacyGroup}, {"serviceaccounts/token"}),
      Rule({"get", "update", "patch"}, {kLegacyGroup}, {"persistentvolumeclaims/status"}),
      Rule({"get", "watch", "list"}, {kStorageGroup}, {"csidrivers"}),
      Rule({"get", "create", "update", "patch", "delete"}, {kStorageGroup}, {"csinodes"}),
      Rule({"get", "list", "watch"}, {"node.k8s.io"}, {"runtimeclasses"}),
  };
}


std::vector<ClusterRole> ClusterRoles() {
  std::vector<ClusterRole> roles;
  roles.push_back(MakeClusterRole("cluster-admin", {Rule({"*"}, {"*"}, {"*"}), UrlRule({"*"}, {"*"})}));
  roles.push_back(MakeClusterRole(
      "system:discovery",
      {UrlRule({"get"}, {"/livez", "/readyz", "/healthz", "/version", "/version/", "/openapi",
                         "/openapi/*", "/api", "/api/*", "/apis", "/apis/*"})}));
  roles.push_back(MakeClusterRole(
      "system:monitoring",
      {UrlRule({"get"}, {"/metrics", "/metrics/slis", "/livez", "/readyz", "/healthz", "/livez/*",
                         "/readyz/*", "/healthz/*"})}));
  roles.push_back(MakeClusterRole(
      "system:basic-user",
      {Rule({"create"}, {kAuthorizationGroup},
            {"selfsubjectaccessreviews", "selfsubjectrulesreviews"}),
       Rule({"create"}, {kAuthenticationGroup}, {"selfsubjectreviews"})}));
  roles.push_back(MakeClusterRole(
      "system:public-info-viewer",
      {UrlRule({"get"}, {"/livez", "/readyz", "/healthz", "/version", "/version/"})}));
  roles.push_back(MakeAggregatedClusterRole("admin", kAggregateToAdmin));
  roles.push_back(
      MakeAggregatedClusterRole("edit", kAggregateToEdit, {{kAggregateToAdmin, "true"}}));
  roles.push_back(
      MakeAggregatedClusterRole("view", kAggregateToView, {{kAggregateToEdit, "true"}}));
  roles.push_back(MakeClusterRole(
      "system:aggregate-to-admin",
      {Rule({"create"}, {kAuthorizationGroup}, {"localsubjectaccessreviews"}),
       Rule(kReadWrite, {kRbacGroup}, {"roles", "rolebindings"})},
      {{kAggregateToAdmin, "true"}}));
  roles.push_back(MakeClusterRole("system:aggregate-to-edit", AggregateToEditRules(),
                                  {{kAggregateToEdit, "true"}}));
  roles.push_back(MakeClusterRole("system:aggregate-to-view", AggregateToViewRules(),
                                  {{kAggregateToView, "true"}}));
  roles.push_back(MakeClusterRole(
      "system:heapster", {Rule(kRead, {kLegacyGroup}, {"events", "pods", "nodes", "namespaces"}),
                          Rule(kRead, {kExtensionsGroup}, {"deployments"})}));
  roles.push_back(MakeClusterRole("system:node", NodeRules()));
  roles.push_back(MakeClusterRole("system:node-problem-detector",
                                  {Rule({"get"}, {kLegacyGroup}, {"nodes"}),
                                   Rule({"patch"}, {kLegacyGroup}, {"nodes/status"}),
                                   EventsRule()}));
  roles.push_back(MakeClusterRole(
      "system:kubelet-api-admin",
      {Rule({"get", "list", "watch"}, {kLegacyGroup}, {"nodes"}),
       Rule({"proxy"}, {kLegacyGroup}, {"nodes"}),
       Rule({"*"}, {kLegacyGroup}, {"nodes/proxy", "nodes/metrics", "nodes/stats", "nodes/log"})}));
  roles.push_back(MakeClusterRole(
      "system:node-bootstrapper",
      {Rule({"create", "get", "list", "watch"}, {kCertificatesGroup},
            {"certificatesigningrequests"})}));
  roles.push_back(MakeClusterRole(
      "system:auth-delegator", {Rule({"create"}, {kAuthenticationGroup}, {"tokenreviews"}),
                                Rule({"create"}, {kAuthorizationGroup}, {"subjectaccessreviews"})}));
  roles.push_back(MakeClusterRole("system:kube-aggregator",
                                  {Rule(kRead, {kLegacyGroup}, {"services", "endpoints"})}));
  roles.push_back(MakeClusterRole("system:kube-controller-manager", KubeControllerManagerRules()));
  roles.push_back(MakeClusterRole(
      "system:kube-dns", {Rule({"list", "watch"}, {kLegacyGroup}, {"endpoints", "services"})}));
  roles.push_back(MakeClusterRole(
      "system:persistent-volume-provisioner",
      {Rule({"get", "list", "watch", "create", "delete"}, {kLegacyGroup}, {"persistentvolumes"}),
       // update sets lock annotations on claims.
       Rule({"get", "list", "watch", "update"}, {kLegacyGroup}, {"persistentvolumeclaims"}),
       Rule(kRead, {kStorageGroup}, {"storageclasses"}),
       // Watching provisioning success and failure events.
       Rule({"watch"}, {kLegacyGroup}, {"events"}), EventsRule()}));
  roles.push_back(MakeClusterRole(
      "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
      {Rule({"create"}, {kCertificatesGroup}, {"certificatesigningrequests/nodeclient"})}));
  roles.push_back(MakeClusterRole(
      "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
      {Rule({"create"}, {kCertificatesGroup}, {"certificatesigningrequests/selfnodeclient"})}));
  roles.push_back(MakeClusterRole(
      "system:volume-scheduler",
      {Rule(kReadUpdate, {kLegacyGroup}, {"persistentvolumes"}),
       Rule(kRead, {kStorageGroup}, {"storageclasses"}),
       Rule(kReadUpdate, {kLegacyGroup}, {"persistentvolumeclaims"})}));
  roles.push_back(ApproverRole("system:certificates.k8s.io:legacy-unknown-approver",
                               "kubernetes.io/legacy-unknown"));
  roles.push_back(ApproverRole("system:certificates.k8s.io:kubelet-serving-approver",
                               "kubernetes.io/kubelet-serving"));
  roles.push_back(ApproverRole("system:certificates.k8s.io:kube-apiserver-client-approver",
                               "kubernetes.io/kube-apiserver-client"));
  roles.push_back(ApproverRole("system:certificates.k8s.io:kube-apiserver-client-kubelet-approver",
                               "kubernetes.io/kube-apiserver-client-kubelet"));
  roles.push_back(MakeClusterRole(
      "system:service-account-issuer-discovery",
      {UrlRule({"get"}, {"/.well-known/openid-configuration", "/openid/v1/jwks"})}));
  roles.push_back(MakeClusterRole(
      "system:node-proxier",
      {Rule({"list", "watch"}, {kLegacyGroup}, {"services", "endpoints"}),
       Rule({"get", "list", "watch"}, {kLegacyGroup}, {"nodes"}), EventsRule(),
       Rule({"list", "watch"}, {kDiscoveryGroup}, {"endpointslices"})}));
  roles.push_back(MakeClusterRole("system:kube-scheduler", KubeSchedulerRules()));
  return roles;
}

std::map<std::string, std::string> ClusterRolesToAggregate() {
  return {{"admin", "system:aggregate-to-admin"},
          {"edit", "system:aggregate-to-edit"},
          {"view", "system:aggregate-to-view"}};
}

}  // namespace kube::apiserver::rbac
