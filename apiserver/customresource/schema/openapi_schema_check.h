#pragma once

// The keyword rules apiextensions applies to every node of a v1 CRD's schema
// (upstream's ValidateCustomResourceDefinitionOpenAPISchema with the v3 standard
// validator): unsupported keywords, where defaults may be set, uniqueItems, the
// x-kubernetes list/map extensions, x-kubernetes-validations (rules are not compiled:
// no CEL here).

#include <string_view>

#include "common/api/field_error.h"
#include "rapidjson/document.h"

namespace kube::apiserver::crd_schema {

// The errors of `schema` (the root, at `path` such as
// "spec.versions[0].schema.openAPIV3Schema") and every node under it.
api::FieldErrors CheckOpenApiSchema(const rapidjson::Value& schema, std::string_view path);

}  // namespace kube::apiserver::crd_schema
