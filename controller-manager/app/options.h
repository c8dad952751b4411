#pragma once

#include "common/client/leader_election_options.h"

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/health/secure_serving_options.h"
#include "controller-manager/controller/context.h"

namespace kube::kcm::app {

// Everything kube-controller-manager is configured with. Defaults are upstream's.
struct Options {
  std::string kubeconfig;  // "" : $KUBECONFIG, then ~/.kube/config
  std::vector<std::string> controllers = {"*"};

  // Leader election on the Lease kube-system/kube-controller-manager.
  client::LeaderElectionOptions leader_election{.lease_name = "kube-controller-manager"};

  // /healthz, /livez, /readyz and /metrics over HTTPS with delegated authentication
  // and authorization (--secure-port 10257; 0 serves nothing).
  health::SecureServingOptions serving{10257};

  // Each loop acts as its own ServiceAccount kube-system/<loop> with upstream's
  // system:controller:<loop> role (--use-service-account-credentials); the
  // shared informers and events stay on the manager's own credentials.
  bool use_service_account_credentials = false;

  ControllerSettings settings;
};

}  // namespace kube::kcm::app
