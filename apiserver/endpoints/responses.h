#pragma once

#include <string>
#include <vector>

#include <google/protobuf/message.h>
#include <httplib.h>

#include "absl/status/status.h"
#include "apiserver/endpoints/content_negotiation.h"

namespace kube::apiserver {

// Writes `status` as a Kubernetes Status object with its HTTP code.
void WriteError(httplib::Response& response, const absl::Status& status);

// Encodes one object (with kind and apiVersion) in `format` (JSON, YAML or protobuf).
std::string EncodeObject(const google::protobuf::Message& object, OutputFormat format);

// Writes one object with `http_code`.
void WriteObject(httplib::Response& response, int http_code,
                 const google::protobuf::Message& object, OutputFormat format);

// Adds upstream's warning header: `Warning: 299 - "<text>"`.
void AddWarning(httplib::Response& response, const std::string& text);

}  // namespace kube::apiserver
