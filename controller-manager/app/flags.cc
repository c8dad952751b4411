#include "controller-manager/app/flags.h"

#include "common/util/strings.h"
#include "controller-manager/app/controller_names.h"
#include "controller-manager/nodeipam/cidr_allocator.h"
#include "controller-manager/rootcacertpublisher/ca_bundle.h"

namespace kube::kcm::app {

void AddFlags(flags::FlagSet& flags, Options& o) {
  ControllerSettings& s = o.settings;
  flags.String("kubeconfig", &o.kubeconfig,
               "Path to a kubeconfig; a grpc:// server uses the gRPC API, http(s):// REST.");
  flags.StringList("controllers", &o.controllers,
                   "Controllers to run: '*' runs those on by default, 'foo' turns foo on, "
                   "'-foo' turns it off.");
  client::AddLeaderElectionFlags(flags, o.leader_election, "runs the loops");
  health::AddSecureServingFlags(flags, o.serving);
  flags.String("cluster-cidr", &s.cluster_cidr,
               "CIDR range of pods in the cluster; nodeipam gives each node a slice of it.");
  flags.Bool("allocate-node-cidrs", &s.allocate_node_cidrs,
             "Give each node a spec.podCIDR from --cluster-cidr (set on its own when "
             "--cluster-cidr is given).");
  flags.Int("node-cidr-mask-size", &s.node_cidr_mask_size,
            "Prefix length of each node's pod CIDR.");
  flags.Duration("node-monitor-period", &s.node_monitor_period,
                 "How often node lifecycle checks node heartbeats.");
  flags.Duration("node-monitor-grace-period", &s.node_monitor_grace_period,
                 "How long a node may go without renewing its Lease or status before it "
                 "is marked Unknown and tainted unreachable.");
  flags.Int("default-not-ready-toleration-seconds", &s.default_not_ready_toleration_seconds,
            "Eviction delay on a not-ready node for pods without a toleration of their own.");
  flags.Int("default-unreachable-toleration-seconds", &s.default_unreachable_toleration_seconds,
            "Eviction delay on an unreachable node for pods without a toleration of their own.");
  flags.Duration("pod-gc-period", &s.pod_gc_period,
                 "How often podgc force-deletes the pods of nodes that no longer exist.");
  flags.Bool("use-service-account-credentials", &o.use_service_account_credentials,
             "Run each control loop as its own ServiceAccount in kube-system (with "
             "upstream's system:controller:<loop> role) instead of the manager's "
             "credentials.");
  flags.String("cluster-signing-cert-file", &s.cluster_signing_cert_file,
               "PEM CA certificate that signs approved certificate requests of the built-in "
               "signers (kubelet client and serving, kube-apiserver client); csrsigning runs "
               "only when it and --cluster-signing-key-file are set.");
  flags.String("cluster-signing-key-file", &s.cluster_signing_key_file,
               "The private key of --cluster-signing-cert-file.");
  flags.Duration("cluster-signing-duration", &s.cluster_signing_duration,
                 "The longest a signed certificate is valid for.");
  flags.String("root-ca-file", &s.root_ca_file,
               "PEM CA bundle to publish in every namespace as ConfigMap kube-root-ca.crt "
               "(key ca.crt); root-ca-cert-publisher runs only when it is set.");
  flags.Int("concurrent-rc-syncs", &s.concurrent_rc_syncs,
            "ReplicationControllers synced at once.");
  flags.Int("concurrent-replicaset-syncs", &s.concurrent_replicaset_syncs,
            "ReplicaSets synced at once.");
  flags.Int("concurrent-deployment-syncs", &s.concurrent_deployment_syncs,
            "Deployments synced at once.");
  flags.Int("concurrent-job-syncs", &s.concurrent_job_syncs, "Jobs synced at once.");
  flags.Int("concurrent-daemonset-syncs", &s.concurrent_daemonset_syncs,
            "DaemonSets synced at once.");
  flags.Int("concurrent-endpoint-syncs", &s.concurrent_endpoint_syncs,
            "Services whose Endpoints are synced at once.");
  flags.Int("concurrent-namespace-syncs", &s.concurrent_namespace_syncs,
            "Namespaces deleted at once.");
  flags.Int("concurrent-gc-syncs", &s.concurrent_gc_syncs,
            "Objects the garbage collector works on at once.");
}

absl::StatusOr<Options> FinishOptions(Options o, const std::vector<std::string>& known) {
  if (absl::Status status = ControllerSelection(o.controllers).Validate(known); !status.ok()) {
    return status;
  }
  if (absl::Status serving = health::ValidateSecureServing(o.serving); !serving.ok()) {
    return serving;
  }
  ControllerSettings& s = o.settings;
  if (!s.cluster_cidr.empty()) {
    s.allocate_node_cidrs = true;
    absl::StatusOr<nodeipam::CidrAllocator> allocator =
        nodeipam::CidrAllocator::Create(s.cluster_cidr, s.node_cidr_mask_size);
    if (!allocator.ok()) {
      return absl::InvalidArgumentError(StrCat("--cluster-cidr: ", allocator.status().message()));
    }
  }
  if (s.node_monitor_grace_period <= absl::ZeroDuration() ||
      s.node_monitor_period <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        "--node-monitor-period and --node-monitor-grace-period must be positive");
  }
  if (!s.root_ca_file.empty()) {
    // Upstream refuses to start on an unusable bundle rather than publish none.
    absl::StatusOr<std::string> bundle = rootcacertpublisher::ReadCaBundle(s.root_ca_file);
    if (!bundle.ok()) {
      return absl::InvalidArgumentError(StrCat("--root-ca-file: ", bundle.status().message()));
    }
  }
  if (s.cluster_signing_cert_file.empty() != s.cluster_signing_key_file.empty()) {
    return absl::InvalidArgumentError(
        "--cluster-signing-cert-file and --cluster-signing-key-file must be given together");
  }
  if (s.cluster_signing_duration <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--cluster-signing-duration must be positive");
  }
  if (s.pod_gc_period <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--pod-gc-period must be positive");
  }
  if (s.default_not_ready_toleration_seconds < 0 || s.default_unreachable_toleration_seconds < 0) {
    return absl::InvalidArgumentError("toleration seconds must not be negative");
  }
  for (int workers : {s.concurrent_rc_syncs, s.concurrent_replicaset_syncs,
                      s.concurrent_endpoint_syncs, s.concurrent_namespace_syncs,
                      s.concurrent_gc_syncs, s.concurrent_deployment_syncs,
                      s.concurrent_job_syncs, s.concurrent_daemonset_syncs}) {
    if (workers < 1) return absl::InvalidArgumentError("--concurrent-*-syncs must be positive");
  }
  return o;
}

}  // namespace kube::kcm::app
