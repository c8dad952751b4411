#pragma once

// Encodes a Swagger 2.0 document as gnostic's openapi.v2.Document, the protobuf form
// kubectl requests from /openapi/v2 (application/com.github.proto-openapi.spec.v2.v1.0+protobuf).

#include <string>

#include "absl/status/statusor.h"
#include "apiserver/openapi/gnostic_v2.pb.h"
#include "apiserver/openapi/json_tree.h"

namespace kube::apiserver::openapi {

// Converts the JSON form (as BuildV2Document makes it) to the gnostic model. Vendor
// extensions (x-...) keep their value as YAML text (JSON is valid YAML), which is how
// gnostic stores them and how kubectl reads them back. Keys this subset of the model
// cannot hold are InvalidArgument.
absl::StatusOr<::openapi::v2::Document> ToGnosticDocument(const Json& swagger);

}  // namespace kube::apiserver::openapi
