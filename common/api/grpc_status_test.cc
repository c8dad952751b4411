#include "common/api/grpc_status.h"

#include <catch2/catch.hpp>

#include "common/api/errors.h"

namespace kube::api {
namespace {

TEST_CASE("API errors survive the trip through a gRPC status") {
  absl::Status original = NotFoundError("deployments.apps", "web");
  grpc::Status wire = ToGrpcStatus(original);
  CHECK(wire.error_code() == grpc::StatusCode::NOT_FOUND);
  CHECK(wire.error_message() == "deployments.apps \"web\" not found");
  absl::Status back = FromGrpcStatus(wire);
  CHECK(back.code() == absl::StatusCode::kNotFound);
  k8s::meta::v1::Status status = ToApiStatus(back);
  CHECK(status.code() == 404);
  CHECK(status.details().group() == "apps");

  CHECK(FromGrpcStatus(grpc::Status(grpc::StatusCode::UNAVAILABLE, "down")).code() ==
        absl::StatusCode::kUnavailable);
  CHECK(ToGrpcStatus(absl::OkStatus()).ok());
}

}  // namespace
}  // namespace kube::api
