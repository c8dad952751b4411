#pragma once

// What upstream publishes of a CustomResourceDefinition version's openAPIV3Schema: the
// schema as its structural form holds it (NewStructural, then Unfold), before any
// flavor-specific conversion.

#include "apiserver/openapi/json_tree.h"

namespace kube::apiserver::openapi {

// `raw` (the openAPIV3Schema as stored) reduced to the keys a structural schema keeps
// (example, externalDocs, id, $schema, ... are dropped), false flags and empty
// strings left out as Go's omitempty does, and x-kubernetes-int-or-string unfolded
// into anyOf [integer, string] (or an allOf member with it) as Unfold does. Values
// (default, enum, x-kubernetes-validations) are kept as they are.
Json StructuralSchema(const Json& raw);

}  // namespace kube::apiserver::openapi
