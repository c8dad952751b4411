#pragma once

// Kubernetes JSON into any API message, driven by descriptors and the annotations of
// proto/k8s/options.proto.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "google/protobuf/message.h"
#include "rapidjson/document.h"

namespace kube::codec {

// Clears `message`, then fills it from `json`. Hard errors (malformed JSON, nesting
// deeper than kMaxNestingDepth, a JSON type that does not fit the field, bad base64,
// time, duration or quantity) are InvalidArgument naming the field path, e.g.
// "spec.containers[0].ports[1].containerPort: expected integer, got string"; the message
// is then partly filled. Unknown keys and repeated keys are not errors: their paths
// ("spec.containers[0].imagee") are appended to *unknown when it is given. `null`
// leaves a field absent. On a message with (k8s.api_version), "kind" and "apiVersion"
// are accepted and ignored.
absl::Status DecodeJson(std::string_view json, google::protobuf::Message& message,
                        std::vector<std::string>* unknown = nullptr);

// The same from a parsed value (see ParseJson in json_text.h).
absl::Status DecodeJsonValue(const rapidjson::Value& value, google::protobuf::Message& message,
                             std::vector<std::string>* unknown = nullptr);

}  // namespace kube::codec
