#pragma once

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
  bool leader_elect = true;
  absl::Duration lease_duration = absl::Seconds(15);
  absl::Duration renew_deadline = absl::Seconds(10);
  absl::Duration retry_period = absl::Seconds(2);
  std::string lease_namespace = "kube-system";
  std::string lease_name = "kube-controller-manager";

  // /healthz, /livez, /readyz and /metrics. TLS serving is not implemented: the
  // port serves plain HTTP (0 serves nothing).
  std::string bind_address = "127.0.0.1";
  int secure_port = 10257;

  ControllerSettings settings;
};

}  // namespace kube::kcm::app
