#include "kubelet/runtime/remote/cri_status.h"

#include "common/util/strings.h"

namespace kube::kubelet::remote {

absl::Status FromGrpcStatus(const grpc::Status& status, std::string_view call) {
  if (status.ok()) return absl::OkStatus();
  // The numeric values are identical by design (both follow google.rpc.Code).
  auto code = static_cast<absl::StatusCode>(status.error_code());
  if (status.error_code() > grpc::StatusCode::UNAUTHENTICATED) code = absl::StatusCode::kUnknown;
  return absl::Status(code, StrCat("CRI ", call, ": ", status.error_message()));
}

}  // namespace kube::kubelet::remote
