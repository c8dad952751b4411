#include "kubelet/server/kubelet_server.h"

#include "common/log/log.h"

namespace kube::kubelet {

absl::Status KubeletServer::Start() {
  VLOG(1) << "kubelet HTTP server on port " << port_ << " is not implemented yet";
  return absl::OkStatus();
}

}  // namespace kube::kubelet
