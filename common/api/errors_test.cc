#include "common/api/errors.h"

#include <catch2/catch.hpp>

namespace kube::api {
namespace {

TEST_CASE("errors carry upstream's Status") {
  k8s::meta::v1::Status not_found = ToApiStatus(NotFoundError("deployments.apps", "web"));
  CHECK(not_found.code() == 404);
  CHECK(not_found.reason() == "NotFound");
  CHECK(not_found.message() == "deployments.apps \"web\" not found");
  CHECK(not_found.details().group() == "apps");
  CHECK(not_found.details().kind() == "deployments");
  CHECK(not_found.details().name() == "web");

  k8s::meta::v1::Status conflict = ToApiStatus(ConflictError("pods", "x", kObjectModified));
  CHECK(conflict.code() == 409);
  CHECK(conflict.reason() == "Conflict");
  CHECK(conflict.message() ==
        "Operation cannot be fulfilled on pods \"x\": the object has been modified; please "
        "apply your changes to the latest version and try again");

  k8s::meta::v1::Status invalid = ToApiStatus(InvalidError(
      "", "Pod", "p",
      {Required("spec.containers[0].image"),
       NotSupported("spec.restartPolicy", "Sometimes", {"Always", "OnFailure", "Never"})}));
  CHECK(invalid.code() == 422);
  CHECK(invalid.reason() == "Invalid");
  CHECK(invalid.message() ==
        "Pod \"p\" is invalid: [spec.containers[0].image: Required value, spec.restartPolicy: "
        "Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"]");
  REQUIRE(invalid.details().causes_size() == 2);
  CHECK(invalid.details().causes(0).reason() == "FieldValueRequired");
  CHECK(invalid.details().causes(0).field() == "spec.containers[0].image");
  CHECK(invalid.details().causes(0).message() == "Required value");

  CHECK(ToApiStatus(InvalidError("apps", "Deployment", "d", {Invalid("spec.replicas", "-1", "must be greater than or equal to 0")})).message() ==
        "Deployment.apps \"d\" is invalid: spec.replicas: Invalid value: \"-1\": must be greater than or equal to 0");
}

TEST_CASE("plain absl statuses map to Kubernetes codes and round-trip") {
  CHECK(HttpCode(absl::NotFoundError("x")) == 404);
  CHECK(HttpCode(absl::AbortedError("x")) == 409);
  CHECK(HttpCode(absl::InvalidArgumentError("x")) == 400);
  CHECK(HttpCode(absl::OutOfRangeError("x")) == 410);
  CHECK(HttpCode(absl::UnavailableError("x")) == 503);
  CHECK(HttpCode(absl::InternalError("x")) == 500);
  CHECK(ToApiStatus(absl::OkStatus()).status() == "Success");

  absl::Status original = AlreadyExistsError("pods", "a");
  absl::Status round_trip = FromApiStatus(ToApiStatus(original));
  CHECK(round_trip.code() == absl::StatusCode::kAlreadyExists);
  CHECK(ToApiStatus(round_trip).message() == "pods \"a\" already exists");
}

}  // namespace
}  // namespace kube::api
