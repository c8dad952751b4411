#pragma once

#include "common/client/leader_election_options.h"

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "controller-manager/controller/context.h"

namespace kube::kcm::app {

// Everything kube-controller-manager is configured with. Defaults are upstream's.
struct Options {
  std::string kubeconfig;  // "" : $KUBECONFIG, then ~/.kube/config
  std::vector<std::string> controllers = {"*"};

  // Leader election on the Lease kube-system/kube-controller-manager.
  client::LeaderElectionOptions leader_election{.lease_name = "kube-controller-manager"};

  // /healthz, /livez, /readyz and /metrics. TLS serving is not implemented: the
  // port serves plain HTTP (0 serves nothing).
  std::string bind_address = "127.0.0.1";
  int secure_port = 10257;

  ControllerSettings settings;
};

}  // namespace kube::kcm::app
