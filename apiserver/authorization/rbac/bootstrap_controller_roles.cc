// controller_policy.go: one role per kube-controller-manager loop, bound to the
// loop's service account kube-system/<loop>. Loops behind feature gates that are
// off in 1.32 (DRA's resource-claim-controller, service-cidrs-controller,
// volumeattributesclass-protection, selinux-warning, storage-version-*) have none.

#include "apiserver/authorization/rbac/bootstrap_builders.h"
#include "apiserver/authorization/rbac/bootstrap_policy.h"

namespace kube::apiserver::rbac {

using namespace bootstrap;
using k8s::rbac::v1::ClusterRole;
using k8s::rbac::v1::ClusterRoleBinding;
using k8s::rbac::v1::PolicyRule;

namespace {

struct ControllerRole {
  const char* loop;  // the name after "system:controller:"
  std::vector<PolicyRule> rules;
};

std::vector<ControllerRole> ControllerRoleTable() {
  const List kAppsExtensions = {kAppsGroup, kExtensionsGroup};
  return {
      {"attachdetach-controller",
       {Rule({"list", "watch"}, {kLegacyGroup}, {"persistentvolumes", "persistentvolumeclaims"}),
        Rule({"get", "list", "watch"}, {kLegacyGroup}, {"nodes"}),
        Rule({"patch", "update"}, {kLegacyGroup}, {"nodes/status"}),
        Rule({"list", "watch"}, {kLegacyGroup}, {"pods"}), EventsRule(),
        Rule({"get", "create", "delete", "list", "watch"}, {kStorageGroup}, {"volumeattachments"}),
        Rule({"get", "watch", "list"}, {kStorageGroup}, {"csidrivers"}),
        Rule({"get", "watch", "list"}, {kStorageGroup}, {"csinodes"})}},
      {"clusterrole-aggregation-controller",
       // It rewrites any role's rules, so it holds escalate.
       {Rule({"escalate", "get", "list", "watch", "update", "patch"}, {kRbacGroup},
             {"clusterroles"})}},
      {"cronjob-controller",
       {Rule({"get", "list", "watch", "update"}, {kBatchGroup}, {"cronjobs"}),
        Rule({"get", "list", "watch", "create", "update", "delete", "patch"}, {kBatchGroup},
             {"jobs"}),
        Rule({"update"}, {kBatchGroup}, {"cronjobs/status"}),
        Rule({"update"}, {kBatchGroup}, {"cronjobs/finalizers"}),
        Rule({"list", "watch", "delete"}, {kLegacyGroup}, {"pods"}), EventsRule()}},
      {"daemon-set-controller",
       {Rule({"get", "list", "watch"}, kAppsExtensions, {"daemonsets"}),
        Rule({"update"}, kAppsExtensions, {"daemonsets/status"}),
        Rule({"update"}, kAppsExtensions, {"daemonsets/finalizers"}),
        Rule({"list", "watch"}, {kLegacyGroup}, {"nodes"}),
        Rule({"list", "watch", "create", "delete", "patch"}, {kLegacyGroup}, {"pods"}),
        Rule({"create"}, {kLegacyGroup}, {"pods/binding"}),
        Rule({"get", "list", "watch", "create", "delete", "update", "patch"}, {kAppsGroup},
             {"controllerrevisions"}),
        EventsRule()}},
      {"deployment-controller",
       {Rule({"get", "list", "watch", "update"}, kAppsExtensions, {"deployments"}),
        Rule({"update"}, kAppsExtensions, {"deployments/status"}),
        Rule({"update"}, kAppsExtensions, {"deployments/finalizers"}),
        Rule({"get", "list", "watch", "create", "update", "patch", "delete"}, kAppsExtensions,
             {"replicasets"}),
        Rule({"get", "list", "watch", "update"}, {kLegacyGroup}, {"pods"}), EventsRule()}},
      {"disruption-controller",
       {Rule({"get", "list", "watch"}, kAppsExtensions, {"deployments"}),
        Rule({"get", "list", "watch"}, kAppsExtensions, {"replicasets"}),
        Rule({"get", "list", "watch"}, {kLegacyGroup}, {"replicationcontrollers"}),
        Rule({"get", "list", "watch"}, {kPolicyGroup}, {"poddisruptionbudgets"}),
        Rule({"get", "list", "watch"}, {kAppsGroup}, {"statefulsets"}),
        Rule({"update"}, {kPolicyGroup}, {"poddisruptionbudgets/status"}),
        Rule({"patch", "update"}, {kLegacyGroup}, {"pods/status"}),
        Rule({"get"}, {"*"}, {"*/scale"}), EventsRule()}},
      {"endpoint-controller",
       {Rule({"get", "list", "watch"}, {kLegacyGroup}, {"services", "pods"}),
        Rule({"get", "list", "watch", "create", "update", "delete"}, {kLegacyGroup},
             {"endpoints"}),
        Rule({"create"}, {kLegacyGroup}, {"endpoints/restricted"}), EventsRule()}},
      {"endpointslice-controller",
       {Rule({"get", "list", "watch"}, {kLegacyGroup}, {"services", "pods", "nodes"}),
        // Owner references with blockOwnerDeletion need the owner's finalizers.
        Rule({"update"}, {kLegacyGroup}, {"services/finalizers"}),
        Rule({"get", "list", "watch", "create", "update", "delete"}, {kDiscoveryGroup},
             {"endpointslices"}),
        EventsRule()}},
      {"endpointslicemirroring-controller",
       {Rule({"get", "list", "watch"}, {kLegacyGroup}, {"services", "endpoints"}),
        Rule({"update"}, {kLegacyGroup}, {"services/finalizers"}),
        Rule({"update"}, {kLegacyGroup}, {"endpoints/finalizers"}),
        Rule({"get", "list", "watch", "create", "update", "delete"}, {kDiscoveryGroup},
             {"endpointslices"}),
        EventsRule()}},
      {"expand-controller",
       {Rule({"get", "list", "watch", "update", "patch"}, {kLegacyGroup}, {"persistentvolumes"}),
        Rule({"update", "patch"}, {kLegacyGroup}, {"persistentvolumeclaims/status"}),
        Rule({"get", "list", "watch"}, {kLegacyGroup}, {"persistentvolumeclaims"}), EventsRule(),
        // The portworx volume plugin.
        Rule({"get"}, {kLegacyGroup}, {"services"})}},
      {"ephemeral-volume-controller",
       {Rule({"get", "list", "watch"}, {kLegacyGroup}, {"pods"}),
        Rule({"update"}, {kLegacyGroup}, {"pods/finalizers"}),
        Rule({"get", "list", "watch", "create"}, {kLegacyGroup}, {"persistentvolumeclaims"}),
        EventsRule()}},
      {"generic-garbage-collector",
       {Rule({"get", "list", "watch", "patch", "update", "delete"}, {"*"}, {"*"}), EventsRule()}},
      {"horizontal-pod-autoscaler",
       {Rule({"get", "list", "watch"}, {kAutoscalingGroup}, {"horizontalpodautoscalers"}),
        Rule({"update"}, {kAutoscalingGroup}, {"horizontalpodautoscalers/status"}),
        Rule({"get", "update"}, {"*"}, {"*/scale"}),
        Rule({"list", "watch"}, {kLegacyGroup}, {"pods"}),
        Rule({"list", "watch"}, {"metrics.k8s.io"}, {"pods"}),
        Rule({"get", "list", "watch"}, {"custom.metrics.k8s.io"}, {"*"}),
        Rule({"get", "list", "watch"}, {"external.metrics.k8s.io"}, {"*"}), EventsRule()}},
      {"job-controller",
       {Rule({"get", "list", "watch", "update", "patch"}, {kBatchGroup}, {"jobs"}),
        Rule({"update"}, {kBatchGroup}, {"jobs/status"}),
        Rule({"update"}, {kBatchGroup}, {"jobs/finalizers"}),
        Rule({"list", "watch", "create", "delete", "patch"}, {kLegacyGroup}, {"pods"}),
        EventsRule()}},
      {"namespace-controller",
       {Rule({"get", "list", "watch", "delete"}, {kLegacyGroup}, {"namespaces"}),
        Rule({"update"}, {kLegacyGroup}, {"namespaces/finalize", "namespaces/status"}),
        Rule({"get", "list", "watch", "delete", "deletecollection"}, {"*"}, {"*"})}},
      {"node-controller",
       {Rule({"get", "list", "watch", "update", "delete", "patch"}, {kLegacyGroup}, {"nodes"}),
        Rule({"patch", "update"}, {kLegacyGroup}, {"nodes/status"}),
        // Pod deletion marks the pods first.
        Rule({"patch", "update"}, {kLegacyGroup}, {"pods/status"}),
        Rule({"list", "watch", "get", "delete"}, {kLegacyGroup}, {"pods"}), EventsRule()}},
      {"persistent-volume-binder",
       {Rule({"get", "list", "watch", "update", "create", "delete"}, {kLegacyGroup},
             {"persistentvolumes"}),
        Rule({"update"}, {kLegacyGroup}, {"persistentvolumes/status"}),
        Rule({"get", "list", "watch", "update"}, {kLegacyGroup}, {"persistentvolumeclaims"}),
        Rule({"update"}, {kLegacyGroup}, {"persistentvolumeclaims/status"}),
        Rule({"list", "watch", "get", "create", "delete"}, {kLegacyGroup}, {"pods"}),
        Rule({"get", "list", "watch"}, {kStorageGroup}, {"storageclasses"}),
        Rule({"list", "watch"}, {kLegacyGroup}, {"nodes"}), EventsRule(),
        // The recycler watches its pod.
        Rule({"watch"}, {kLegacyGroup}, {"events"}),
        // The portworx volume plugin.
        Rule({"get"}, {kLegacyGroup}, {"services"})}},
      {"pod-garbage-collector",
       {Rule({"list", "watch", "delete"}, {kLegacyGroup}, {"pods"}),
        Rule({"get", "list", "watch"}, {kLegacyGroup}, {"nodes"}),
        Rule({"patch"}, {kLegacyGroup}, {"pods/status"})}},
      {"replicaset-controller",
       {Rule({"get", "list", "watch", "update"}, kAppsExtensions, {"replicasets"}),
        Rule({"update"}, kAppsExtensions, {"replicasets/status"}),
        Rule({"update"}, kAppsExtensions, {"replicasets/finalizers"}),
        Rule({"list", "watch", "patch", "create", "delete"}, {kLegacyGroup}, {"pods"}),
        EventsRule()}},
      {"replication-controller",
       // Controllers of 1.0 needed get and update.
       {Rule({"get", "list", "watch", "update"}, {kLegacyGroup}, {"replicationcontrollers"}),
        Rule({"update"}, {kLegacyGroup}, {"replicationcontrollers/status"}),
        Rule({"update"}, {kLegacyGroup}, {"replicationcontrollers/finalizers"}),
        Rule({"list", "watch", "patch", "create", "delete"}, {kLegacyGroup}, {"pods"}),
        EventsRule()}},
      {"resourcequota-controller",
       // Quota counts anything, so it reads everything.
       {Rule({"list", "watch"}, {"*"}, {"*"}),
        Rule({"update"}, {kLegacyGroup}, {"resourcequotas/status"}), EventsRule()}},
      {"route-controller",
       {Rule({"list", "watch"}, {kLegacyGroup}, {"nodes"}),
        Rule({"patch"}, {kLegacyGroup}, {"nodes/status"}), EventsRule()}},
      {"service-account-controller",
       {Rule({"create"}, {kLegacyGroup}, {"serviceaccounts"}), EventsRule()}},
      {"service-controller",
       {Rule({"get", "list", "watch"}, {kLegacyGroup}, {"services"}),
        Rule({"patch", "update"}, {kLegacyGroup}, {"services/status"}),
        Rule({"list", "watch"}, {kLegacyGroup}, {"nodes"}), EventsRule()}},
      {"statefulset-controller",
       {Rule({"list", "watch"}, {kLegacyGroup}, {"pods"}),
        Rule({"get", "list", "watch"}, {kAppsGroup}, {"statefulsets"}),
        Rule({"update"}, {kAppsGroup}, {"statefulsets/status"}),
        Rule({"update"}, {kAppsGroup}, {"statefulsets/finalizers"}),
        Rule({"get", "create", "delete", "update", "patch"}, {kLegacyGroup}, {"pods"}),
        Rule({"get", "create", "delete", "update", "patch", "list", "watch"}, {kAppsGroup},
             {"controllerrevisions"}),
        Rule({"get", "create", "list", "watch"}, {kLegacyGroup}, {"persistentvolumeclaims"}),
        Rule({"update", "delete"}, {kLegacyGroup}, {"persistentvolumeclaims"}),
        Rule({"update"}, {kLegacyGroup}, {"pods/finalizers"}), EventsRule()}},
      {"ttl-controller",
       {Rule({"update", "patch", "list", "watch"}, {kLegacyGroup}, {"nodes"}), EventsRule()}},
      {"certificate-controller",
       {Rule({"get", "list", "watch", "delete"}, {kCertificatesGroup},
             {"certificatesigningrequests"}),
        Rule({"update"}, {kCertificatesGroup},
             {"certificatesigningrequests/status", "certificatesigningrequests/approval"}),
        Rule({"approve"}, {kCertificatesGroup}, {"signers"},
             {"kubernetes.io/kube-apiserver-client-kubelet"}),
        Rule({"sign"}, {kCertificatesGroup}, {"signers"},
             {"kubernetes.io/legacy-unknown", "kubernetes.io/kube-apiserver-client",
              "kubernetes.io/kube-apiserver-client-kubelet", "kubernetes.io/kubelet-serving"}),
        Rule({"create"}, {kAuthorizationGroup}, {"subjectaccessreviews"}), EventsRule()}},
      {"pvc-protection-controller",
       {Rule({"get", "list", "watch", "update"}, {kLegacyGroup}, {"persistentvolumeclaims"}),
        Rule({"list", "watch", "get"}, {kLegacyGroup}, {"pods"}), EventsRule()}},
      {"pv-protection-controller",
       {Rule({"get", "list", "watch", "update"}, {kLegacyGroup}, {"persistentvolumes"}),
        EventsRule()}},
      {"ttl-after-finished-controller",
       {Rule({"get", "list", "watch", "delete"}, {kBatchGroup}, {"jobs"}), EventsRule()}},
      {"root-ca-cert-publisher",
       {Rule({"create", "update"}, {kLegacyGroup}, {"configmaps"}), EventsRule()}},
      {"validatingadmissionpolicy-status-controller",
       {Rule({"get", "list", "watch"}, {kAdmissionRegistrationGroup},
             {"validatingadmissionpolicies"}),
        Rule({"get", "patch", "update"}, {kAdmissionRegistrationGroup},
             {"validatingadmissionpolicies/status"}),
        EventsRule()}},
      {"legacy-service-account-token-cleaner",
       {Rule({"get"}, {kLegacyGroup}, {"configmaps"},
             {"kube-apiserver-legacy-service-account-token-tracking"}),
        Rule({"patch", "delete"}, {kLegacyGroup}, {"secrets"})}},
  };
}

}  // namespace

std::vector<ClusterRole> ControllerRoles() {
  std::vector<ClusterRole> roles;
  for (ControllerRole& entry : ControllerRoleTable()) {
    roles.push_back(
        MakeClusterRole(std::string(kControllerRolePrefix) + entry.loop, std::move(entry.rules)));
  }
  return roles;
}

std::vector<ClusterRoleBinding> ControllerRoleBindings() {
  std::vector<ClusterRoleBinding> bindings;
  for (const ControllerRole& entry : ControllerRoleTable()) {
    bindings.push_back(MakeClusterRoleBinding(std::string(kControllerRolePrefix) + entry.loop,
                                              {ServiceAccount("kube-system", entry.loop)}));
  }
  return bindings;
}

}  // namespace kube::apiserver::rbac
