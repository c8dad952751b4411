#pragma once

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "k8s/core/v1/core.pb.h"
#include "kubelet/runtime/runtime.h"

namespace kube::kubelet {

enum class ProbeResult {
  kUnknown,  // not probed yet (startup), or no probe
  kSuccess,
  kFailure,
};

struct ProbeOutcome {
  ProbeResult result = ProbeResult::kUnknown;
  std::string output;  // what a failure event reports
};

// What a probe runs against.
struct ProbeTarget {
  std::string container_id;
  std::string pod_ip;
  // The container's ports, to resolve named probe ports.
  std::vector<k8s::core::v1::ContainerPort> ports;
};

// One probe attempt, as upstream's prober: exec runs the command through the
// runtime (exit 0 succeeds; a timeout fails); httpGet succeeds on a status in
// [200, 400); tcpSocket on a completed connect. Host defaults to the pod IP.
// gRPC probes are not supported yet and succeed (with a note in the output), so
// that they never restart a container. https is checked as a TCP connect.
// Thread-safe; blocks up to the probe's timeout.
class Prober {
 public:
  explicit Prober(Runtime& runtime) : runtime_(runtime) {}
  virtual ~Prober() = default;

  virtual ProbeOutcome Run(const k8s::core::v1::Probe& probe, const ProbeTarget& target);

 private:
  Runtime& runtime_;
};

// The network probes, apart for tests.
ProbeOutcome HttpGetProbe(const std::string& host, int port, const std::string& path,
                          const std::vector<std::pair<std::string, std::string>>& headers,
                          absl::Duration timeout);
ProbeOutcome TcpProbe(const std::string& host, int port, absl::Duration timeout);

}  // namespace kube::kubelet
