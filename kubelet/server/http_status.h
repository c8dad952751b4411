#pragma once

#include <httplib.h>

#include "absl/status/status.h"

namespace kube::kubelet {

// Answers with `status` as a Kubernetes Status object (JSON) and its HTTP code,
// as upstream's kubelet does, so that the apiserver can pass it on to clients.
void WriteStatus(httplib::Response& response, const absl::Status& status);

}  // namespace kube::kubelet
