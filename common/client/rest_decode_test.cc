#include "common/client/rest_decode.h"

#include <catch2/catch.hpp>

#include "common/api/errors.h"
#include "common/client/resources.h"
#include "common/client/watch_status.h"
#include "k8s/apps/v1/apps.pb.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::client::internal {
namespace {

using k8s::core::v1::Pod;

TEST_CASE("ErrorFromResponse turns Status bodies into API errors") {
  absl::Status not_found = ErrorFromResponse(
      404, R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",)"
           R"("message":"pods \"x\" not found","reason":"NotFound",)"
           R"("details":{"name":"x","kind":"pods"},"code":404})");
  CHECK(not_found.code() == absl::StatusCode::kNotFound);
  CHECK(not_found.message() == "pods \"x\" not found");
  k8s::meta::v1::Status round_trip = api::ToApiStatus(not_found);
  CHECK(round_trip.reason() == "NotFound");
  CHECK(round_trip.details().name() == "x");

  absl::Status exists = ErrorFromResponse(
      409, R"({"kind":"Status","status":"Failure","reason":"AlreadyExists","code":409})");
  CHECK(exists.code() == absl::StatusCode::kAlreadyExists);
  absl::Status conflict = ErrorFromResponse(
      409, R"({"kind":"Status","status":"Failure","reason":"Conflict","code":409})");
  CHECK(conflict.code() == absl::StatusCode::kAborted);
  absl::Status expired = ErrorFromResponse(
      410, R"({"kind":"Status","status":"Failure","reason":"Expired","code":410})");
  CHECK(IsResourceExpired(expired));
  CHECK_FALSE(IsWatchClosed(expired));

  // Not a Status: the HTTP code decides, the body is the message.
  absl::Status plain = ErrorFromResponse(503, "upstream connect error");
  CHECK(plain.code() == absl::StatusCode::kUnavailable);
  CHECK(plain.message() == "upstream connect error");
  CHECK(api::ToApiStatus(plain).reason() == "ServiceUnavailable");
  CHECK(ErrorFromResponse(403, "").code() == absl::StatusCode::kPermissionDenied);
}

TEST_CASE("DecodeObject picks the type from apiVersion and kind") {
  absl::StatusOr<ObjectPtr> pod = DecodeObject(
      R"({"kind":"Pod","apiVersion":"v1","metadata":{"name":"a","namespace":"n"}})",
      k8s::apps::v1::Deployment::default_instance());
  REQUIRE(pod.ok());
  REQUIRE((*pod)->GetDescriptor() == Pod::descriptor());
  CHECK(static_cast<Pod&>(**pod).metadata().name() == "a");

  absl::StatusOr<ObjectPtr> status = DecodeObject(
      R"({"kind":"Status","apiVersion":"v1","status":"Success"})", Pod::default_instance());
  REQUIRE(status.ok());
  CHECK(IsStatus(**status));

  absl::StatusOr<ObjectPtr> untyped =
      DecodeObject(R"({"metadata":{"name":"b"}})", Pod::default_instance());
  REQUIRE(untyped.ok());
  CHECK((*untyped)->GetDescriptor() == Pod::descriptor());

  CHECK(DecodeObject("{", Pod::default_instance()).status().code() ==
        absl::StatusCode::kInternal);
}

TEST_CASE("DecodeList reads items, resourceVersion and continue") {
  absl::StatusOr<ListResult> list = DecodeList(
      R"({"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"42","continue":"c1"},)"
      R"("items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]})",
      ResourceFor<Pod>());
  REQUIRE(list.ok());
  CHECK(list->resource_version == "42");
  CHECK(list->continue_token == "c1");
  REQUIRE(list->items.size() == 2);
  CHECK(static_cast<Pod&>(*list->items[1]).metadata().name() == "b");

  absl::StatusOr<ListResult> empty =
      DecodeList(R"({"metadata":{"resourceVersion":"7"},"items":null})", ResourceFor<Pod>());
  REQUIRE(empty.ok());
  CHECK(empty->items.empty());
}

TEST_CASE("DecodeWatchEvent reads objects and ERROR statuses") {
  absl::StatusOr<WatchEvent> added = DecodeWatchEvent(
      R"({"type":"ADDED","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"a","resourceVersion":"5"}}})",
      ResourceFor<Pod>());
  REQUIRE(added.ok());
  CHECK(added->type == "ADDED");
  CHECK(static_cast<Pod&>(*added->object).metadata().resourceversion() == "5");

  absl::StatusOr<WatchEvent> error = DecodeWatchEvent(
      R"j({"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure",)j"
      R"j("message":"too old resource version: 1 (5)","reason":"Expired","code":410}})j",
      ResourceFor<Pod>());
  REQUIRE(error.ok());
  REQUIRE(IsStatus(*error->object));
  CHECK(static_cast<k8s::meta::v1::Status&>(*error->object).code() == 410);

  CHECK_FALSE(DecodeWatchEvent(R"({"object":{}})", ResourceFor<Pod>()).ok());
  CHECK_FALSE(DecodeWatchEvent(R"({"type":"ADDED"})", ResourceFor<Pod>()).ok());
}

}  // namespace
}  // namespace kube::client::internal
