#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/resource/format.h"

// The suffixes of resource.Quantity (upstream's suffix.go).
namespace kube::resource::internal {

// What a suffix multiplies by: base^exponent, base being 10 or 2.
struct SuffixMeaning {
  int base;
  int32_t exponent;
  Format format;
};

// "" n u m k M G T P E (decimal SI), Ki Mi Gi Ti Pi Ei (binary SI), or "e"/"E"
// followed by a signed integer (decimal exponent). nullopt for anything else,
// including exponents outside int32.
std::optional<SuffixMeaning> InterpretSuffix(std::string_view suffix);

// The decimal SI suffix for 10^exponent ("m" for -3, "" for 0, "E" for 18);
// nullopt when there is none.
std::optional<std::string_view> DecimalSISuffix(int64_t exponent);

// The binary SI suffix for 1024^exponent, exponent in [0, 6] ("" for 0).
std::string_view BinarySISuffix(int exponent);

// "e<exponent>", or "" for exponent 0.
std::string DecimalExponentSuffix(int64_t exponent);

}  // namespace kube::resource::internal
