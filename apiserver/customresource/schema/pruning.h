#pragma once

// Structural pruning of custom resources (upstream's pruning.Prune and
// defaulting.PruneNonNullableNullsWithoutDefaults): what the schema does not specify
// is dropped when a custom resource is decoded, before defaulting and validation.
// Only the structural skeleton counts (properties, items, additionalProperties, the
// x-kubernetes extensions); allOf/anyOf/oneOf/not never specify fields.

#include <string>
#include <vector>

#include "rapidjson/document.h"

namespace kube::apiserver::crd_schema {

// Removes from the custom resource `object` every field `schema` does not specify,
// keeping subtrees under x-kubernetes-preserve-unknown-fields (their specified fields
// are still pruned), apiVersion/kind/metadata at the root and in embedded resources,
// and additionalProperties values (pruned by their schema). If `pruned` is set, it
// receives the removed fields' paths sorted ("spec.foo", "spec.list[0].bar"): upstream
// warns `unknown field "spec.foo"` with them.
void Prune(const rapidjson::Value& schema, rapidjson::Value& object,
           std::vector<std::string>* pruned = nullptr);

// The same for a value that is not a resource root (a schema's default), which keeps
// apiVersion/kind/metadata only if `schema` is an embedded resource.
void PruneValue(const rapidjson::Value& schema, rapidjson::Value& value,
                std::vector<std::string>* pruned = nullptr);

// Removes fields (at any depth) that are null while their schema is neither nullable
// nor has a default; nulls with a default are left for defaulting to replace.
void PruneNonNullableNulls(const rapidjson::Value& schema, rapidjson::Value& object);

}  // namespace kube::apiserver::crd_schema
