#pragma once

#include <string>
#include <vector>

#include "tests/support/control_plane_process.h"

namespace kube::testing {

// The real kube-scheduler binary against a test apiserver (see ControlPlaneProcess).
// Start() waits for /readyz (its caches synced). Leader election runs with short
// timings (2 s lease) so tests that kill it do not wait long; `extra_flags` come
// last and override them.
class SchedulerProcess : public ControlPlaneProcess {
 public:
  SchedulerProcess(const ApiServerProcess& server, std::vector<std::string> extra_flags = {},
                   bool use_grpc = true);
};

}  // namespace kube::testing
