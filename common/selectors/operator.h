#pragma once

#include <string_view>

namespace kube::selectors {

// The relation a selector requirement asserts between a key and its values,
// as in k8s.io/apimachinery/pkg/selection.
enum class Operator {
  kEquals,        // "=": the key is present with exactly the one value.
  kDoubleEquals,  // "==": same as kEquals; kept apart so ToString echoes it.
  kNotEquals,     // "!=": the key is absent or has a different value.
  kIn,            // "in": the key is present with one of the values.
  kNotIn,         // "notin": the key is absent or has none of the values.
  kExists,        // "exists": the key is present, whatever its value.
  kDoesNotExist,  // "!": the key is absent.
  kGreaterThan,   // "gt": the key's value, as an integer, is greater.
  kLessThan,      // "lt": the key's value, as an integer, is smaller.
};

// Upstream's spelling of op ("=", "==", "!=", "in", "notin", "exists", "!",
// "gt", "lt"), as it appears in error messages.
std::string_view OperatorName(Operator op);

}  // namespace kube::selectors
