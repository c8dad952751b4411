#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/message.h>

#include "absl/status/statusor.h"

namespace kube::apiserver {

// What a response body is written as, chosen from the Accept header.
enum class OutputFormat {
  kJson,
  kYaml,
  kProtobuf,     // application/vnd.kubernetes.protobuf, only when JSON is not acceptable
  kTable,        // application/json;as=Table;g=meta.k8s.io;v=v1 (or v1beta1)
  kPartialMeta,  // application/json;as=PartialObjectMetadata[List];g=meta.k8s.io;v=v1
};

// Picks the response format. kubectl lists protobuf first for typed clients, but a
// JSON reply is what it handles best, so JSON wins whenever it is acceptable. An
// Accept header naming nothing we produce is 406 NotAcceptable.
absl::StatusOr<OutputFormat> NegotiateOutput(std::string_view accept);

// The Content-Type of a format's body.
std::string_view ContentTypeOf(OutputFormat format);

// A request body decoded into an object of the expected type.
struct DecodedBody {
  std::unique_ptr<google::protobuf::Message> object;
  std::string api_version;  // from the body; "" when absent
  std::string kind;         // from the body; "" when absent
  std::vector<std::string> unknown_fields;  // JSON fields the type does not have
};

// Decodes `body` per its Content-Type (JSON when absent, YAML, or the Kubernetes
// protobuf envelope) into a new message of `prototype`'s type. Malformed bodies are
// 400 BadRequest; other content types 415.
absl::StatusOr<DecodedBody> DecodeBody(std::string_view content_type, std::string_view body,
                                       const google::protobuf::Message& prototype);

// The media type without parameters, lower case: "application/json".
std::string BaseMediaType(std::string_view content_type);

}  // namespace kube::apiserver
