#include "common/api/grpc_status.h"

#include "common/api/errors.h"

namespace kube::api {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()),
                      ToApiStatus(status).SerializeAsString());
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  k8s::meta::v1::Status api_status;
  if (!status.error_details().empty() && api_status.ParseFromString(status.error_details())) {
    return FromApiStatus(api_status);
  }
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
}

}  // namespace kube::api
