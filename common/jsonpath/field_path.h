#pragma once

// Simple field paths such as ".spec.replicas": a dot before each object key, no
// brackets, wildcards or filters. The scale subresource of a custom resource reads and
// writes replicas at such paths (specReplicasPath, statusReplicasPath), as upstream
// does with unstructured.NestedFieldNoCopy and SetNestedField.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "rapidjson/document.h"

namespace kube::jsonpath {

// ".spec.replicas" -> {"spec", "replicas"}. Anything else is InvalidArgument, e.g.
// `".spec.items[0]" is not a simple field path like .spec.replicas: "items[0]" has '['`.
absl::StatusOr<std::vector<std::string>> SplitFieldPath(std::string_view path);

// The value at `path` in `object`, or nullptr when a key on the way is missing or
// null. A non-object on the way is an error as upstream words it:
// ".spec.replicas accessor error: 3 is of the type int64, expected map[string]interface{}".
absl::StatusOr<const rapidjson::Value*> GetField(const rapidjson::Value& object,
                                                 std::string_view path);

// Sets the value at `path` in `object` (an object), creating missing or null
// intermediate objects. A non-object on the way is an error, e.g. "value cannot be
// set because .spec is not a map[string]interface{}"; `object` is then unchanged.
absl::Status SetField(rapidjson::Value& object, std::string_view path, rapidjson::Value value,
                      rapidjson::Value::AllocatorType& allocator);

}  // namespace kube::jsonpath
