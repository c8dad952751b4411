#pragma once

#include <memory>

#include "absl/time/time.h"
#include "common/client/client.h"
#include "common/client/informer_factory.h"
#include "common/events/event_recorder.h"

namespace kube::kcm {

// Settings of individual controllers, from kube-controller-manager's flags
// (upstream's names).
struct ControllerSettings {
  // nodeipam: --cluster-cidr, and the prefix length of each node's range.
  std::string cluster_cidr;
  int node_cidr_mask_size = 24;
  bool allocate_node_cidrs = false;  // --allocate-node-cidrs
  // nodelifecycle
  absl::Duration node_monitor_period = absl::Seconds(5);
  absl::Duration node_monitor_grace_period = absl::Seconds(40);
  // Pods without a toleration for the not-ready / unreachable NoExecute taint are
  // evicted after this long (what upstream's DefaultTolerationSeconds admission
  // gives every pod; our apiserver adds it too, so this is the fallback).
  int64_t default_not_ready_toleration_seconds = 300;
  int64_t default_unreachable_toleration_seconds = 300;
  // Worker threads per loop (upstream's --concurrent-*-syncs).
  int concurrent_rc_syncs = 5;
  int concurrent_replicaset_syncs = 5;
  int concurrent_endpoint_syncs = 5;
  int concurrent_namespace_syncs = 10;
  int concurrent_gc_syncs = 20;
  int concurrent_deployment_syncs = 5;
  int concurrent_job_syncs = 5;
  int concurrent_daemonset_syncs = 2;
  int concurrent_pv_syncs = 2;
  // podgc: how often pods of deleted nodes are looked for.
  absl::Duration pod_gc_period = absl::Seconds(20);
  // root-ca-cert-publisher: the PEM CA bundle published in every namespace as
  // kube-root-ca.crt (--root-ca-file); the loop does not run without it.
  std::string root_ca_file;
  // csrsigning: the CA that signs approved certificate requests
  // (--cluster-signing-cert-file/--cluster-signing-key-file; the loop does not run
  // without them) and the longest a certificate it issues lives.
  std::string cluster_signing_cert_file;
  std::string cluster_signing_key_file;
  absl::Duration cluster_signing_duration = absl::Hours(24 * 365);
};

// What every controller is built from. The referenced objects outlive the
// controllers (the app owns them and destroys the controllers first).
struct ControllerContext {
  client::Client client;
  client::InformerFactory& informers;  // shared: one watch per resource for all loops
  events::EventRecorder& recorder;
  const ControllerSettings& settings;
};

}  // namespace kube::kcm
