#include "tests/support/scheduler_process.h"

namespace kube::testing {

SchedulerProcess::SchedulerProcess(const ApiServerProcess& server,
                                   std::vector<std::string> extra_flags, bool use_grpc)
    : ControlPlaneProcess({.binary = "kube-scheduler",
                           .ready_path = "/readyz",
                           .default_flags = {"--leader-elect-lease-duration", "2s",
                                             "--leader-elect-renew-deadline", "1500ms",
                                             "--leader-elect-retry-period", "250ms", "-v", "2"},
                           .user = "system:kube-scheduler"},
                          server, std::move(extra_flags), use_grpc) {}

}  // namespace kube::testing
