#pragma once

#include <grpcpp/grpcpp.h>

#include <string_view>

#include "absl/status/status.h"

namespace kube::kubelet::remote {

// The absl::Status for a CRI call's gRPC status. gRPC and absl share their codes, so
// the code is kept as is (NotFound stays NotFound, a runtime that is down is
// Unavailable, an expired deadline is DeadlineExceeded); `call` ("RunPodSandbox")
// prefixes the message.
absl::Status FromGrpcStatus(const grpc::Status& status, std::string_view call);

}  // namespace kube::kubelet::remote
