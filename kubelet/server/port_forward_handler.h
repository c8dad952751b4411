#pragma once

#include <httplib.h>

#include <string>

#include "kubelet/runtime/runtime.h"

namespace kube::kubelet {

// Serves GET/POST /portForward/NS/POD: kubectl port-forward's WebSocket with
// subprotocol SPDY/3.1+portforward.k8s.io, which carries SPDY frames as binary
// messages. The kubelet opens the pod's port forwarding on the runtime (CRI
// PortForward), upgrades that to SPDY (portforward.k8s.io) and relays the
// tunnelled bytes both ways: the SPDY session is between kubectl and the runtime.
// Refusals before the upgrade (no such pod, no runtime support, a plain SPDY
// upgrade) are Status answers. Takes over the connection on success.
void ServePortForward(Runtime& runtime, const httplib::Request& request,
                      httplib::Response& response, const std::string& ns, const std::string& pod);

}  // namespace kube::kubelet
