#pragma once

// The `default`s of a structural CRD schema (upstream's defaulting.ValidateDefaults):
// each must validate against the schema node it sits on and must not be changed by
// pruning.

#include <string_view>

#include "common/api/field_error.h"
#include "rapidjson/document.h"

namespace kube::apiserver::crd_schema {

// Errors of the defaults under `schema`, a CRD version's root schema at `path`. Only
// properties and items are walked (as upstream: not additionalProperties).
api::FieldErrors CheckDefaults(const rapidjson::Value& schema, std::string_view path);

}  // namespace kube::apiserver::crd_schema
