#pragma once

#include "common/client/leader_election_options.h"

#include <string>

#include "absl/time/time.h"
#include "common/health/secure_serving_options.h"
#include "scheduler/framework/profile.h"

namespace kube::scheduler::app {

// Everything kube-scheduler is configured with, from flags and --config. Defaults
// are upstream's.
struct Options {
  std::string kubeconfig;  // "" : $KUBECONFIG, then ~/.kube/config

  // Leader election on a coordination.k8s.io/v1 Lease.
  client::LeaderElectionOptions leader_election{.lease_name = "kube-scheduler"};

  // /healthz, /livez, /readyz and /metrics over HTTPS with delegated authentication
  // and authorization (--secure-port 10259; 0 serves nothing). Upstream removed the
  // plain --port.
  health::SecureServingOptions serving{10259};

  std::string config_file;  // --config, a KubeSchedulerConfiguration

  // The one profile: its scheduler name, filters and weighted scores.
  framework::ProfileSpec profile;
  int percentage_of_nodes_to_score = 0;  // 0: adaptive, as upstream
  int parallelism = 2;                   // filter/score threads per pod
  int api_workers = 32;                  // concurrent binding and status calls
};

// Options with the default profile (plugins/registry.h).
Options DefaultOptions();

}  // namespace kube::scheduler::app
