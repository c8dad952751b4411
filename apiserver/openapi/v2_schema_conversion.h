#pragma once

// Upstream's conversion of a custom resource's structural schema to what Swagger 2.0
// and kubectl's v2 reader can take (apiextensions' ToStructuralOpenAPIV2).

#include "apiserver/openapi/json_tree.h"

namespace kube::apiserver::openapi {

// `schema` (a StructuralSchema) converted for /openapi/v2, node by node, parent
// before children:
//  - allOf, anyOf, oneOf and not are removed (Swagger 2.0 has only allOf, and kubectl
//    reads none of them);
//  - a nullable node loses nullable, its type, items and properties (kubectl cannot
//    express "null or T", so it accepts anything there);
//  - x-kubernetes-preserve-unknown-fields drops items and properties, and an object
//    type, so kubectl does not reject the unknown fields;
//  - an array left without items loses its type;
//  - nullable properties (or a nullable additionalProperties) leave `required`.
Json ToV2Schema(Json schema);

}  // namespace kube::apiserver::openapi
