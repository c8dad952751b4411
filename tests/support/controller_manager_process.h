#pragma once

#include <string>
#include <vector>

#include "tests/support/control_plane_process.h"

namespace kube::testing {

// The real kube-controller-manager binary against a test apiserver (see
// ControlPlaneProcess); /healthz and /metrics on --secure-port (HTTPS).
// Leader election runs with short timings (2 s lease) and node monitoring every
// second, so tests that kill it or a node do not wait long; `extra_flags` come last
// and override them.
class ControllerManagerProcess : public ControlPlaneProcess {
 public:
  ControllerManagerProcess(const ApiServerProcess& server, std::vector<std::string> extra_flags = {},
                           bool use_grpc = true);

  // Whether /metrics reports this replica as the leader.
  bool Leading() const;
};

}  // namespace kube::testing
