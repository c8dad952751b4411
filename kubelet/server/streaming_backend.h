#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/http/tunnel.h"

namespace kube::kubelet {

// A connection to the runtime's streaming server, upgraded to SPDY/3.1.
struct StreamingBackend {
  http::OwnedSocket socket;
  std::string early_bytes;  // what the server sent right after its 101
};

// Connects to `url` (what CRI's Exec, Attach or PortForward returned) and upgrades
// it to SPDY/3.1 speaking `protocol` (X-Stream-Protocol-Version:
// v4.channel.k8s.io for exec and attach, portforward.k8s.io for port forwarding).
// A refusal is Internal with the server's status line.
absl::StatusOr<StreamingBackend> ConnectStreamingBackend(const std::string& url,
                                                         const std::string& protocol);

}  // namespace kube::kubelet
