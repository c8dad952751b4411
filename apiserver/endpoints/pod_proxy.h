#pragma once

#include <httplib.h>

#include "absl/status/status.h"
#include "apiserver/endpoints/kubelet_connector.h"
#include "apiserver/endpoints/request_info.h"
#include "apiserver/generic/store_set.h"

namespace kube::apiserver {

// GET pods/NAME/log: validates the pod and container (pods/log's Status errors),
// then tunnels the request to the kubelet of the pod's node
// (/containerLogs/NS/POD/CONTAINER with kubectl's options) and relays its answer
// byte for byte, so `kubectl logs -f` streams for as long as the kubelet does.
// Takes over the client's connection (closed after the answer).
absl::Status ServePodLog(const StoreView& stores, const Store& pods, const RequestInfo& info,
                         const httplib::Request& request, httplib::Response& response,
                         const KubeletConnector& kubelets);

// GET/POST pods/NAME/exec: validates the pod and container, then splices the
// client's upgrade request (WebSocket v5/v4.channel.k8s.io; the kubelet refuses
// SPDY with a clear Status) to the kubelet's /exec/NS/POD/CONTAINER: the
// handshake and the channel frames pass through unchanged.
// pods/portforward: the WebSocket (SPDY/3.1+portforward.k8s.io) tunnelled to the
// kubelet of the pod's node, which forwards to the pod through the runtime.
absl::Status ServePodPortForward(const StoreView& stores, const Store& pods,
                                 const RequestInfo& info, const httplib::Request& request,
                                 httplib::Response& response, const KubeletConnector& kubelets);
absl::Status ServePodExec(const StoreView& stores, const Store& pods, const RequestInfo& info,
                          const httplib::Request& request, httplib::Response& response,
                          const KubeletConnector& kubelets);

}  // namespace kube::apiserver
