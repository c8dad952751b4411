#pragma once

// How go-yaml v2 (which kubectl and the apiserver use through sigs.k8s.io/yaml) types a
// plain, untagged YAML scalar. Quoted and block scalars are always strings.

#include <cstdint>
#include <string>
#include <string_view>

namespace kube::codec {

struct YamlScalar {
  enum class Kind { kNull, kBool, kInt, kUint, kFloat, kString };
  Kind kind = Kind::kString;
  bool boolean = false;
  int64_t integer = 0;    // kInt
  uint64_t unsigned_integer = 0;  // kUint: above int64
  double floating = 0;    // kFloat, possibly NaN or infinite
};

// The resolution table of go-yaml v2: "", ~, null/Null/NULL -> null; y/Y/yes/Yes/YES/
// true/True/TRUE/on/On/ON (and their negatives n/no/false/off) -> bool; integers in
// decimal, 0x hex, 0o or leading-0 octal and 0b binary, with "_" ignored; floats such as
// 1.5, .5, 1e3, .inf, -.Inf, .nan; everything else (timestamps too) -> string.
YamlScalar ResolvePlainScalar(std::string_view text);

// The JSON text of a resolved non-string scalar ("null", "true", "42", "0.5"), or "" for
// strings and for NaN/infinity, which JSON cannot hold.
std::string YamlScalarJson(const YamlScalar& scalar);

}  // namespace kube::codec
