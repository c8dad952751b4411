#include "common/api/errors.h"

#include "absl/strings/cord.h"
#include "common/util/strings.h"


namespace kube::api {
namespace {

// The absl::Status payload that carries the Kubernetes Status.
constexpr char kStatusPayloadUrl[] = "k8s.io/meta.v1.Status";

struct QualifiedResource {
  std::string resource;
  std::string group;
};

// "deployments.apps" -> {deployments, apps}.
QualifiedResource SplitResource(std::string_view qualified) {
  size_t dot = qualified.find('.');
  if (dot == std::string_view::npos) return {std::string(qualified), ""};
  return {std::string(qualified.substr(0, dot)), std::string(qualified.substr(dot + 1))};
}

absl::Status Make(absl::StatusCode code, int http_code, std::string_view reason,
                  std::string message, k8s::meta::v1::StatusDetails* details = nullptr) {
  k8s::meta::v1::Status status;
  status.set_status("Failure");
  status.set_message(message);
  status.set_reason(std::string(reason));
  status.set_code(http_code);
  status.mutable_metadata();
  if (details != nullptr) *status.mutable_details() = *details;
  absl::Status result(code, message);
  result.SetPayload(kStatusPayloadUrl, absl::Cord(status.SerializeAsString()));
  return result;
}

k8s::meta::v1::StatusDetails ResourceDetails(std::string_view qualified, std::string_view name) {
  QualifiedResource split = SplitResource(qualified);
  k8s::meta::v1::StatusDetails details;
  if (!name.empty()) details.set_name(std::string(name));
  if (!split.group.empty()) details.set_group(split.group);
  details.set_kind(split.resource);
  return details;
}

}  // namespace

absl::Status NotFoundError(std::string_view resource, std::string_view name) {
  auto details = ResourceDetails(resource, name);
  return Make(absl::StatusCode::kNotFound, 404, "NotFound",
              StrCat(resource, " \"", name, "\" not found"), &details);
}

absl::Status AlreadyExistsError(std::string_view resource, std::string_view name) {
  auto details = ResourceDetails(resource, name);
  return Make(absl::StatusCode::kAlreadyExists, 409, "AlreadyExists",
              StrCat(resource, " \"", name, "\" already exists"), &details);
}

absl::Status ConflictError(std::string_view resource, std::string_view name,
                           std::string_view detail) {
  auto details = ResourceDetails(resource, name);
  return Make(absl::StatusCode::kAborted, 409, "Conflict",
              StrCat("Operation cannot be fulfilled on ", resource, " \"", name,
                           "\": ", detail),
              &details);
}

absl::Status ConflictMessageError(std::string_view message) {
  return Make(absl::StatusCode::kAborted, 409, "Conflict", std::string(message));
}

absl::Status InvalidError(std::string_view group, std::string_view kind, std::string_view name,
                          const std::vector<FieldError>& errors) {
  k8s::meta::v1::StatusDetails details;
  if (!group.empty()) details.set_group(std::string(group));
  details.set_kind(std::string(kind));
  details.set_name(std::string(name));
  std::vector<std::string> texts;
  for (const FieldError& error : errors) {
    auto* cause = details.add_causes();
    cause->set_reason(std::string(error.Reason()));
    cause->set_message(error.Body());
    cause->set_field(error.field);
    texts.push_back(error.ToString());
  }
  std::string qualified_kind = group.empty() ? std::string(kind) : StrCat(kind, ".", group);
  std::string message = StrCat(qualified_kind, " \"", name, "\" is invalid");
  if (texts.size() == 1) {
    StrAppend(&message, ": ", texts[0]);
  } else if (texts.size() > 1) {
    StrAppend(&message, ": [", StrJoin(texts, ", "), "]");
  }
  return Make(absl::StatusCode::kInvalidArgument, 422, "Invalid", message, &details);
}

absl::Status BadRequestError(std::string_view message) {
  return Make(absl::StatusCode::kInvalidArgument, 400, "BadRequest", std::string(message));
}

absl::Status UnprocessableEntityError(std::string_view message) {
  return Make(absl::StatusCode::kInvalidArgument, 422, "Invalid", std::string(message));
}

absl::Status ForbiddenError(std::string_view resource, std::string_view name,
                            std::string_view reason) {
  if (resource.empty()) {  // a non-resource path
    k8s::meta::v1::StatusDetails details;
    if (!name.empty()) details.set_name(std::string(name));
    return Make(absl::StatusCode::kPermissionDenied, 403, "Forbidden",
                StrCat("forbidden: ", reason), &details);
  }
  auto details = ResourceDetails(resource, name);
  std::string subject = name.empty() ? std::string(resource)
                                     : StrCat(resource, " \"", name, "\"");
  return Make(absl::StatusCode::kPermissionDenied, 403, "Forbidden",
              StrCat(subject, " is forbidden: ", reason), &details);
}

absl::Status UnauthorizedError() {
  return Make(absl::StatusCode::kUnauthenticated, 401, "Unauthorized", "Unauthorized", nullptr);
}

absl::Status MethodNotAllowedError(std::string_view message) {
  return Make(absl::StatusCode::kUnimplemented, 405, "MethodNotAllowed", std::string(message));
}

absl::Status NotAcceptableError(std::string_view message) {
  return Make(absl::StatusCode::kInvalidArgument, 406, "NotAcceptable", std::string(message));
}

absl::Status UnsupportedMediaTypeError(std::string_view content_type) {
  return Make(absl::StatusCode::kInvalidArgument, 415, "UnsupportedMediaType",
              StrCat("the body of the request was in an unknown format (", content_type,
                           ") - accepted media types include: application/json, "
                           "application/yaml, application/vnd.kubernetes.protobuf"));
}

absl::Status RequestEntityTooLargeError(std::string_view message) {
  return Make(absl::StatusCode::kInvalidArgument, 413, "RequestEntityTooLarge",
              StrCat("Request entity too large: ", message));
}

absl::Status ExpiredError(std::string_view message) {
  return Make(absl::StatusCode::kOutOfRange, 410, "Expired", std::string(message));
}

absl::Status GoneError(std::string_view message) {
  return Make(absl::StatusCode::kOutOfRange, 410, "Gone", std::string(message));
}

absl::Status TooManyRequestsError(std::string_view message, int retry_after_seconds) {
  k8s::meta::v1::StatusDetails details;
  details.set_retryafterseconds(retry_after_seconds);
  return Make(absl::StatusCode::kResourceExhausted, 429, "TooManyRequests", std::string(message),
              &details);
}

absl::Status InternalError(std::string_view message) {
  k8s::meta::v1::StatusDetails details;
  details.add_causes()->set_message(std::string(message));
  return Make(absl::StatusCode::kInternal, 500, "InternalError",
              StrCat("Internal error occurred: ", message), &details);
}

absl::Status ServiceUnavailableError(std::string_view message) {
  return Make(absl::StatusCode::kUnavailable, 503, "ServiceUnavailable", std::string(message));
}

absl::Status TimeoutError(std::string_view message) {
  return Make(absl::StatusCode::kDeadlineExceeded, 504, "Timeout", std::string(message));
}

absl::Status PathNotFoundError() {
  k8s::meta::v1::StatusDetails details;
  return Make(absl::StatusCode::kNotFound, 404, "NotFound",
              "the server could not find the requested resource", &details);
}

k8s::meta::v1::Status ToApiStatus(const absl::Status& status) {
  k8s::meta::v1::Status result;
  result.mutable_metadata();
  if (status.ok()) {
    result.set_status("Success");
    result.set_code(200);
    return result;
  }
  if (auto payload = status.GetPayload(kStatusPayloadUrl)) {
    if (result.ParseFromString(std::string(*payload))) return result;
  }
  int code = 500;
  std::string_view reason = "InternalError";
  switch (status.code()) {
    case absl::StatusCode::kNotFound: code = 404; reason = "NotFound"; break;
    case absl::StatusCode::kAlreadyExists: code = 409; reason = "AlreadyExists"; break;
    case absl::StatusCode::kAborted: code = 409; reason = "Conflict"; break;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition: code = 400; reason = "BadRequest"; break;
    case absl::StatusCode::kOutOfRange: code = 410; reason = "Expired"; break;
    case absl::StatusCode::kUnimplemented: code = 405; reason = "MethodNotAllowed"; break;
    case absl::StatusCode::kPermissionDenied: code = 403; reason = "Forbidden"; break;
    case absl::StatusCode::kUnauthenticated: code = 401; reason = "Unauthorized"; break;
    case absl::StatusCode::kResourceExhausted: code = 429; reason = "TooManyRequests"; break;
    case absl::StatusCode::kDeadlineExceeded: code = 504; reason = "Timeout"; break;
    case absl::StatusCode::kUnavailable: code = 503; reason = "ServiceUnavailable"; break;
    default: break;
  }
  result.set_status("Failure");
  result.set_message(std::string(status.message()));
  result.set_reason(std::string(reason));
  result.set_code(code);
  return result;
}

absl::Status FromApiStatus(const k8s::meta::v1::Status& status) {
  if (status.status() == "Success") return absl::OkStatus();
  absl::StatusCode code = absl::StatusCode::kUnknown;
  switch (status.code()) {
    case 400: case 406: case 413: case 415: case 422:
      code = absl::StatusCode::kInvalidArgument; break;
    case 401: code = absl::StatusCode::kUnauthenticated; break;
    case 403: code = absl::StatusCode::kPermissionDenied; break;
    case 404: code = absl::StatusCode::kNotFound; break;
    case 405: code = absl::StatusCode::kUnimplemented; break;
    case 409:
      code = status.reason() == "AlreadyExists" ? absl::StatusCode::kAlreadyExists
                                                : absl::StatusCode::kAborted;
      break;
    case 410: code = absl::StatusCode::kOutOfRange; break;
    case 429: code = absl::StatusCode::kResourceExhausted; break;
    case 500: code = absl::StatusCode::kInternal; break;
    case 503: code = absl::StatusCode::kUnavailable; break;
    case 504: code = absl::StatusCode::kDeadlineExceeded; break;
    default: break;
  }
  absl::Status result(code, status.message());
  result.SetPayload(kStatusPayloadUrl, absl::Cord(status.SerializeAsString()));
  return result;
}

int HttpCode(const absl::Status& status) { return ToApiStatus(status).code(); }

}  // namespace kube::api
