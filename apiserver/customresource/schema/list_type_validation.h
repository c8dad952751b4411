#pragma once

// Uniqueness of x-kubernetes-list-type set and map arrays in a custom resource
// (upstream's listtype.ValidateListSetsAndMaps, run by the custom resource strategy
// after schema validation).

#include "common/api/field_error.h"
#include "rapidjson/document.h"

namespace kube::apiserver::crd_schema {

// Duplicate errors for repeated set items and repeated map keys, Invalid for a map
// list item that is not an object; paths from the object's root ("spec.ports[1]").
api::FieldErrors ValidateListSetsAndMaps(const rapidjson::Value& schema,
                                         const rapidjson::Value& object);

}  // namespace kube::apiserver::crd_schema
