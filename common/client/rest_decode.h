#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/client/transport.h"

// How the REST transport reads what a server sends: objects, lists, watch event
// lines and error Status bodies, all Kubernetes JSON. Pure and thread-safe.
namespace kube::client::internal {

// The error for a non-2xx answer: the body's Status (kube::api::FromApiStatus)
// when it is one, else one made from the HTTP code with the body as its message.
absl::Status ErrorFromResponse(long http_code, std::string_view body);

// One object. Its type comes from the body's apiVersion and kind when the scheme
// knows them (a subresource may answer with a Scale or a Status); else `fallback`.
absl::StatusOr<ObjectPtr> DecodeObject(std::string_view body,
                                       const google::protobuf::Message& fallback);

// A list of `resource`: items decoded one by one, plus the list's
// resourceVersion and continue token.
absl::StatusOr<ListResult> DecodeList(std::string_view body, const Resource& resource);

// One line of a watch stream: {"type":"ADDED","object":{...}}. ERROR objects are
// decoded as k8s::meta::v1::Status, all others as `resource`'s kind.
absl::StatusOr<WatchEvent> DecodeWatchEvent(std::string_view line, const Resource& resource);

// Whether a decoded object is a k8s::meta::v1::Status.
bool IsStatus(const google::protobuf::Message& object);

}  // namespace kube::client::internal
