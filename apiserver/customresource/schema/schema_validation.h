#pragma once

// A v1 CustomResourceDefinition version's openAPIV3Schema as apiextensions validates
// it: the entry point for CRD validation. The pieces are in structural_check.h,
// default_check.h and openapi_schema_check.h.

#include <string_view>

#include "common/api/field_error.h"
#include "rapidjson/document.h"

namespace kube::apiserver::crd_schema {

// All errors of `schema` at `path` ("spec.versions[0].schema.openAPIV3Schema"), in
// upstream's order: nullable at the root; then the structural errors (sorted), or, when
// there are none, the defaults' errors; then the keyword errors of every node. A schema
// that cannot be read as structural (an unsupported keyword) skips the structural and
// default checks; its reason is reported only if nothing else is.
api::FieldErrors ValidateStructuralSchema(const rapidjson::Value& schema, std::string_view path);

}  // namespace kube::apiserver::crd_schema
