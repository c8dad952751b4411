#pragma once

#include <string>

#include "absl/status/status.h"

namespace kube::kubelet {

// The kubelet's HTTP server on --port: container logs, exec, stats, healthz. Not
// served yet (a later issue): Start only records the port, which the Node
// advertises as daemonEndpoints.kubeletEndpoint.
class KubeletServer {
 public:
  explicit KubeletServer(int port) : port_(port) {}

  absl::Status Start();
  void Stop() {}
  int port() const { return port_; }

 private:
  const int port_;
};

}  // namespace kube::kubelet
