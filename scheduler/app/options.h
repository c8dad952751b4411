#pragma once

#include "common/client/leader_election_options.h"

#include <string>

#include "absl/time/time.h"
#include "scheduler/framework/profile.h"

namespace kube::scheduler::app {

// Everything kube-scheduler is configured with, from flags and --config. Defaults
// are upstream's.
struct Options {
  std::string kubeconfig;  // "" : $KUBECONFIG, then ~/.kube/config

  // Leader election on a coordination.k8s.io/v1 Lease.
  client::LeaderElectionOptions leader_election{.lease_name = "kube-scheduler"};

  // /healthz, /readyz and /metrics over plain HTTP; port 0 serves nothing.
  std::string bind_address = "127.0.0.1";
  int port = 10259;
  int secure_port = 0;  // TLS serving is not implemented; only 0 is accepted

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
