#pragma once

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"

namespace kube::api {

// API errors over gRPC: the canonical code maps one to one (absl and gRPC share
// the numbering), the message is kept, and the Kubernetes Status travels in the
// gRPC status's binary details, so a client gets exactly what REST would return.
grpc::Status ToGrpcStatus(const absl::Status& status);
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace kube::api
