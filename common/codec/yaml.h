#pragma once

// YAML <-> JSON text, typed like sigs.k8s.io/yaml (go-yaml v2), so a manifest means
// the same here as it does to kubectl.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace kube::codec {

// One compact JSON text per document ("---" separated); empty and null documents are
// skipped. Plain scalars resolve as ResolvePlainScalar says; quoted and block scalars
// are strings. Anchors, aliases and "<<" merge keys are expanded; non-string keys become
// their text ("1", "true"). Errors: malformed YAML, non-scalar keys, NaN/infinity values,
// invalid UTF-8, nesting deeper than kMaxNestingDepth, and alias expansion past a million
// nodes.
absl::StatusOr<std::vector<std::string>> YamlToJson(std::string_view yaml);

// Block-style YAML for one JSON text, keys in their JSON order. Strings that would read
// back as another type ("true", "1.5", "null", "") and multi-line or unusual strings are
// double-quoted, so YamlToJson(JsonToYaml(j)) is j again (numbers keep their text).
absl::StatusOr<std::string> JsonToYaml(std::string_view json);

}  // namespace kube::codec
