#pragma once

// The Kubernetes protobuf envelope (Content-Type application/vnd.kubernetes.protobuf):
// the 4 bytes "k8s\0", then runtime.Unknown {1: TypeMeta {1: apiVersion, 2: kind},
// 2: raw object bytes, 3: contentEncoding, 4: contentType}.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"

namespace kube::codec {

struct ProtobufEnvelope {
  std::string api_version;
  std::string kind;
  std::string raw;  // the object's protobuf bytes
  std::string content_encoding;
  std::string content_type;
};

// InvalidArgument if the magic is missing or the runtime.Unknown is malformed. Unknown
// fields are skipped. Parse `raw` into the kind's message, then call ClearZeroValues.
absl::StatusOr<ProtobufEnvelope> DecodeProtobufEnvelope(std::string_view body);

// Writes every field, empty ones included, as Go clients do; map entries are sorted.
std::string EncodeProtobufEnvelope(std::string_view api_version, std::string_view kind,
                                   const google::protobuf::Message& message);
std::string EncodeProtobufEnvelope(const ProtobufEnvelope& envelope);

}  // namespace kube::codec
