#pragma once

// The resources embedded in a custom resource (x-kubernetes-embedded-resource nodes)
// as upstream's objectmeta.Validate checks them after schema validation: apiVersion and
// kind present and well formed, metadata a valid ObjectMeta.

#include <functional>
#include <string>

#include "common/api/field_error.h"
#include "rapidjson/document.h"

namespace kube::apiserver::crd_schema {

// Validates an embedded resource's `metadata` value at `path` ("spec.template.metadata")
// as upstream does: decoded as ObjectMeta (a decoding failure is one Invalid error at
// `path`), then ObjectMeta validation with path-segment names, namespaced iff it sets a
// namespace, an empty name allowed. ObjectMeta is the server's business, so the caller
// supplies this.
using EmbeddedMetadataValidator =
    std::function<api::FieldErrors(const rapidjson::Value& metadata, const std::string& path)>;

// Errors of every embedded resource in `object` (the root is not one unless its schema
// says so). `validate_metadata` may be empty: metadata is then not checked.
api::FieldErrors ValidateEmbeddedResources(const rapidjson::Value& schema,
                                           const rapidjson::Value& object,
                                           const EmbeddedMetadataValidator& validate_metadata);

}  // namespace kube::apiserver::crd_schema
