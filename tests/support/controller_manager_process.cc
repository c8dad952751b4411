#include "tests/support/controller_manager_process.h"

namespace kube::testing {

ControllerManagerProcess::ControllerManagerProcess(const ApiServerProcess& server,
                                                   std::vector<std::string> extra_flags,
                                                   bool use_grpc)
    : ControlPlaneProcess({.binary = "kube-controller-manager",
                           .ready_path = "/healthz",
                           .default_flags = {"--leader-elect-lease-duration", "2s",
                                             "--leader-elect-renew-deadline", "1500ms",
                                             "--leader-elect-retry-period", "250ms",
                                             "--node-monitor-period", "1s",
                                             "--use-service-account-credentials", "-v", "2"},
                           // Least privilege, as cluster-up runs it: the manager's own
                           // user for its informers, events and lease; each loop as
                           // its ServiceAccount.
                           .user = "system:kube-controller-manager"},
                          server, std::move(extra_flags), use_grpc) {}

bool ControllerManagerProcess::Leading() const {
  return Metrics().find("leader_election_master_status{name=\"kube-controller-manager\"} 1") !=
         std::string::npos;
}

}  // namespace kube::testing
