#pragma once

// The comparisons of a filter ([?(@.a < 3)]), as client-go's forked text/template
// funcs compare Go values: only bools, integers, floats and strings compare; an
// integer never equals a float ("incompatible types for comparison"); bools only
// compare for (in)equality.

#include <string_view>

#include "absl/status/statusor.h"
#include "rapidjson/document.h"

namespace kube::jsonpath {

// `op` is one of == != < > <= >=; another is "unrecognized filter operator <op>".
absl::StatusOr<bool> Compare(const rapidjson::Value& left, std::string_view op,
                             const rapidjson::Value& right);

}  // namespace kube::jsonpath
