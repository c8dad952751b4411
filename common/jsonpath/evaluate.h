#pragma once

// Evaluates a parsed template against a JSON document as client-go's
// JSONPath.FindResults does on the unstructured form of an object.

#include <vector>

#include "absl/status/statusor.h"
#include "common/jsonpath/node.h"
#include "rapidjson/document.h"

namespace kube::jsonpath {

// The values one node of the template's top level produced. Each points into the
// document or, for literal text and numbers, into the template: both must outlive it.
using Values = std::vector<const rapidjson::Value*>;

struct EvaluateOptions {
  // upstream's AllowMissingKeys(true): a missing key yields no value instead of the
  // error "<key> is not found". kubectl and the CRD printer turn it on.
  bool allow_missing_keys = false;
};

// One Values per top-level node (text or {action}), in order. Errors are
// InvalidArgument with upstream's message: "spec is not found", "array index out of
// bounds: index 3, length 2", "map[string]interface {} is not array or slice",
// "incompatible types for comparison", ... {range}/{end} are not supported
// (Unimplemented).
absl::StatusOr<std::vector<Values>> FindResults(const Template& parsed,
                                                const rapidjson::Value& data,
                                                EvaluateOptions options = {});

}  // namespace kube::jsonpath
