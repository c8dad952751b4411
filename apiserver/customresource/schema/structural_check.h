#pragma once

// Whether a CRD version's openAPIV3Schema is structural (upstream's
// schema.NewStructural and schema.ValidateStructural): every field is specified outside
// allOf/anyOf/oneOf/not with a type, value validations in those junctors specify no
// type/default/description/nullable/extensions, metadata at the root restricts at
// most name and generateName.

#include <optional>
#include <string>
#include <string_view>

#include "common/api/field_error.h"
#include "rapidjson/document.h"

namespace kube::apiserver::crd_schema {

// Why the schema cannot be read as a structural schema at all (a keyword it does not
// support, `items` as an array, x-kubernetes-preserve-unknown-fields false), with
// upstream's NewStructural error text; nullopt if it can.
std::optional<std::string> StructuralConversionError(const rapidjson::Value& schema);

// The structural-schema errors of `schema` (which StructuralConversionError accepts),
// sorted by their text as upstream sorts them. `path` is the schema's field path, e.g.
// "spec.versions[0].schema.openAPIV3Schema".
api::FieldErrors CheckStructural(const rapidjson::Value& schema, std::string_view path);

}  // namespace kube::apiserver::crd_schema
