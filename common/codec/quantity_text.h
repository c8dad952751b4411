#pragma once

// The text of resource.Quantity ("500m", "1Gi", "2e3"): the syntax check the JSON
// decoder applies, and Go's canonical form for quantities sent as JSON numbers.

#include <string>
#include <string_view>

namespace kube::codec {

// True if Go's resource.ParseQuantity accepts `text`: an optional sign, a decimal
// number, then one of the suffixes n u m k M G T P E Ki Mi Gi Ti Pi Ei or e<exponent>.
bool IsValidQuantity(std::string_view text);

// Go's canonical DecimalSI form of a decimal number such as "0.5", "1000" or "2.5e-3"
// (JSON number syntax): "500m", "1k", "2500u". Values finer than a nano round up to 1n.
// Returns "" if `number` is not JSON number syntax.
std::string CanonicalQuantityFromNumber(std::string_view number);

}  // namespace kube::codec
