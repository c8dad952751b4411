#pragma once

// Any API message to Kubernetes JSON, driven by descriptors and the annotations of
// proto/k8s/options.proto (omitempty, pointers, inline members, the JSON forms).

#include <string>

#include "google/protobuf/message.h"
#include "rapidjson/document.h"

namespace kube::codec {

struct EncodeOptions {
  // Write "kind" and "apiVersion" first for the top-level message if it has
  // (k8s.api_version). Nested messages (list items) never get them.
  bool type_meta = true;
};

// Compact JSON text, numbers formatted as Go does.
std::string EncodeJson(const google::protobuf::Message& message,
                       const EncodeOptions& options = {});

// The same as a RapidJSON value; strings are copied into `allocator`, so `out` does not
// depend on `message` afterwards.
void EncodeJsonValue(const google::protobuf::Message& message, rapidjson::Value& out,
                     rapidjson::Document::AllocatorType& allocator,
                     const EncodeOptions& options = {});

}  // namespace kube::codec
