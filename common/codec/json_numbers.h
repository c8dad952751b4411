#pragma once

// Reading integers and floats out of JSON numbers, with Go's range rules. Internal to
// the codec; error messages leave the field path to the caller.

#include <cstdint>

#include "absl/status/statusor.h"
#include "rapidjson/document.h"

namespace kube::codec::internal {

// An integer in [min, max]. Integral floats ("3.0", "1e3") are accepted; fractions,
// non-numbers and out-of-range values are InvalidArgument ("expected integer, got string").
absl::StatusOr<int64_t> JsonToInt(const rapidjson::Value& value, int64_t min, int64_t max);
absl::StatusOr<uint64_t> JsonToUint(const rapidjson::Value& value, uint64_t max);

// Any JSON number; for bits == 32 it must fit a float.
absl::StatusOr<double> JsonToDouble(const rapidjson::Value& value, int bits);

}  // namespace kube::codec::internal
