#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "common/api/field_error.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::api {

// Kubernetes API errors as absl::Status. Each constructor returns a status whose
// canonical code fits the failure (NotFound, AlreadyExists, Aborted for conflicts,
// InvalidArgument, ...) and which carries the complete Kubernetes `Status` object
// as a payload, so the REST and gRPC layers answer with exactly the reason, message,
// details and HTTP code upstream would.
//
// `resource` is the qualified resource name used in messages: "pods",
// "deployments.apps".

absl::Status NotFoundError(std::string_view resource, std::string_view name);
absl::Status AlreadyExistsError(std::string_view resource, std::string_view name);
// 409 Conflict: "Operation cannot be fulfilled on pods "x": <detail>".
absl::Status ConflictError(std::string_view resource, std::string_view name,
                           std::string_view detail);
// 409 Conflict with a message of its own (server-side apply conflicts).
absl::Status ConflictMessageError(std::string_view message);
// The detail kubectl users know for a stale resourceVersion.
inline constexpr std::string_view kObjectModified =
    "the object has been modified; please apply your changes to the latest version and "
    "try again";
// 422 Invalid: "Pod "x" is invalid: [spec.containers: Required value, ...]".
absl::Status InvalidError(std::string_view group, std::string_view kind, std::string_view name,
                          const std::vector<FieldError>& errors);
absl::Status BadRequestError(std::string_view message);
// 422 with reason Invalid and a free-form message (a patch that cannot apply).
absl::Status UnprocessableEntityError(std::string_view message);
// 403: "pods "x" is forbidden: <reason>"; "forbidden: <reason>" without a resource.
absl::Status ForbiddenError(std::string_view resource, std::string_view name,
                            std::string_view reason);
// 401 "Unauthorized": a credential was presented and is not good (or none was, and
// anonymous requests are not allowed).
absl::Status UnauthorizedError();
absl::Status MethodNotAllowedError(std::string_view message);
absl::Status NotAcceptableError(std::string_view message);
absl::Status UnsupportedMediaTypeError(std::string_view content_type);
absl::Status RequestEntityTooLargeError(std::string_view message);
// 410 Expired: what a watch or list at a compacted resourceVersion gets.
absl::Status ExpiredError(std::string_view message);
// 410 Gone.
absl::Status GoneError(std::string_view message);
absl::Status TooManyRequestsError(std::string_view message, int retry_after_seconds);
absl::Status InternalError(std::string_view message);
absl::Status ServiceUnavailableError(std::string_view message);
absl::Status TimeoutError(std::string_view message);
// 404 for a path that names no resource.
absl::Status PathNotFoundError();

// Any status as a Kubernetes Status object. Statuses made above return their payload;
// others are mapped from their canonical code (NotFound -> 404 NotFound, Aborted ->
// 409 Conflict, OutOfRange -> 410 Expired, ...). OK gives a Success status.
k8s::meta::v1::Status ToApiStatus(const absl::Status& status);

// The reverse, for clients: a Status received from a server as an absl::Status
// carrying it.
absl::Status FromApiStatus(const k8s::meta::v1::Status& status);

// The HTTP code a status answers with.
int HttpCode(const absl::Status& status);

}  // namespace kube::api
